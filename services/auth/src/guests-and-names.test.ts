import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, Session } from '@corazy/contracts';
import { connectPostgres, createTestDatabase, openPglite, type Database } from '@corazy/database';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { connectRedisState, inProcessState, type SharedState } from '@corazy/shared-state';
import { SqlGuestRepository } from './adapters/sql-repositories.js';
import { createAuthService } from './app.js';
import { AuthSettings } from './config.js';
import { GuestSweep } from './domain/guest-sweep.js';
import { testRedisUrl } from './testing.js';

/**
 * Names and guests' lifecycle through the auth service's HTTP API, on real PostgreSQL and Redis and
 * on the embedded PGlite with in-process state (what `npm start` uses).
 */
type Stores = () => Promise<{ db: Database; state: SharedState; drop: () => Promise<void> }>;
const stores: [string, Stores][] = [
  [
    'PostgreSQL and Redis',
    async () => {
      const database = await createTestDatabase('auth_guests');
      const db = connectPostgres(database.url, { maxConnections: 6 });
      return { db, state: connectRedisState(testRedisUrl(), `test:${randomUUID()}:`), drop: database.drop };
    },
  ],
  [
    'PGlite and in-process state',
    async () => ({ db: await openPglite(), state: inProcessState(), drop: async () => {} }),
  ],
];

const SIGNUPS_PER_ADDRESS = 3;
const HOLD_SECONDS = 120 + 60;

