import { z } from 'zod';
import { env } from '@corazy/service-kit';

/** What the auth service needs to know, whatever its database and Redis are. */
export const AuthSettings = z.object({
  PORT: env.port(8081),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** `iss` of access tokens; verifiers pin it. */
  TOKEN_ISSUER: z.string().default('corazy-auth'),
  ACCESS_TOKEN_TTL_SECONDS: env.int(15 * 60, 60),
  REFRESH_TOKEN_TTL_DAYS: env.int(30, 1),
  /**
   * A rotated refresh token presented again by the same client within this many seconds gets the pair
   * its rotation issued instead of signing the user out (two tabs, a retried request); 0 turns it off.
   */
  REFRESH_GRACE_SECONDS: env.int(10, 0),
  /** A key is rotated when it has signed for this long; 0 disables automatic rotation. */
  SIGNING_KEY_ROTATION_DAYS: env.int(30),
  /** Public origin of the platform, for the OIDC redirect URI and where the browser lands after it. */
  PUBLIC_URL: env.url().default('http://localhost:8080'),
  OIDC_ISSUER: env.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Only for a provider on plain http (a local test provider); never in production. */
  OIDC_ALLOW_HTTP: env.bool(false),
  /** Guest accounts one client address (an IPv6 /64) may make per window; mind shared NATs (a classroom). */
  GUEST_SIGNUPS_PER_ADDRESS: env.int(20, 1),
  GUEST_SIGNUP_WINDOW_SECONDS: env.int(60 * 60, 1),
  /** A guest with no sign-in or refresh for this long is removed and their nickname freed. */
  GUEST_INACTIVE_DAYS: env.int(30, 1),
  /** How often each replica sweeps expired guests and tokens; 0 disables the sweep. */
  GUEST_SWEEP_INTERVAL_SECONDS: env.int(10 * 60),
  DRAIN_DELAY_MS: env.int(0),
});
export type AuthSettings = z.infer<typeof AuthSettings>;

/** The standalone process: the settings plus where its PostgreSQL and Redis are. */
export const AuthConfig = AuthSettings.extend({ DATABASE_URL: env.url(), REDIS_URL: env.url() });
export type AuthConfig = z.infer<typeof AuthConfig>;
