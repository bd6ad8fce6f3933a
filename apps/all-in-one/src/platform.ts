import { z } from 'zod';
import { AuthSettings, createAuthService } from '@corazy/auth';
import { connectPostgres, embeddedDataDir, openPglite, type Database } from '@corazy/database';
import { CompileSettings, connectResilientRabbitQueue, createCompileService } from '@corazy/compile';
import { createWorkerService, WorkerSettings } from '@corazy/compile-worker';
import { createGatewayService, GatewaySettings } from '@corazy/gateway';
import { connectRedisStores, createRelayService, memoryStores, RelaySettings } from '@corazy/relay';
import { connectRabbitQueue, inProcessQueue } from '@corazy/grading-queue';
import { lockDataFolder } from './data-folder.js';
import { superviseWorker } from './supervised-worker.js';
import { serveWebApp, WEB_DIST } from './web-app.js';
import { createSandbox, SandboxUnavailableError } from '@corazy/sandbox';
import type { DestinationStream } from 'pino';
import { createLogger, env, loadConfig } from '@corazy/service-kit';
import { connectRedisState, inProcessState, type SharedState } from '@corazy/shared-state';

export const PlatformConfig = z.object({
  PORT: env.port(8080),
  /**
   * This machine only, unless told otherwise: on a laptop, anyone on the same network could otherwise
   * sign in as a guest and run code on it. `HOST=0.0.0.0` exposes it (the images set that).
   */
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: env.logLevel(),
  /** Unset: embedded PostgreSQL (PGlite) in `CORAZY_DATA_DIR`, or `.data/pglite`. */
  DATABASE_URL: env.url().optional(),
  /** Unset: rate limits and shared state in process memory. */
  REDIS_URL: env.url().optional(),
  /** Unset: grading jobs go through an in-process queue (not durable). */
  AMQP_URL: env.url().optional(),
  CORAZY_DATA_DIR: z.string().optional(),
  /** `memory` keeps the embedded database in memory only (tests, demos). */
  CORAZY_EMBEDDED_STORAGE: z.enum(['disk', 'memory']).default('disk'),
});
export type PlatformConfig = z.infer<typeof PlatformConfig>;

export interface Platform {
  url: string;
  adapters: { database: Database['kind']; sharedState: SharedState['kind']; queue: 'memory' | 'rabbitmq' };
  /** The sandbox the grading worker uses, or why there is none (then jobs wait in the queue). */
  sandbox: { backend: string } | { unavailable: string };
  stop(): Promise<void>;
}

/**
 * Starts every service that exists, each on a loopback port of its own, with the gateway on `PORT`
 * in front of them: the same services and wiring as a deployment, in one process. Real servers are
 * used when their URLs are set; otherwise the embedded stand-ins behind the same interfaces. Services
 * stop in reverse order of dependency: the gateway first, the grading worker last.
 */
