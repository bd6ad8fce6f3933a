import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChangeSet, Text } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import type {
  ClientMessage,
  Dictation,
  DictationList,
  RoomEvent,
  RoomView,
  ServerFrame,
  Session,
} from '@corazy/contracts';
import {
  cspViolations,
  openBrowserSession,
  screenshotDir,
  shootInBothLanguages,
  type BrowserSession,
  type WebStack,
} from './support.js';

/**
 * The pages beyond the game itself, in headless Chromium against the whole platform: the lobby's
 * rankings, profiles, a finished game's replay, the settings, and what a spectator sees inside the
 * shared code (the typist's cursor, a ping). Two players are scripted over the relay's WebSocket, as
 * any client would be; the browser is a third user who watches them. Every page is photographed in
 * Korean and in English under test-results/screenshots.
 */
// Globals of the page, for the callbacks run inside it by page.evaluate (this file is compiled without DOM types).
declare const document: { documentElement: { lang: string; dataset: Record<string, string | undefined> } };
declare const localStorage: { getItem(key: string): string | null };

let stack: WebStack;
let browser: BrowserSession['browser'];
let page: Page;
let pageErrors: string[];
const suffix = Math.floor(Math.random() * 1e5);
const names = { viewer: `구경꾼${suffix}`, ann: `앤${suffix}`, ben: `벤${suffix}` };

beforeAll(async () => {
  ({ stack, browser, page, pageErrors } = await openBrowserSession());
}, 180_000);

afterAll(async () => {
  await Promise.all([ann?.close(), ben?.close()]);
  // Leave the app first: its relay socket closes with a handshake rather than dying with the browser.
  await page?.goto('about:blank');
  await browser?.close();
  await stack?.close();
}, 60_000);

const lang = () => page.evaluate(() => document.documentElement.lang);
const theme = () => page.evaluate(() => document.documentElement.dataset.theme);

const shoot = (name: string) => shootInBothLanguages(page, name);

