import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The web app's production build (`npm run build -w @corazy/web`). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Serves the single-page app on the gateway's port, as nginx does in a cluster: hashed assets are
 * cached for a year, `index.html` never, and any other GET outside /api answers `index.html` so
 * that deep links (/lobby, /room/…) load the app. Returns false when there is no build to serve.
 */
export async function serveWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<boolean> {
  if (!existsSync(join(dist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    // Every response gets the header set below instead of send's `max-age=0`.
    cacheControl: false,
    setHeaders(response, path) {
      response.setHeader(
        'cache-control',
        path.includes(`${join(dist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/assets/')) {
      const file = join(dist, path);
      if (file.startsWith(dist) && existsSync(file)) return reply.sendFile(path.slice(1));
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no asset ${path}` } });
    }
    if (path !== '/' && existsSync(join(dist, path)) && !path.includes('..'))
      return reply.sendFile(path.slice(1));
    return reply.sendFile('index.html');
  });
  return true;
}