export async function startPlatform(
  environment: Record<string, string | undefined> = process.env,
  options: { logStream?: DestinationStream } = {},
): Promise<Platform> {
  const config = loadConfig(PlatformConfig, environment);
  const dataFolder =
    config.DATABASE_URL || config.CORAZY_EMBEDDED_STORAGE === 'memory'
      ? undefined
      : (config.CORAZY_DATA_DIR ?? embeddedDataDir());
  // Taken before anything touches the data; a second instance stops here.
  const lock = dataFolder ? lockDataFolder(dataFolder) : undefined;
  let db: Database;
  try {
    db = config.DATABASE_URL
      ? connectPostgres(config.DATABASE_URL, { applicationName: 'corazy-all-in-one' })
      : await openEmbeddedDatabase(dataFolder);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const state = config.REDIS_URL ? connectRedisState(config.REDIS_URL) : inProcessState();
  const relayStores = config.REDIS_URL ? connectRedisStores(config.REDIS_URL) : memoryStores();
  const logger = (service: string) => createLogger(service, config.LOG_LEVEL, options.logStream);
  // With a broker, the compile service keeps one reconnecting connection, and the worker its own
  // (supervised below); embedded, both share one in-process queue.
  const embeddedQueue = config.AMQP_URL ? undefined : inProcessQueue();
  const compileQueue =
    embeddedQueue ??
    connectResilientRabbitQueue(config.AMQP_URL!, { logger: logger('compile'), namespace: '' });
  const workerSettings = loadConfig(WorkerSettings, { ...environment, PORT: '0', HOST: '127.0.0.1' });
  const sandbox = await createSandbox(workerSettings.SANDBOX_BACKEND, {
    namespace: { concurrency: workerSettings.WORKER_CONCURRENCY },
  }).catch((error: unknown) => {
    if (error instanceof SandboxUnavailableError) return error;
    throw error;
  });
  const internal = { ...environment, PORT: '0', HOST: '127.0.0.1' };
  const publicUrl = environment.PUBLIC_URL ?? `http://localhost:${config.PORT}`;

  /** In stopping order: the gateway first, the grading worker last. */
  const services: { stop(): Promise<void> }[] = [];
  const closeAdapters = async () => {
    if (!(sandbox instanceof Error)) await sandbox.close();
    await compileQueue.close();
    await relayStores.close();
    await state.close();
    await db.close();
    lock?.release();
  };
  try {
    if (sandbox instanceof SandboxUnavailableError) {
      // The platform still starts (sign-in, lobby and games work); grading jobs wait for a worker.
      logger('compile-worker').warn(sandbox.message);
    } else {
      const workerDependencies = { config: workerSettings, sandbox, logger: logger('compile-worker') };
      if (embeddedQueue) {
        const worker = await createWorkerService({ ...workerDependencies, queue: embeddedQueue });
        await worker.listen(0, '127.0.0.1');
        services.push(worker);
      } else {
        services.push(
          await superviseWorker(workerDependencies, (onLost) =>
            connectRabbitQueue(config.AMQP_URL!, {
              connectionName: 'compile-worker',
              onConnectionLost: onLost,
            }),
          ),
        );
      }
    }

    const compile = await createCompileService({
      // One worker, in this process: dispatch as many jobs as it has slots, plus one waiting.
      config: loadConfig(CompileSettings, {
        DISPATCH_WINDOW: String(workerSettings.WORKER_CONCURRENCY + 1),
        ...internal,
      }),
      db,
      state,
      queue: compileQueue,
      logger: logger('compile'),
    });
    services.unshift(compile);
    const compileUrl = await compile.listen(0, '127.0.0.1');

    const auth = await createAuthService({
      config: loadConfig(AuthSettings, { ...internal, PUBLIC_URL: publicUrl }),
      db,
      state,
      logger: logger('auth'),
    });
    services.unshift(auth);
    const authUrl = await auth.listen(0, '127.0.0.1');

    const relay = await createRelayService({
      config: loadConfig(RelaySettings, {
        ...internal,
        COMPILE_URL: compileUrl,
        // For access tokens renewed over a socket.
        JWKS_URL: `${authUrl}/api/auth/.well-known/jwks.json`,
      }),
      stores: relayStores,
      state,
      db,
      logger: logger('relay'),
    });
    services.unshift(relay);
    const relayUrl = await relay.listen(0, '127.0.0.1');

    const gateway = await createGatewayService({
      config: loadConfig(GatewaySettings, {
        ...environment,
        AUTH_URL: authUrl,
        COMPILE_URL: compileUrl,
        RELAY_URL: relayUrl,
      }),
      state,
      logger: logger('gateway'),
    });
    services.unshift(gateway); // stops first, so no request reaches a service that has stopped
    const webApp = await serveWebApp(gateway.app);
    if (!webApp) logger('platform').warn(`no web app build in ${WEB_DIST}: run npm run build -w @corazy/web`);
    const url = await gateway.listen(config.PORT, config.HOST);
    lock?.describe(url);
    return {
      url,
      adapters: { database: db.kind, sharedState: state.kind, queue: embeddedQueue ? 'memory' : 'rabbitmq' },
      sandbox: sandbox instanceof Error ? { unavailable: sandbox.message } : { backend: sandbox.backend },
      async stop() {
        for (const service of services) await service.stop();
        await closeAdapters();
      },
    };
  } catch (error) {
    for (const service of services) await service.stop().catch(() => undefined);
    await closeAdapters().catch(() => undefined);
    // PGlite may open a damaged folder and abort at its first query (a migration).
    // (WebAssembly's RuntimeError, by name: Node's types do not declare the WebAssembly global.)
    if (dataFolder && error instanceof Error && error.name === 'RuntimeError')
      throw new EmbeddedDatabaseError(dataFolder, error);
    throw error;
  }
}

/** The embedded database could not be opened: what to do about it, in one line. */
export class EmbeddedDatabaseError extends Error {
  constructor(folder: string, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      `cannot open the embedded database in ${folder} (${reason.split('\n')[0]}): it may be damaged. ` +
        'Restore a backup with `npm run data:restore -- <backup>`, or move the folder away to start with an empty one',
      { cause },
    );
    this.name = 'EmbeddedDatabaseError';
  }
}

async function openEmbeddedDatabase(folder: string | undefined): Promise<Database> {
  try {
    return await openPglite(folder);
  } catch (error) {
    throw folder ? new EmbeddedDatabaseError(folder, error) : error;
  }
}