async function api<T>(session: Session | null, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Outgoing = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;

/** A scripted player: the relay WebSocket through the gateway, as the browser opens it. */
class Player {
  readonly frames: ServerFrame[] = [];
  private readonly socket: WebSocket;
  private waiters = new Set<() => void>();
  private nextId = 0;

  constructor(readonly session: Session) {
    this.socket = new WebSocket(
      `${stack.url.replace(/^http/, 'ws')}/api/relay/ws?access_token=${encodeURIComponent(session.accessToken)}`,
    );
    this.socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      for (const waiter of this.waiters) waiter();
    });
  }

  waitFor<F extends ServerFrame>(match: (frame: ServerFrame) => frame is F, from?: number): Promise<F>;
  waitFor(match: (frame: ServerFrame) => boolean, from?: number): Promise<ServerFrame>;
  waitFor(match: (frame: ServerFrame) => boolean, from = 0): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such frame within 60 s')), 60_000);
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      this.waiters.add(check);
      check();
    });
  }

  async request(message: Outgoing): Promise<void> {
    await this.waitFor((f) => f.type === 'welcome');
    const id = `m${++this.nextId}`;
    const from = this.frames.length;
    this.socket.send(JSON.stringify({ ...message, id }));
    const answer = await this.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === id, from);
    if (answer.type === 'error') throw new Error(`${message.type}: ${answer.code} ${answer.message}`);
  }

  /** Types `text` at the end of `doc`, one character per operation, like a person (80 ms apart). */
  async type(
    roomId: string,
    doc: Text,
    version: number,
    text: string,
  ): Promise<{ doc: Text; version: number }> {
    for (const char of text) {
      const changes = ChangeSet.of({ from: doc.length, insert: char }, doc.length);
      const head = doc.length + char.length;
      await this.request({
        type: 'code.push',
        roomId,
        version,
        changes: changes.toJSON() as never,
        cursor: { anchor: head, head },
      });
      doc = changes.apply(doc);
      version += 1;
      await sleep(80);
    }
    return { doc, version };
  }

  /** Closes the socket and waits for the close handshake, so no connection outlives the test. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.close();
    await closed;
  }
}

const isEvent =
  <T extends RoomEvent['type']>(
    type: T,
    test: (event: Extract<RoomEvent, { type: T }>) => boolean = () => true,
  ) =>
  (frame: ServerFrame): frame is Extract<RoomEvent, { type: T }> =>
    frame.type === type && test(frame as Extract<RoomEvent, { type: T }>);

const LINE_ONE = 'a, b = map(int, input().split())\n';
const LINE_TWO = 'print(a + b)\n';
let gameId = '';
let snippet: Dictation;
let ann: Player;
let ben: Player;

describe('the pages around the game, in a browser', () => {
  it('watches two players: the typist’s cursor and a ping inside the shared code, the result with its replay link', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByLabel('닉네임').fill(names.viewer);
    await page.getByRole('button', { name: '입장하기' }).click();
    await page.waitForURL(/\/lobby$/);

    ann = new Player(await api<Session>(null, 'POST', '/api/auth/guest', { nickname: names.ann }));
    ben = new Player(await api<Session>(null, 'POST', '/api/auth/guest', { nickname: names.ben }));
    const room = await api<RoomView>(ann.session, 'POST', '/api/relay/rooms', {
      name: `관전 ${suffix}`,
      language: 'python',
      maxPlayers: 2,
      strategySeconds: 0,
      problem: 'a-plus-b',
    });
    await api<RoomView>(ben.session, 'POST', `/api/relay/rooms/${room.id}/join`);
    await ann.request({ type: 'room.subscribe', roomId: room.id });
    await ben.request({ type: 'room.subscribe', roomId: room.id });
    await page.goto(`${stack.url}/room/${room.id}`);
    await expect.poll(() => page.getByTestId('players').textContent()).toContain(names.ben);
    await ben.request({ type: 'ready', roomId: room.id, ready: true });
    await ann.request({ type: 'start', roomId: room.id });

    // Ann's turn: she clears the starter code and types the first line; the viewer sees her cursor.
    const started = await ann.waitFor(
      isEvent('phase.changed', (e) => e.phase === 'RELAY' && e.code !== null),
    );
    const doc = Text.of(started.code!.doc.split('\n'));
    const clear = ChangeSet.of({ from: 0, to: doc.length }, doc.length);
    await ann.request({
      type: 'code.push',
      roomId: room.id,
      version: 0,
      changes: clear.toJSON() as never,
      cursor: { anchor: 0, head: 0 },
    });
    const state = await ann.type(room.id, clear.apply(doc), 1, LINE_ONE);
    const editor = page.locator('[data-testid=shared-editor] .cm-content');
    await expect.poll(() => editor.textContent()).toContain('a, b = map(int, input().split())');
    await expect.poll(() => page.getByTestId('presence-cursor').getAttribute('aria-label')).toBe(names.ann);

    // The viewer (a spectator) Alt+clicks a spot: the ping is drawn in the code for everyone.
    await editor.click({ modifiers: ['Alt'], position: { x: 40, y: 8 } });
    await expect.poll(() => page.getByTestId('presence-ping').count()).toBe(1);
    await expect.poll(() => page.getByTestId('presence-ping').getAttribute('aria-label')).toBe('관전자');
    await page.screenshot({ path: join(screenshotDir, 'room-presence.ko.png') });

    // Ben's turn: he finishes and submits; the viewer sees the result and its replay link.
    const passedAt = ben.frames.length;
    await ann.request({ type: 'pass', roomId: room.id });
    await ben.waitFor(
      isEvent('turn.started', (e) => e.turn.userId === ben.session.user.id),
      passedAt,
    );
    await ben.type(room.id, state.doc, state.version, LINE_TWO);
    await expect.poll(() => page.getByTestId('presence-cursor').getAttribute('aria-label')).toBe(names.ben);
    await ben.request({ type: 'judge', roomId: room.id, mode: 'full' });
    const ended = await ben.waitFor(isEvent('game.ended'));
    expect(ended.result.outcome).toBe('SOLVED');
    expect(ended.result.finalCode).toBe(LINE_ONE + LINE_TWO);
    gameId = ended.result.gameId;
    await expect
      .poll(() => page.getByTestId('game-result').textContent(), { timeout: 20_000 })
      .toContain('해결!');
    expect(await page.getByRole('link', { name: '다시 보기' }).getAttribute('href')).toBe(
      `/replay/${gameId}`,
    );
  }, 180_000);

  it('shows rankings by relay rating and by dictation CPM in the lobby, as tabs', async () => {
    // Ann also types a dictation, scripted as a person would: 150 ms a key, Enter at each line's end.
    const { items } = await api<DictationList>(null, 'GET', '/api/dictations?language=python');
    snippet = await api<Dictation>(null, 'GET', `/api/dictations/${items[0]!.id}`);
    const lines = snippet.code.split('\n').map((l) => l.trimEnd());
    while (lines.at(-1) === '') lines.pop();
    const keystrokes = lines
      .flatMap((line) => [...line.trimStart(), 'Enter'])
      .map((k, i) => ({ t: i * 150, k }));
    const characters = lines.reduce((sum, line) => sum + line.trimStart().length, 0);
    const cpm = Math.round(characters / (((keystrokes.length - 1) * 150) / 60_000));
    await api(ann.session, 'POST', '/api/relay/dictation-results', {
      dictationId: snippet.id,
      keystrokes,
      cpm,
      accuracy: 100,
    });

    await page.goto(`${stack.url}/lobby`);
    const ranking = page.getByTestId('ranking');
    await expect
      .poll(() => page.getByRole('tab', { name: '릴레이 레이팅' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => ranking.textContent()).toContain(names.ann);
    expect(await ranking.textContent()).toContain(names.ben);
    await shoot('lobby-rankings');
    // Arrow keys move between the tabs.
    await page.getByRole('tab', { name: '릴레이 레이팅' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { name: '따라쓰기 CPM' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => ranking.textContent()).toContain(`${names.ann} ${cpm} CPM`);
    await shoot('lobby-rankings-cpm');
  }, 60_000);

  it('shows profiles: a player’s rating, rank and game history with replays; one’s own with challenge figures', async () => {
    await page.getByRole('tab', { name: '릴레이 레이팅' }).click();
    await page.getByTestId('ranking').getByRole('link', { name: names.ann }).click();
    await page.waitForURL(/\/profile\/.+/);
    await expect.poll(() => page.getByTestId('profile-nickname').textContent()).toContain(names.ann);
    expect(Number(await page.getByTestId('profile-rating').textContent())).toBeGreaterThan(1000); // solved: a win
    const history = page.getByTestId('game-history');
    expect(await history.locator('tbody tr').count()).toBe(1);
    expect(await history.textContent()).toContain('해결!');
    expect(await history.getByRole('link', { name: names.ben }).count()).toBe(1);
    const dictations = page.getByTestId('dictation-history');
    expect(await dictations.locator('tbody tr').count()).toBe(1);
    expect(await dictations.textContent()).toContain(snippet.title.ko);
    await shoot('profile-other');

    await page.getByRole('link', { name: '프로필', exact: true }).click();
    await page.waitForURL(/\/profile$/);
    await expect.poll(() => page.getByTestId('profile-nickname').textContent()).toContain(names.viewer);
    await expect.poll(() => page.getByTestId('challenge-stats').textContent()).toContain('제출 0번');
    expect(await page.getByText('아직 끝까지 한 릴레이 게임이 없어요.').isVisible()).toBe(true);
    await shoot('profile');

    // One's own nickname can change: the form refuses a bad one, the header follows a good one.
    const field = page.getByLabel('닉네임', { exact: true });
    await field.fill('a!');
    expect(await page.getByRole('button', { name: '저장' }).isDisabled()).toBe(true);
    await field.fill(`${names.viewer}b`);
    await page.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => page.getByText('닉네임을 바꿨어요.').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(`${names.viewer}b`);
  }, 60_000);

  it('replays the finished game: plays it to the end at 8×, scrubs back to the start and jumps to a turn', async () => {
    await page.goBack();
    await page.getByTestId('game-history').getByRole('link', { name: '다시 보기' }).click();
    await page.waitForURL(new RegExp(`/replay/${gameId}$`));
    const code = page.locator('[data-testid=replay-editor] .cm-content');
    await code.waitFor();
    expect(await code.textContent()).not.toContain('print(a + b)');

    await page.getByRole('button', { name: '8×' }).click();
    await page.getByTestId('replay-play').click();
    await expect.poll(() => code.textContent(), { timeout: 30_000 }).toContain('print(a + b)');
    await expect.poll(() => page.getByTestId('replay-play').textContent()).toContain('처음부터 다시');
    expect(await page.getByTestId('replay-turn').textContent()).toContain(names.ben);
    const [position, duration] = (await page.getByTestId('replay-time').textContent())!.split(' / ');
    expect(position).toBe(duration);
    // Every line of the final code is there, in order (CodeMirror draws one element per line).
    expect(await code.locator('.cm-line').allTextContents()).toEqual([
      'a, b = map(int, input().split())',
      'print(a + b)',
      '',
    ]);
    await shoot('replay');

    // Scrub back to the start (Home on the slider): the starter code, before any keystroke.
    await page.getByTestId('replay-timeline').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => code.textContent()).toContain('# TODO: print the answer');
    // Jump to Ben's turn: exactly what Ann left him.
    await page.getByRole('button', { name: new RegExp(`2번째 턴 · ${names.ben}`) }).click();
    await expect
      .poll(() => code.locator('.cm-line').allTextContents())
      .toEqual(['a, b = map(int, input().split())', '']);
    expect(await page.getByTestId('replay-turn').textContent()).toContain(names.ben);
  }, 90_000);

  it('switches language, theme and sound in the settings, at once and for good', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('link', { name: '설정' }).click();
    await page.waitForURL(/\/settings$/);
    await page.getByRole('radio', { name: '밝게' }).check();
    await shoot('settings');

    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(lang).toBe('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(theme).toBe('dark');
    await page.getByRole('checkbox', { name: 'Play countdown and turn sounds' }).uncheck();
    await page.screenshot({ path: join(screenshotDir, 'settings-dark.en.png'), fullPage: true });
    await page.reload();
    await expect.poll(lang).toBe('en');
    await expect.poll(theme).toBe('dark');
    expect(await page.getByRole('checkbox', { name: 'Play countdown and turn sounds' }).isChecked()).toBe(
      false,
    );

    // "System" follows the operating system's scheme, live.
    await page.getByRole('radio', { name: 'Follow the system' }).check();
    await expect.poll(theme).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('corazy.theme'))).toBeNull();

    await page.getByRole('radio', { name: '한국어' }).check();
    await expect.poll(lang).toBe('ko');
    await page.getByRole('radio', { name: '밝게' }).check();
    await page.getByRole('checkbox', { name: '카운트다운과 차례 알림 소리 켜기' }).check();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('ran every page under the Content-Security-Policy without a single violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