describe.each(stores)('names and guests on %s', (_name, openStores) => {
  let service: HttpService;
  let db: Database;
  let state: SharedState;
  let drop: () => Promise<void>;
  let sweep: GuestSweep;
  let addressCounter = 0;
  // Each test signs up from its own address, so that the sign-up cap only bites where it is tested.
  const freshAddress = () => `10.1.${Math.floor(++addressCounter / 200)}.${addressCounter % 200}`;

  beforeAll(async () => {
    ({ db, state, drop } = await openStores());
    const config = loadConfig(AuthSettings, {
      ACCESS_TOKEN_TTL_SECONDS: '120',
      GUEST_SIGNUPS_PER_ADDRESS: String(SIGNUPS_PER_ADDRESS),
      GUEST_INACTIVE_DAYS: '7',
      GUEST_SWEEP_INTERVAL_SECONDS: '0',
    });
    service = await createAuthService({ config, db, state, logger: createLogger('auth', 'silent') });
    sweep = new GuestSweep(new SqlGuestRepository(db), { inactiveDays: 7, holdSeconds: HOLD_SECONDS });
  });
  afterAll(async () => {
    await service.stop();
    await db.close();
    await state.close();
    await drop();
  });

  async function call(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: object,
    headers: Record<string, string> = {},
  ) {
    const response = await service.app.inject({ method, url, payload: body, headers });
    return {
      status: response.statusCode,
      body: response.body ? response.json<unknown>() : undefined,
      headers: response.headers,
    };
  }
  const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;
  const guest = (nickname: string, address = freshAddress()) =>
    call('POST', '/api/auth/guest', { nickname }, { 'x-forwarded-for': address });
  async function signedInGuest(nickname: string) {
    const response = await guest(nickname);
    expect(response.status).toBe(201);
    return Session.parse(response.body);
  }
  const asGateway = (session: Session) => ({
    'x-user-id': session.user.id,
    'x-user-nickname': encodeURIComponent(session.user.nickname),
    'x-user-role': session.user.role,
  });
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${++counter}x${Math.floor(Math.random() * 1e4)}`;
  /** Moves a user's whole past back in time, as if `seconds` had gone by. */
  const age = (userId: string, seconds: number) =>
    Promise.all([
      db.query(`UPDATE auth.users SET created_at = created_at - make_interval(secs => $2) WHERE id = $1`, [
        userId,
        seconds,
      ]),
      db.query(
        `UPDATE auth.refresh_tokens SET created_at = created_at - make_interval(secs => $2) WHERE user_id = $1`,
        [userId, seconds],
      ),
    ]);
  const endHolds = () =>
    db.query(
      `UPDATE auth.nickname_claims SET released_at = now() - interval '1 second' WHERE released_at IS NOT NULL`,
    );

  describe('reserved names', () => {
    it.each(['admin', 'system', '관리자', '운영자', 'ADMlN', 'admin_1', 'moderator', 'r00t', 'corazy'])(
      'refuses %j as a guest with 422 NICKNAME_RESERVED',
      async (name) => {
        const response = await guest(name);
        expect(response.status).toBe(422);
        expect(errorCode(response.body)).toBe('NICKNAME_RESERVED');
      },
    );

    it('refuses a reserved name at registration and at a rename too', async () => {
      const registered = await call('POST', '/api/auth/register', {
        email: `${unique('r')}@example.com`,
        password: 'long enough password',
        nickname: '운영진',
      });
      expect(errorCode(registered.body)).toBe('NICKNAME_RESERVED');
      const me = await signedInGuest(unique('plain'));
      const renamed = await call('PATCH', '/api/auth/me', { nickname: 'Support' }, asGateway(me));
      expect(renamed.status).toBe(422);
      expect(errorCode(renamed.body)).toBe('NICKNAME_RESERVED');
    });
  });

  describe('confusable names', () => {
    it.each([
      ['bar_alice', 'bar_aIice'],
      ['bar_bob', 'BAR_B0B'],
      ['corner', 'comer'],
      ['kim_1', 'KIM_l'],
    ])('refuses %j next to %j with 409 NICKNAME_TAKEN', async (first, second) => {
      await signedInGuest(first);
      const clash = await guest(second);
      expect(clash.status).toBe(409);
      expect(errorCode(clash.body)).toBe('NICKNAME_TAKEN');
    });

    it('lets exactly one of two concurrent sign-ups of confusable names win', async () => {
      for (let round = 0; round < 5; round++) {
        const base = unique('race');
        const results = await Promise.all([guest(`${base}_al`), guest(`${base}_aI`)]);
        expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
      }
    });
  });

  describe('a rename', () => {
    it('holds the old name for its owner until the tokens carrying it have expired', async () => {
      const oldName = unique('old');
      const owner = await signedInGuest(oldName);
      const renamed = await call('PATCH', '/api/auth/me', { nickname: unique('new') }, asGateway(owner));
      expect(renamed.status).toBe(200);

      const taker = await guest(oldName.toUpperCase());
      expect(taker.status).toBe(409);
      expect(errorCode(taker.body)).toBe('NICKNAME_TAKEN');

      await endHolds();
      expect((await guest(oldName)).status).toBe(201);
    });

    it('lets the owner take the held name back', async () => {
      const oldName = unique('back');
      const owner = await signedInGuest(oldName);
      await call('PATCH', '/api/auth/me', { nickname: unique('away') }, asGateway(owner));
      const back = await call('PATCH', '/api/auth/me', { nickname: oldName }, asGateway(owner));
      expect(back.status).toBe(200);
      expect((await guest(oldName)).status).toBe(409);
    });
  });

  describe('guest sign-ups per address', () => {
    it('refuses the sign-up past the cap with 429 RATE_LIMITED and Retry-After, for that address only', async () => {
      const address = freshAddress();
      for (let i = 0; i < SIGNUPS_PER_ADDRESS; i++)
        expect((await guest(unique('cap'), address)).status).toBe(201);
      const refused = await guest(unique('cap'), address);
      expect(refused.status).toBe(429);
      expect(errorCode(refused.body)).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await guest(unique('cap'))).status).toBe(201);
    });

    it('counts an IPv6 /64 as one address', async () => {
      const block = `2001:db8:${++addressCounter}:1`;
      for (let i = 1; i <= SIGNUPS_PER_ADDRESS; i++)
        expect((await guest(unique('six'), `${block}::${i}`)).status).toBe(201);
      expect((await guest(unique('six'), `${block}:ffff::1`)).status).toBe(429);
    });

    it('does not spend the budget on a refused name', async () => {
      const address = freshAddress();
      for (let i = 0; i < SIGNUPS_PER_ADDRESS + 1; i++)
        expect((await guest('admin', address)).status).toBe(422);
      expect((await guest(unique('ok'), address)).status).toBe(201);
    });
  });

  describe('the guest sweep', () => {
    it('removes a signed-out guest once their last token has expired, then frees the name after the hold', async () => {
      const name = unique('gone');
      const leaver = await signedInGuest(name);
      expect((await call('POST', '/api/auth/logout', { refreshToken: leaver.refreshToken })).status).toBe(
        204,
      );

      await sweep.run();
      expect((await call('GET', '/api/auth/me', undefined, asGateway(leaver))).status).toBe(200);

      await age(leaver.user.id, HOLD_SECONDS + 1);
      expect((await sweep.run()).expiredGuests).toBeGreaterThanOrEqual(1);
      expect((await call('GET', '/api/auth/me', undefined, asGateway(leaver))).status).toBe(404);
      expect((await guest(name)).status).toBe(409);

      await endHolds();
      await sweep.run();
      expect((await guest(name)).status).toBe(201);
    });

    it('removes guests inactive for the configured days, and keeps active guests and accounts', async () => {
      const idle = await signedInGuest(unique('idle'));
      const active = await signedInGuest(unique('active'));
      const member = Session.parse(
        (
          await call('POST', '/api/auth/register', {
            email: `${unique('m')}@example.com`,
            password: 'long enough password',
            nickname: unique('member'),
          })
        ).body,
      );
      await Promise.all([idle, active, member].map((session) => age(session.user.id, 8 * 86_400)));
      const refreshed = await call('POST', '/api/auth/refresh', { refreshToken: active.refreshToken });
      expect(refreshed.status).toBe(200);

      await sweep.run();
      expect((await call('GET', '/api/auth/me', undefined, asGateway(idle))).status).toBe(404);
      expect((await call('GET', '/api/auth/me', undefined, asGateway(active))).status).toBe(200);
      expect((await call('GET', '/api/auth/me', undefined, asGateway(member))).status).toBe(200);
    });

    it('deletes expired refresh tokens, rotated ones included', async () => {
      const player = await signedInGuest(unique('tokens'));
      await call('POST', '/api/auth/refresh', { refreshToken: player.refreshToken });
      await db.query(
        `UPDATE auth.refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [player.user.id],
      );
      await sweep.run();
      const left = await db.query('SELECT 1 FROM auth.refresh_tokens WHERE user_id = $1', [player.user.id]);
      expect(left).toHaveLength(0);
    });

    it('is safe to run on two replicas at once: each guest is removed once', async () => {
      const guests = await Promise.all(Array.from({ length: 6 }, () => signedInGuest(unique('pair'))));
      await Promise.all(
        guests.map((session) => call('POST', '/api/auth/logout', { refreshToken: session.refreshToken })),
      );
      await Promise.all(guests.map((session) => age(session.user.id, HOLD_SECONDS + 1)));
      const [one, other] = await Promise.all([sweep.run(), sweep.run()]);
      expect(one.expiredGuests + other.expiredGuests).toBeGreaterThanOrEqual(guests.length);
      for (const session of guests)
        expect((await call('GET', '/api/auth/me', undefined, asGateway(session))).status).toBe(404);
    });
  });

  describe('a guest becoming an account', () => {
    it('keeps the id and nickname, signs in with the new password and is never swept', async () => {
      const name = unique('keeper');
      const before = await signedInGuest(name);
      const email = `${unique('up')}@example.com`;
      const upgraded = await call(
        'POST',
        '/api/auth/upgrade',
        { email, password: 'my new password' },
        asGateway(before),
      );
      expect(upgraded.status).toBe(200);
      const after = Session.parse(upgraded.body);
      expect(after.user).toMatchObject({ id: before.user.id, nickname: name, role: 'USER', email });

      const login = await call('POST', '/api/auth/login', { email, password: 'my new password' });
      expect(Session.parse(login.body).user.id).toBe(before.user.id);

      await call('POST', '/api/auth/logout', { refreshToken: before.refreshToken });
      await call('POST', '/api/auth/logout', { refreshToken: after.refreshToken });
      await age(before.user.id, 30 * 86_400);
      await sweep.run();
      expect((await call('GET', '/api/auth/me', undefined, asGateway(after))).status).toBe(200);
    });

    it('refuses a taken email with 409 EMAIL_TAKEN and an account with 409 NOT_A_GUEST', async () => {
      const email = `${unique('dup')}@example.com`;
      const first = await signedInGuest(unique('first'));
      const upgraded = await call(
        'POST',
        '/api/auth/upgrade',
        { email, password: 'long password' },
        asGateway(first),
      );
      const account = Session.parse(upgraded.body);
      const second = await signedInGuest(unique('second'));
      const clash = await call(
        'POST',
        '/api/auth/upgrade',
        { email, password: 'long password' },
        asGateway(second),
      );
      expect(clash.status).toBe(409);
      expect(errorCode(clash.body)).toBe('EMAIL_TAKEN');
      const again = await call(
        'POST',
        '/api/auth/upgrade',
        { email: `${unique('other')}@example.com`, password: 'long password' },
        asGateway(account),
      );
      expect(again.status).toBe(409);
      expect(errorCode(again.body)).toBe('NOT_A_GUEST');
    });

    it('needs a signed-in user', async () => {
      const response = await call('POST', '/api/auth/upgrade', {
        email: 'a@example.com',
        password: 'long password',
      });
      expect(response.status).toBe(401);
    });
  });
});
