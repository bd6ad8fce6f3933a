import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * nginx as the reference reverse proxy: one worker (the gateway is one Node process), upstream
 * keep-alive, no access log (the gateway logs at warn in the benchmark too).
 */
export async function startNginx(
  port: number,
  upstream: string,
): Promise<{ stop: () => void; process: ChildProcess }> {
  const prefix = await mkdtemp(join(tmpdir(), 'bench-nginx-'));
  const upstreamHost = new URL(upstream).host;
  await writeFile(
    join(prefix, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  upstream auth { server ${upstreamHost}; keepalive 256; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://auth;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return { process: child, stop: () => child.kill('SIGQUIT') };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('nginx did not start');
}
