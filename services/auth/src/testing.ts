import { randomUUID } from 'node:crypto';
import { connectPostgres, createTestDatabase } from '@corazy/database';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { connectRedisState, type SharedState } from '@corazy/shared-state';
import { createAuthService } from './app.js';
import { AuthConfig } from './config.js';
import type { LoginThrottlePolicy } from './domain/login-throttle.js';

export { freePort } from '@corazy/service-kit/testing';

export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestAuth {
  service: HttpService;
  url: string;
  databaseUrl: string;
  state: SharedState;
  close(): Promise<void>;
}

/**
 * An auth service on real PostgreSQL (a fresh database) and Redis (a fresh key prefix), listening on
 * a free port. Pass `databaseUrl` to start a second replica on the same database.
 */
export async function startTestAuth(
  options: {
    env?: Record<string, string>;
    loginPolicy?: LoginThrottlePolicy;
    databaseUrl?: string;
    port?: number;
    /** Shared state to use (and leave open), e.g. the gateway's; by default a fresh Redis prefix. */
    state?: SharedState;
  } = {},
): Promise<TestAuth> {
  const database = options.databaseUrl ? undefined : await createTestDatabase('auth');
  const databaseUrl = options.databaseUrl ?? database!.url;
  const config = loadConfig(AuthConfig, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    PORT: '0',
    HOST: '127.0.0.1',
    ...options.env,
  });
  const db = connectPostgres(databaseUrl, { maxConnections: 4 });
  const state = options.state ?? connectRedisState(config.REDIS_URL, `test:${randomUUID()}:`);
  const service = await createAuthService({
    config,
    db,
    state,
    logger: createLogger('auth', 'silent'),
    loginPolicy: options.loginPolicy,
  });
  const url = await service.listen(options.port ?? 0, '127.0.0.1');
  return {
    service,
    url,
    databaseUrl,
    state,
    async close() {
      await service.stop();
      await db.close();
      if (!options.state) await state.close();
      await database?.drop();
    },
  };
}
