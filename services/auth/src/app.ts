import { fileURLToPath } from 'node:url';
import { migrate, type Database } from '@corazy/database';
import { createHttpService, type HttpService, type Logger } from '@corazy/service-kit';
import { SessionRevocations, type SharedState } from '@corazy/shared-state';
import {
  SqlGuestRepository,
  SqlOidcRepository,
  SqlRefreshTokenRepository,
  SqlSigningKeyRepository,
  SqlUserRepository,
} from './adapters/sql-repositories.js';
import type { AuthSettings } from './config.js';
import { Accounts } from './domain/accounts.js';
import { GuestSignups } from './domain/guest-signups.js';
import { GuestSweep } from './domain/guest-sweep.js';
import { LoginThrottle, type LoginThrottlePolicy, DEFAULT_LOGIN_POLICY } from './domain/login-throttle.js';
import { OidcClient } from './domain/oidc-client.js';
import { Sessions } from './domain/sessions.js';
import { nicknameKey } from './domain/nicknames.js';
import { KeyRing } from './domain/signing-keys.js';
import { registerRoutes } from './routes.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const KEY_CHECK_INTERVAL_MS = 60 * 60_000;
/** An access token may be verified this long after its `exp` by a clock that runs behind. */
const CLOCK_SKEW_SECONDS = 60;

export interface AuthDependencies {
  config: AuthSettings;
  db: Database;
  state: SharedState;
  logger: Logger;
  loginPolicy?: LoginThrottlePolicy;
}

/** Builds the auth service on the given adapters: migrates its schema and makes sure a key signs. */
export async function createAuthService({
  config,
  db,
  state,
  logger,
  loginPolicy,
}: AuthDependencies): Promise<HttpService> {
  await migrate(db, 'auth', MIGRATIONS_DIR);

  const keyRing = new KeyRing(new SqlSigningKeyRepository(db), {
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    rotationDays: config.SIGNING_KEY_ROTATION_DAYS,
  });
  await keyRing.ensureCurrent();
  const users = new SqlUserRepository(db);
  await users.claimUnclaimedNicknames(nicknameKey);
  const nicknameHoldSeconds = config.ACCESS_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS;
  const sessions = new Sessions(
    keyRing,
    users,
    new SqlRefreshTokenRepository(db),
    new SessionRevocations(state),
    {
      issuer: config.TOKEN_ISSUER,
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      refreshGraceSeconds: config.REFRESH_GRACE_SECONDS,
    },
  );
  const oidcClient =
    config.OIDC_ISSUER && config.OIDC_CLIENT_ID
      ? new OidcClient({
          issuer: config.OIDC_ISSUER,
          clientId: config.OIDC_CLIENT_ID,
          clientSecret: config.OIDC_CLIENT_SECRET,
          redirectUri: new URL('/api/auth/oidc/google/callback', config.PUBLIC_URL).toString(),
          allowHttp: config.OIDC_ALLOW_HTTP,
        })
      : undefined;
  const accounts = new Accounts(
    users,
    sessions,
    new LoginThrottle(state, loginPolicy ?? DEFAULT_LOGIN_POLICY),
    new GuestSignups(state, {
      perAddress: config.GUEST_SIGNUPS_PER_ADDRESS,
      windowSeconds: config.GUEST_SIGNUP_WINDOW_SECONDS,
    }),
    new SqlOidcRepository(db),
    oidcClient,
    { nicknameHoldSeconds },
  );
  const guestSweep = new GuestSweep(new SqlGuestRepository(db), {
    inactiveDays: config.GUEST_INACTIVE_DAYS,
    holdSeconds: nicknameHoldSeconds,
  });

  const service = createHttpService({
    service: 'auth',
    logger,
    drainDelayMs: config.DRAIN_DELAY_MS,
    readiness: [
      { name: 'postgres', check: () => db.ping() },
      { name: 'shared-state', check: () => state.ping() },
    ],
  });
  registerRoutes(service.app, accounts, keyRing, config.PUBLIC_URL);

  const keyCheck = setInterval(() => {
    keyRing
      .ensureCurrent()
      .catch((error: unknown) => logger.error({ err: error }, 'signing key check failed'));
  }, KEY_CHECK_INTERVAL_MS);
  keyCheck.unref();
  service.onStop(async () => clearInterval(keyCheck));

  if (config.GUEST_SWEEP_INTERVAL_SECONDS > 0) {
    const sweep = setInterval(() => {
      guestSweep
        .run()
        .then((result) => logger.info(result, 'guest sweep done'))
        .catch((error: unknown) => logger.error({ err: error }, 'guest sweep failed'));
    }, config.GUEST_SWEEP_INTERVAL_SECONDS * 1000);
    sweep.unref();
    service.onStop(async () => clearInterval(sweep));
  }
  return service;
}
