import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The policy the single-page app runs under, here and in the web image's nginx
 * (deploy/docker/web/security-headers.conf, kept equal by web-app.test.ts). Scripts, fonts, images
 * and connections come from this origin only; no inline script anywhere. Inline styles are allowed
 * (`'unsafe-inline'` in style-src): CodeMirror inserts `<style>` elements (its style-mod uses
 * constructed stylesheets only inside shadow roots) and KaTeX's math carries `style="…"` attributes,
 * both generated at run time, so neither a hash nor (for static files behind nginx) a nonce can
 * name them. Fonts and the favicon may be `data:` URIs (Vite inlines small files). docs/web.md.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const WEB_APP_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WEB_APP_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** The web app's production build (`npm run build -w @corazy/web`). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Serves the single-page app on the gateway's port, as nginx does in a cluster: hashed assets are
 * cached for a year, `index.html` never, and any other GET outside /api answers `index.html` so
 * that deep links (/lobby, /room/…) load the app. Returns false when there is no build to serve.
 */
export async function serveWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<boolean> {
  if (!existsSync(join(dist, 'index.html'))) return false;
  // Its own context, so that its headers replace the API's (set on every request by the gateway).
  await app.register(async (web) => {
    web.addHook('onRequest', async (_request, reply) => {
      reply.headers(WEB_APP_SECURITY_HEADERS);
    });
    await web.register(fastifyStatic, {
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
    web.get('/*', async (request, reply) => {
      const path = request.url.split('?')[0]!;
      // Files and folders whose name starts with a dot (the bundler's .vite/manifest.json) are not
      // the app's to publish.
      if (/\/\./.test(path))
        return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no file ${path}` } });
      if (path.startsWith('/assets/')) {
        const file = join(dist, path);
        if (file.startsWith(dist) && existsSync(file)) return reply.sendFile(path.slice(1));
        return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no asset ${path}` } });
      }
      if (path !== '/' && existsSync(join(dist, path)) && !path.includes('..'))
        return reply.sendFile(path.slice(1));
      return reply.sendFile('index.html');
    });
  });
  return true;
}
