import { z } from 'zod';
import { AuthSettings, createAuthService } from '@corazy/auth';
import { connectPostgres, embeddedDataDir, openPglite, type Database } from '@corazy/database';
import { createGatewayService, GatewaySettings } from '@corazy/gateway';
import { createLogger, env, loadConfig, type HttpService } from '@corazy/service-kit';
import { connectRedisState, inProcessState, type SharedState } from '@corazy/shared-state';

export const PlatformConfig = z.object({
  PORT: env.port(8080),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** Unset: embedded PostgreSQL (PGlite) in `CORAZY_DATA_DIR`, or `.data/pglite`. */
  DATABASE_URL: env.url().optional(),
  /** Unset: rate limits and shared state in process memory. */
  REDIS_URL: env.url().optional(),
  CORAZY_DATA_DIR: z.string().optional(),
  /** `memory` keeps the embedded database in memory only (tests, demos). */
  CORAZY_EMBEDDED_STORAGE: z.enum(['disk', 'memory']).default('disk'),
});
export type PlatformConfig = z.infer<typeof PlatformConfig>;

export interface Platform {
  url: string;
  adapters: { database: Database['kind']; sharedState: SharedState['kind'] };
  stop(): Promise<void>;
}

/**
 * Starts every service that exists, each on a loopback port of its own, with the gateway on `PORT`
 * in front of them: the same services and wiring as a deployment, in one process. Real servers are
 * used when their URLs are set; otherwise the embedded stand-ins behind the same interfaces.
 */
export async function startPlatform(
  environment: Record<string, string | undefined> = process.env,
): Promise<Platform> {
  const config = loadConfig(PlatformConfig, environment);
  const db = config.DATABASE_URL
    ? connectPostgres(config.DATABASE_URL, { applicationName: 'corazy-all-in-one' })
    : await openPglite(
        config.CORAZY_EMBEDDED_STORAGE === 'memory'
          ? undefined
          : (config.CORAZY_DATA_DIR ?? embeddedDataDir()),
      );
  const state = config.REDIS_URL ? connectRedisState(config.REDIS_URL) : inProcessState();
  const internal = { ...environment, PORT: '0', HOST: '127.0.0.1' };
  const publicUrl = environment.PUBLIC_URL ?? `http://localhost:${config.PORT}`;

  const services: HttpService[] = [];
  try {
    const auth = await createAuthService({
      config: loadConfig(AuthSettings, { ...internal, PUBLIC_URL: publicUrl }),
      db,
      state,
      logger: createLogger('auth', config.LOG_LEVEL),
    });
    services.push(auth);
    const authUrl = await auth.listen(0, '127.0.0.1');

    const gateway = await createGatewayService({
      config: loadConfig(GatewaySettings, { ...environment, AUTH_URL: authUrl }),
      state,
      logger: createLogger('gateway', config.LOG_LEVEL),
    });
    services.unshift(gateway); // stops first, so no request reaches a service that has stopped
    const url = await gateway.listen(config.PORT, config.HOST);
    return {
      url,
      adapters: { database: db.kind, sharedState: state.kind },
      async stop() {
        for (const service of services) await service.stop();
        await state.close();
        await db.close();
      },
    };
  } catch (error) {
    for (const service of services) await service.stop().catch(() => undefined);
    await state.close();
    await db.close();
    throw error;
  }
}
