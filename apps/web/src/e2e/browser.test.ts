import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Dictation, DictationList } from '@corazy/contracts';
import {
  cspViolations,
  launchBrowser,
  openBrowserSession,
  screenshotDir,
  shootInBothLanguages,
  type BrowserSession,
  type WebStack,
} from './support.js';

/**
 * The built app in headless Chromium against the whole platform (embedded storage, the real
 * sandbox): guest sign-in, a challenge judged live, a dictation run verified by the relay. Every page
 * is photographed in Korean and in English under test-results/screenshots.
 */
// Globals of the page, for the callbacks run inside it by page.evaluate (this file is compiled without DOM types).
interface DomNode {
  textContent: string;
  cloneNode(deep: boolean): DomNode;
  querySelectorAll(selector: string): DomNode[];
  remove(): void;
}
declare const localStorage: {
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
};

let stack: WebStack;
let browser: BrowserSession['browser'];
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  ({ stack, browser, page, pageErrors: consoleErrors } = await openBrowserSession());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
}, 60_000);

const shoot = shootInBothLanguages;

/**
 * The same for a page without the header's toggle (the callback, not-found): the stored language
 * and a reload, waiting for `englishText` in `read()` before the English photograph.
 */
async function shootWithoutHeader(name: string, read: () => Promise<string | null>, englishText: string) {
  await page.screenshot({ path: join(screenshotDir, `${name}.ko.png`), fullPage: true });
  await page.evaluate(() => localStorage.setItem('corazy.locale', 'en'));
  await page.reload();
  await expect.poll(read).toContain(englishText);
  await page.screenshot({ path: join(screenshotDir, `${name}.en.png`), fullPage: true });
  await page.evaluate(() => localStorage.setItem('corazy.locale', 'ko'));
  await page.reload();
}

const nickname = `웹손님${Math.floor(Math.random() * 1e6)}`;

