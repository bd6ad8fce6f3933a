import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Dictation, DictationList } from '@corazy/contracts';
import { buildWeb, launchBrowser, screenshotDir, startWebStack, type WebStack } from './support.js';

/**
 * The built app in headless Chromium against the whole platform (embedded storage, the real
 * sandbox): guest sign-in, a challenge judged live, a dictation run verified by the relay. Every page
 * is photographed in Korean and in English under test-results/screenshots.
 */
// Globals of the page, for the callbacks run inside it by page.evaluate (this file is compiled without DOM types).
declare const document: { documentElement: { lang: string } };
declare const localStorage: { setItem(key: string, value: string): void; removeItem(key: string): void; clear(): void };

let stack: WebStack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  buildWeb();
  stack = await startWebStack();
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  mkdirSync(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
}, 60_000);

/** A screenshot in Korean, then in English (through the UI's own toggle), back in Korean. */
async function shoot(name: string) {
  await page.screenshot({ path: join(screenshotDir, `${name}.ko.png`), fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.screenshot({ path: join(screenshotDir, `${name}.en.png`), fullPage: true });
  await page.getByRole('button', { name: '한국어' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');
}

const nickname = `웹손님${Math.floor(Math.random() * 1e6)}`;

describe('the web app in a browser', () => {
  it('signs in as a guest, refusing a bad nickname first, and lands in the lobby', async () => {
    await page.goto(`${stack.url}/challenge`);
    // Signed out: sent to sign-in, with the way back remembered.
    await page.waitForURL(/\/\?returnTo=%2Fchallenge/);
    await shoot('signin');
    const field = page.getByLabel('닉네임');
    await field.fill('a!');
    await page.getByRole('button', { name: '입장하기' }).click();
    await expect.poll(() => page.getByText('닉네임은 2–20자의 한글, 영문, 숫자, _ 만 쓸 수 있어요.').isVisible()).toBe(true);
    await field.fill(nickname);
    await page.getByRole('button', { name: '입장하기' }).click();
    await page.waitForURL(/\/challenge$/);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(nickname);
    // A taken nickname is answered with the server's code, shown in words.
    const other = await browser.context.newPage();
    await other.goto(`${stack.url}/`);
    await other.evaluate(() => localStorage.clear());
    await other.reload();
    await other.getByLabel('닉네임').fill(nickname);
    await other.getByRole('button', { name: '입장하기' }).click();
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('이미 사용 중인 닉네임이에요.');
    await other.close();
    // The session survives a reload (the other page cleared storage: sign in again here).
    await page.reload();
    if (page.url().includes('returnTo')) {
      await page.getByLabel('닉네임').fill(`${nickname}2`);
      await page.getByRole('button', { name: '입장하기' }).click();
    }
    await page.goto(`${stack.url}/lobby`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('환영해요');
    await shoot('lobby');
  }, 60_000);

  it('browses problems, runs code with custom input, and submits with live per-test results', async () => {
    await page.goto(`${stack.url}/challenge`);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(10);
    await shoot('challenge-list');
    await page.getByLabel('검색', { exact: true }).fill('a-plus-b');
    await page.getByRole('button', { name: '검색' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('난이도').selectOption('hard');
    await expect.poll(() => page.getByText('조건에 맞는 문제가 없어요.').isVisible()).toBe(true);
    await page.getByLabel('난이도').selectOption('');

    // The editor loads the starter code; the draft below is what a user would have typed.
    await page.evaluate(() =>
      localStorage.setItem('corazy.draft.a-plus-b.python', 'a, b = map(int, input().split())\nprint(a + b)\n'),
    );
    await page.getByRole('link', { name: 'A+B', exact: true }).first().click();
    await page.waitForURL(/\/challenge\/a-plus-b/);
    await page.locator('.cm-content').waitFor();
    expect(await page.locator('.statement .katex').count()).toBeGreaterThan(0); // $…$ rendered by KaTeX
    expect(await page.locator('.cm-content').textContent()).toContain('map(int, input().split())');

    await page.getByLabel('직접 입력').fill('20 22\n');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-stdout').textContent(), { timeout: 30_000 }).toBe('42\n');

    await page.getByRole('button', { name: '제출', exact: true }).click();
    const result = page.getByTestId('judge-result');
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await result.locator('h3 .badge').first().textContent()).toBe('맞았습니다!!');
    const tests = await result.locator('.tests li').count();
    expect(tests).toBeGreaterThanOrEqual(10);
    expect(await result.locator('.tests li.ok').count()).toBe(tests);
    await shoot('problem');

    await page.getByRole('link', { name: '제출 기록' }).click();
    await expect.poll(() => page.getByTestId('submissions').locator('tbody tr').count()).toBeGreaterThan(0);
    await shoot('submissions');
    await page.getByTestId('submissions').locator('tbody tr a').first().click();
    await page.locator('.cm-content').waitFor();
    await shoot('submission');
  }, 120_000);

  it('runs a dictation to the end with a live CPM, and the relay verifies it', async () => {
    const list = (await (await fetch(`${stack.url}/api/dictations?language=python`)).json()) as DictationList;
    const snippet = await (
      await fetch(`${stack.url}/api/dictations/${list.items.find((d) => d.algorithm === 'binary-search')!.id}`)
    ).json() as Dictation;
    await page.goto(`${stack.url}/dictation`);
    await expect.poll(() => page.locator('.card-grid li').count()).toBe(list.items.length);
    await shoot('dictation-picker');
    await page.getByRole('link', { name: snippet.title.ko }).click();
    const input = page.getByTestId('dictation-input');
    await input.waitFor();

    const lines = snippet.code.split('\n').map((l) => l.trimEnd());
    while (lines.at(-1) === '') lines.pop();
    // A wrong key shows red and Enter does not advance; Backspace fixes it.
    await page.keyboard.type('x', { delay: 80 });
    expect(await page.locator('.dtyped .bad').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    for (const [index, line] of lines.entries()) {
      await page.keyboard.type(line.trimStart(), { delay: 75 });
      if (index === 3) {
        expect(Number(await page.getByTestId('live-cpm').textContent())).toBeGreaterThan(0);
        await shoot('dictation');
        await page.getByTestId('dictation-input').focus();
      }
      await page.waitForTimeout(60);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(60);
    }
    const cpm = Number(await page.getByTestId('final-cpm').textContent());
    expect(cpm).toBeGreaterThan(100);
    expect(cpm).toBeLessThan(1200);
    await expect.poll(() => page.getByTestId('dictation-verified').isVisible(), { timeout: 10_000 }).toBe(true);
    await shoot('dictation-result');
  }, 180_000);

  it('shows the Google callback’s failure clearly, never a blank page', async () => {
    await page.evaluate(() => localStorage.removeItem('corazy.session'));
    await page.goto(`${stack.url}/auth/callback?error=OIDC_FAILED`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Google 로그인에 실패했어요.');
    await page.screenshot({ path: join(screenshotDir, 'callback.ko.png') });
    await page.goto(`${stack.url}/no-such-page`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('페이지를 찾을 수 없어요.');
    expect(consoleErrors).toEqual([]);
  }, 30_000);
});
