import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserSession, screenshotDir, type BrowserSession, type WebStack } from './support.js';

/**
 * A guest's sign-out in a real browser: the app's own dialog warns that a guest is lost for good
 * (issue 14, bug 9) and offers to keep it as an account.
 */
let stack: WebStack;
let browser: BrowserSession['browser'];
let page: Page;
let pageErrors: string[];
const nativeDialogs: string[] = [];

beforeAll(async () => {
  ({ stack, browser, page, pageErrors } = await openBrowserSession());
  page.on('dialog', (dialog) => {
    nativeDialogs.push(dialog.message());
    void dialog.dismiss();
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
}, 60_000);

const nickname = `남길손님${Math.floor(Math.random() * 1e5)}`;
const currentUser = () => page.getByTestId('current-user').textContent();
const signOutButton = () => page.getByRole('banner').getByRole('button', { name: '로그아웃', exact: true });

describe('a guest signing out', () => {
  it('is warned in the app’s own dialog that the guest will be lost, and can stay', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByLabel('닉네임').fill(nickname);
    await page.getByRole('button', { name: '입장하기' }).click();
    await page.waitForURL(/\/lobby$/);

    await signOutButton().click();
    const warning = page.getByRole('dialog', { name: '게스트 계정에서 로그아웃할까요?' });
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain(nickname);
    await page.screenshot({ path: join(screenshotDir, 'guest-signout-warning.ko.png') });
    await warning.getByRole('button', { name: '취소' }).click();
    await expect.poll(() => warning.isVisible()).toBe(false);
    expect(page.url()).toMatch(/\/lobby$/);
    expect(await currentUser()).toContain(nickname);
  });

  it('never used a browser dialog and raised no page errors', () => {
    expect(nativeDialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