describe('the web app in a browser', () => {
  it('signs in as a guest, refusing a bad nickname first, and lands in the lobby', async () => {
    await page.goto(`${stack.url}/challenge`);
    // Signed out: sent to sign-in, with the way back remembered.
    await page.waitForURL(/\/\?returnTo=%2Fchallenge/);
    await shoot(page, 'signin');
    const field = page.getByLabel('닉네임');
    await field.fill('a!');
    await page.getByRole('button', { name: '입장하기' }).click();
    await expect
      .poll(() => page.getByText('닉네임은 2–20자의 한글, 영문, 숫자, _ 만 쓸 수 있어요.').isVisible())
      .toBe(true);
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
    // The other page signed this one out too (one storage): it is back at sign-in, and signs in again.
    await page.reload();
    await page.waitForURL(/returnTo/);
    await page.getByLabel('닉네임').fill(`${nickname}2`);
    await page.getByRole('button', { name: '입장하기' }).click();
    await page.waitForURL(/\/challenge$/);
    await page.reload(); // the session survives a reload
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(`${nickname}2`);
    await page.goto(`${stack.url}/lobby`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('환영해요');
    await shoot(page, 'lobby');
  }, 60_000);

  it('browses problems, runs code with custom input, and submits with live per-test results', async () => {
    await page.goto(`${stack.url}/challenge`);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(10);
    await shoot(page, 'challenge-list');
    await page.getByLabel('검색', { exact: true }).fill('a-plus-b');
    await page.getByRole('button', { name: '검색' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('난이도').selectOption('hard');
    await expect.poll(() => page.getByText('조건에 맞는 문제가 없어요.').isVisible()).toBe(true);
    await page.getByLabel('난이도').selectOption('');

    // The editor loads the starter code; the draft below is what a user would have typed.
    await page.evaluate(() =>
      localStorage.setItem(
        'corazy.draft.a-plus-b.python',
        'a, b = map(int, input().split())\nprint(a + b)\n',
      ),
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
    await shoot(page, 'problem');

    await page.getByRole('link', { name: '제출 기록' }).click();
    await expect.poll(() => page.getByTestId('submissions').locator('tbody tr').count()).toBeGreaterThan(0);
    await shoot(page, 'submissions');
    await page.getByTestId('submissions').locator('tbody tr a').first().click();
    await page.locator('.cm-content').waitFor();
    await shoot(page, 'submission');
  }, 120_000);

  it('runs a dictation to the end with a live CPM, and the relay verifies it', async () => {
    const list = (await (await fetch(`${stack.url}/api/dictations?language=python`)).json()) as DictationList;
    const snippet = (await (
      await fetch(
        `${stack.url}/api/dictations/${list.items.find((d) => d.algorithm === 'binary-search')!.id}`,
      )
    ).json()) as Dictation;
    await page.goto(`${stack.url}/dictation`);
    await expect.poll(() => page.locator('.card-grid li').count()).toBe(list.items.length);
    await shoot(page, 'dictation-picker');
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
        await shoot(page, 'dictation');
        await page.getByTestId('dictation-input').focus();
      }
      await page.waitForTimeout(60);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(60);
    }
    const cpm = Number(await page.getByTestId('final-cpm').textContent());
    expect(cpm).toBeGreaterThan(100);
    expect(cpm).toBeLessThan(1200);
    await expect
      .poll(() => page.getByTestId('dictation-verified').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await shoot(page, 'dictation-result');
  }, 180_000);

  it('plays a relay room: three browsers, live code, chat, samples, a wrong and an accepted submission, a pass, a spectator, the result', async () => {
    const browsers = [await launchBrowser(), await launchBrowser()];
    try {
      /** A guest in a browser of its own (its own storage), its errors collected with the others. */
      const guest = async (index: number, name: string) => {
        const context = browsers[index]!.context;
        const guestPage = context.pages()[0] ?? (await context.newPage());
        guestPage.on('pageerror', (error) => consoleErrors.push(`${name}: ${String(error)}`));
        guestPage.on('dialog', (dialog) => void dialog.accept());
        await guestPage.goto(`${stack.url}/`);
        await guestPage.getByLabel('닉네임').fill(`${name}${Math.floor(Math.random() * 1e5)}`);
        await guestPage.getByRole('button', { name: '입장하기' }).click();
        await guestPage.waitForURL(/\/lobby$/);
        return guestPage;
      };
      const b = await guest(0, '손님B');
      const c = await guest(1, '관전C');
      page.on('dialog', (dialog) => void dialog.accept());
      // The bug this guards against: B's editor chunk arriving while A already types. Operations that
      // came in before the editor mounted were lost, and the next one threw "Applying change set to a
      // document with the wrong length". B's chunk is held back so that it always arrives mid-typing.
      await b.route(/\/SharedEditor-[^/]*\.js$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      });
      /** The shared editor's document, line by line, without widgets (the other players' cursors and names). */
      const editorText = (on: Page) =>
        on.locator('[data-testid=shared-editor] .cm-line').evaluateAll((lines: DomNode[]) =>
          lines
            .map((line) => {
              const copy = line.cloneNode(true);
              for (const widget of copy.querySelectorAll('[contenteditable=false]')) widget.remove();
              return copy.textContent;
            })
            .join('\n'),
        );
      const judged = (on: Page) => on.getByTestId('judge-result');

      // A: lobby chat, seen by B.
      await page.goto(`${stack.url}/lobby`);
      await expect.poll(() => page.getByText('열린 방이 없어요. 새로 만들어 보세요!').isVisible()).toBe(true);
      await page.getByRole('textbox', { name: '전체 채팅' }).fill('안녕하세요!');
      await page.getByRole('textbox', { name: '전체 채팅' }).press('Enter');
      await expect.poll(() => b.getByTestId('chat-log').textContent()).toContain('안녕하세요!');

      // A creates a room for a-plus-b with no strategy time.
      await page.getByRole('button', { name: /방 만들기/ }).click();
      await page.getByLabel('방 이름').fill('릴레이 테스트');
      await page.getByLabel('최대 인원').selectOption('2');
      await page.getByLabel('작전 시간(초)').fill('0');
      await page
        .locator('.create-room select')
        .filter({ has: page.locator('option[value="a-plus-b"]') })
        .selectOption('a-plus-b');
      await shoot(page, 'lobby-create');
      await page.getByRole('button', { name: '만들기', exact: true }).click();
      await page.waitForURL(/\/room\//);
      await expect.poll(() => page.getByTestId('players').locator('li').count()).toBe(1);

      // B sees it in the list (on a phone too), joins and gets ready; the room is full, so C watches.
      await expect.poll(() => b.getByTestId('room-list').textContent()).toContain('릴레이 테스트');
      await shoot(b, 'lobby-rooms');
      await b.setViewportSize({ width: 390, height: 844 });
      await shoot(b, 'lobby-phone');
      await b.setViewportSize({ width: 1280, height: 720 });
      await b.getByRole('button', { name: '입장', exact: true }).click();
      await b.waitForURL(/\/room\//);
      await b.getByRole('button', { name: '준비', exact: true }).click();
      await expect.poll(() => page.getByTestId('players').textContent()).toContain('준비 완료');
      await shoot(page, 'room-waiting');
      await expect.poll(() => c.getByTestId('room-list').textContent()).toContain('릴레이 테스트');
      await c.getByRole('link', { name: '관전', exact: true }).click();
      await c.waitForURL(/\/room\//);
      await expect.poll(() => c.getByRole('heading', { level: 1 }).textContent()).toContain('릴레이 테스트');
      expect(await c.locator('.room-head').textContent()).toContain('관전 중');
      await page.getByRole('button', { name: '게임 시작' }).click();

      // A's turn first (join order): A types a wrong solution at once; B and the spectator see it live.
      await expect.poll(() => page.getByTestId('turn-banner').textContent()).toContain('내 차례예요!');
      await expect.poll(() => b.getByTestId('turn-banner').textContent()).toContain('작성 중');
      await page.locator('[data-testid=shared-editor] .cm-content').click();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('a, b = map(int, input().split())\nprint(a - b)\n', { delay: 40 });
      await expect.poll(() => editorText(b)).toContain('print(a - b)');
      await expect.poll(() => editorText(c)).toContain('print(a - b)');
      expect(await editorText(b)).toBe(await editorText(page));
      expect(await editorText(c)).toBe(await editorText(page));
      await shoot(page, 'room-relay');
      await shoot(b, 'room-player-view');
      await shoot(c, 'room-spectator');
      await c.setViewportSize({ width: 390, height: 844 });
      await shoot(c, 'room-spectator-phone');
      await c.setViewportSize({ width: 1280, height: 720 });

      // B, waiting, chats in the room: A and C read it.
      await b.getByRole('textbox', { name: '릴레이 테스트' }).fill('빼기가 아니라 더하기예요');
      await b.getByRole('textbox', { name: '릴레이 테스트' }).press('Enter');
      await expect.poll(() => page.locator('.side').textContent()).toContain('빼기가 아니라 더하기예요');
      await expect.poll(() => c.locator('.side').textContent()).toContain('빼기가 아니라 더하기예요');

      // A runs the samples (live per-test results, seen by B too), then submits anyway: wrong, for all.
      await page.getByRole('button', { name: '예제 실행' }).click();
      await expect.poll(() => judged(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
      expect(await judged(page).locator('h3 .badge').first().textContent()).toBe('틀렸습니다');
      const samples = await judged(page).locator('.tests li').count();
      expect(samples).toBeGreaterThan(0);
      await expect.poll(() => judged(b).locator('.tests li').count()).toBe(samples);
      await page.getByRole('button', { name: '제출', exact: true }).click();
      for (const on of [page, b, c]) {
        await expect
          .poll(() => judged(on).locator('.tests li').count(), { timeout: 60_000 })
          .toBeGreaterThan(samples);
        await expect.poll(() => judged(on).getAttribute('data-status')).toBe('done');
        expect(await judged(on).locator('h3 .badge').first().textContent()).toBe('틀렸습니다');
      }
      await shoot(b, 'room-wrong-submission');
      await page.getByRole('button', { name: '턴 넘기기' }).click();

      // B's turn: B fixes the code and submits; all three see it accepted, then the result.
      await expect.poll(() => b.getByTestId('turn-banner').textContent()).toContain('내 차례예요!');
      await expect.poll(() => page.getByTestId('turn-banner').textContent()).toContain('작성 중');
      expect(await b.getByRole('textbox', { name: '릴레이 테스트' }).getAttribute('disabled')).not.toBeNull(); // no chat on one's turn
      await b.locator('[data-testid=shared-editor] .cm-content').click();
      await b.keyboard.press('Control+a');
      await b.keyboard.type('a, b = map(int, input().split())\nprint(a + b)\n', { delay: 40 });
      await expect.poll(() => editorText(page)).toContain('print(a + b)');
      await expect.poll(() => editorText(c)).toContain('print(a + b)');
      expect(await editorText(page)).toBe(await editorText(b));
      await b.getByRole('button', { name: '제출', exact: true }).click();
      for (const on of [page, b, c]) {
        await expect
          .poll(() => on.getByTestId('game-result').textContent(), { timeout: 60_000 })
          .toContain('해결!');
        expect(await on.getByTestId('game-result').locator('.badge').textContent()).toBe('맞았습니다!!');
      }
      await shoot(page, 'room-result');
      await shoot(c, 'room-result-spectator');
      expect(consoleErrors).toEqual([]);
    } catch (error) {
      // What each of the three saw when it failed, for the one who reads the failure.
      const pages = [page, ...browsers.map((opened) => opened.context.pages()[0]!)];
      for (const [index, on] of pages.entries())
        await on.screenshot({ path: join(screenshotDir, `failed-relay-room-${index}.png`), fullPage: true });
      throw error;
    } finally {
      for (const opened of browsers) await opened.close();
    }
  }, 240_000);

  it('shows the Google callback’s failure clearly, never a blank page', async () => {
    await page.goto(`${stack.url}/`);
    await page.evaluate(() => localStorage.removeItem('corazy.session'));
    await page.goto(`${stack.url}/auth/callback?error=OIDC_FAILED`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Google 로그인에 실패했어요.');
    await shootWithoutHeader(
      'callback',
      () => page.getByRole('alert').textContent(),
      'Google sign-in failed',
    );
    await page.goto(`${stack.url}/no-such-page`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('페이지를 찾을 수 없어요.');
    await shootWithoutHeader(
      'not-found',
      () => page.getByRole('heading', { level: 1 }).textContent(),
      'This page does not exist.',
    );
    expect(consoleErrors).toEqual([]);
  }, 30_000);

  it('ran every page under the Content-Security-Policy without a single violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
