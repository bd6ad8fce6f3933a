import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWebApp, WEB_APP_SECURITY_HEADERS } from './web-app.js';

/** The web app's headers and files, on a build of three files (the real one is in platform.test.ts). */
let dist: string;
let app: FastifyInstance;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'corazy-web-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, 'index.html'), '<div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-1a2b.js'), 'console.log(1)');
  writeFileSync(join(dist, '.vite', 'manifest.json'), '{}');
  app = Fastify();
  // What the gateway sets on every answer: the web app's own headers must replace it.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', "default-src 'none'");
  });
  expect(await serveWebApp(app, `${dist}/`)).toBe(true);
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it.each([['/'], ['/room/abc'], ['/assets/index-1a2b.js'], ['/assets/missing.js']])(
    '%s carries the security headers',
    async (url) => {
      const response = await app.inject({ url });
      for (const [name, value] of Object.entries(WEB_APP_SECURITY_HEADERS))
        expect(response.headers[name]).toBe(value);
    },
  );

  it('does not publish the bundler manifest or any dot file', async () => {
    for (const url of ['/.vite/manifest.json', '/.vite/', '/assets/.hidden'])
      expect((await app.inject({ url })).statusCode).toBe(404);
  });

  it("has the same headers as the web image's nginx", () => {
    const snippet = readFileSync(
      fileURLToPath(new URL('../../../deploy/docker/web/security-headers.conf', import.meta.url)),
      'utf8',
    );
    const nginx = Object.fromEntries(
      [...snippet.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((match) => [
        match[1]!.toLowerCase(),
        match[2],
      ]),
    );
    expect(nginx).toEqual(WEB_APP_SECURITY_HEADERS);
  });
});
