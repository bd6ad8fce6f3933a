import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { startPlatform, type Platform } from '../../../all-in-one/src/platform.js';

export const webRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = join(webRoot, 'dist');
export const screenshotDir = join(webRoot, 'test-results', 'screenshots');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Builds the app (vite build) so the test runs what the sources say now. */
export function buildWeb(): void {
  const vite = join(webRoot, '..', '..', 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: webRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.map': 'application/json',
};
const API = /^\/(api\/|healthz$|readyz$|metrics$)/;

/**
 * What the all-in-one will do (docs/web.md): serve `dist` with the SPA fallback and pass /api (HTTP
 * and WebSocket upgrades), /healthz, /readyz and /metrics to the gateway. Test support only.
 */
export async function serveWeb(gateway: URL, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (API.test(path)) {
      const upstream = httpRequest(
        { host: gateway.hostname, port: gateway.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'UPSTREAM_UNAVAILABLE', message: 'gateway unreachable' } }));
      });
      req.pipe(upstream);
      return;
    }
    const file = normalize(join(distDir, path));
    const isAsset = file.startsWith(distDir) && existsSync(file) && statSync(file).isFile();
    const target = isAsset ? file : join(distDir, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': target.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(target).pipe(res);
  });
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(Number(gateway.port), gateway.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

export interface WebStack {
  platform: Platform;
  url: string;
  close(): Promise<void>;
}

/** The platform (embedded storage, real sandbox) with the built app in front of it. */
export async function startWebStack(): Promise<WebStack> {
  const gatewayPort = await freePort();
  const platform = await startPlatform({
    ...process.env,
    CORAZY_EMBEDDED_STORAGE: 'memory',
    DATABASE_URL: '',
    REDIS_URL: '',
    AMQP_URL: '',
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const webPort = await freePort();
  const server = await serveWeb(new URL(`http://127.0.0.1:${gatewayPort}`), webPort);
  return {
    platform,
    url: `http://127.0.0.1:${webPort}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await platform.stop();
    },
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with a fresh profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'corazy-web-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 720 },
    locale: 'ko-KR',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
