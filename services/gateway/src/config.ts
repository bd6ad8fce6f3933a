import { z } from 'zod';
import { env } from '@corazy/service-kit';

/** What the gateway needs to know, whatever its Redis is. */
export const GatewaySettings = z.object({
  PORT: env.port(8080),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** Upstreams; a route whose upstream is not set answers 503 SERVICE_UNAVAILABLE. */
  AUTH_URL: env.url().optional(),
  RELAY_URL: env.url().optional(),
  COMPILE_URL: env.url().optional(),
  /** Where the verification keys are; defaults to the auth service's JWKS. */
  JWKS_URL: env.url().optional(),
  TOKEN_ISSUER: z.string().default('corazy-auth'),
  /** After fetching the key set, no refetch for an unknown `kid` sooner than this. */
  JWKS_COOLDOWN_MS: env.int(30_000),
  BODY_LIMIT_BYTES: env.int(1024 * 1024, 1),
  /** For the few routes that take uploads (ADMIN_UPLOADS in route-table.ts: streamed, never buffered). */
  LARGE_BODY_LIMIT_BYTES: env.int(64 * 1024 * 1024, 1),
  CONNECT_TIMEOUT_MS: env.int(5_000, 1),
  /** Longer than the longest long-poll behind the gateway (`GET /api/runs/:id?wait=30`). */
  RESPONSE_TIMEOUT_MS: env.int(35_000, 1),
  /** Requests per minute, shared by every gateway replica through Redis. */
  RATE_LIMIT_PER_IP: env.int(1_200, 1),
  RATE_LIMIT_PER_USER: env.int(600, 1),
  /** Origins allowed to call the API from a browser; empty allows same-origin only. */
  CORS_ORIGINS: env.list(),
  /** Proxies in front of the gateway (an ingress) whose X-Forwarded-For is trusted: how many hops. */
  TRUSTED_PROXY_HOPS: env.int(0),
  DRAIN_DELAY_MS: env.int(0),
});
export type GatewaySettings = z.infer<typeof GatewaySettings>;

/** The standalone process: the settings plus where its Redis is. */
export const GatewayConfig = GatewaySettings.extend({
  REDIS_URL: env.url(),
  /** Lets several deployments share one Redis. */
  REDIS_KEY_PREFIX: z.string().default('corazy:'),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;
