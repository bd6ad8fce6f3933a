import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { startPlatform, type Platform } from '../../../all-in-one/src/platform.js';

// A global of the page, for the callbacks run inside it by page.evaluate (compiled without DOM types).
declare const document: { documentElement: { lang: string } };
declare const window: { scrollTo(x: number, y: number): void };

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

export interface WebStack {
  platform: Platform;
  url: string;
  close(): Promise<void>;
}

/**
 * The platform as `npm start` runs it (embedded storage, the real sandbox), its gateway serving the
 * built app (apps/all-in-one/src/web-app.ts): build first, since it serves only a build it finds at start.
 */
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
    // Every browser test signs up from 127.0.0.1.
    GUEST_SIGNUPS_PER_ADDRESS: '100000',
    // `E2E_LOG_LEVEL=info` shows the platform's request and stop logs when a run needs explaining.
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
  });
  const url = `http://127.0.0.1:${gatewayPort}`;
  const index = await fetch(`${url}/lobby`);
  if (!(await index.text()).includes('<div id="root">')) {
    await platform.stop();
    throw new Error(`the platform does not serve ${distDir} (GET /lobby answered ${index.status})`);
  }
  // The tests' claim that the app runs under its CSP holds only if it is served with one.
  if (!index.headers.get('content-security-policy')?.includes("script-src 'self'")) {
    await platform.stop();
    throw new Error('the platform serves the app without its Content-Security-Policy');
  }
  return { platform, url, close: () => platform.stop() };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Every Content-Security-Policy violation reported by any page of any browser these tests launch:
 * a test file ends by requiring none (the app must work under the policy it is served with).
 */
export const cspViolations: string[] = [];

/** Headless Chromium with a fresh profile, its pages reporting CSP violations to `cspViolations`. */
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
  await context.exposeBinding('reportCspViolation', ({ page }, violation: string) => {
    cspViolations.push(`${page.url()}: ${violation}`);
  });
  await context.addInitScript(() => {
    const reporting = globalThis as unknown as {
      document: { addEventListener(type: string, listener: (event: CspViolation) => void): void };
      reportCspViolation(violation: string): void;
    };
    interface CspViolation {
      effectiveDirective: string;
      blockedURI: string;
      sourceFile: string;
      lineNumber: number;
      sample: string;
    }
    reporting.document.addEventListener('securitypolicyviolation', (event) =>
      reporting.reportCspViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      ),
    );
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  stack: WebStack;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** The browser's first page. */
  page: Page;
  /** Uncaught errors of `page` (a test adds its other pages' own). */
  pageErrors: string[];
}

/** What every browser test starts from: the app built and served by the platform, and a fresh Chromium. */
export async function openBrowserSession(): Promise<BrowserSession> {
  // A browser is slower than one second (the default of expect.poll) now and then.
  vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
  buildWeb();
  const stack = await startWebStack();
  const browser = await launchBrowser();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  mkdirSync(screenshotDir, { recursive: true });
  return { stack, browser, page, pageErrors };
}

/**
 * A screenshot of `on` in Korean, then in English (through the header's own toggle), back in Korean:
 * every page the tests visit, under test-results/screenshots (git-ignored).
 */
export async function shootInBothLanguages(on: Page, name: string): Promise<void> {
  const lang = () => on.evaluate(() => document.documentElement.lang);
  await on.evaluate(() => window.scrollTo(0, 0));
  await on.screenshot({ path: join(screenshotDir, `${name}.ko.png`), fullPage: true });
  await on.getByRole('button', { name: 'English' }).click();
  await expect.poll(lang).toBe('en');
  await on.screenshot({ path: join(screenshotDir, `${name}.en.png`), fullPage: true });
  await on.getByRole('button', { name: '한국어' }).click();
  await expect.poll(lang).toBe('ko');
}
