import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language, Verdict } from '@corazy/contracts';
import { connectPostgres, createTestDatabase, type Database } from '@corazy/database';
import { deleteTopology, inProcessQueue, type GradingQueue } from '@corazy/grading-queue';
import { createLogger, loadConfig, type Identity } from '@corazy/service-kit';
import { connectRedisState, type SharedState } from '@corazy/shared-state';
import { PACKAGED_CATALOGUE_DIR } from './adapters/catalogue-files.js';
import { connectResilientRabbitQueue } from './adapters/resilient-queue.js';
import { createCompileService, type CompileService } from './app.js';
import { CompileConfig } from './config.js';

export { freePort } from '@corazy/service-kit/testing';

export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const testAmqpUrl = () => process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface TestCompile {
  service: CompileService;
  url: string;
  databaseUrl: string;
  /** The RabbitMQ namespace its queues live in ('' with the in-process queue): a worker uses the same. */
  namespace: string;
  queue: GradingQueue;
  db: Database;
  state: SharedState;
  close(): Promise<void>;
}

export interface TestCompileOptions {
  env?: Record<string, string>;
  /** Another replica: the same database (seeded and migrated already). */
  databaseUrl?: string;
  /**
   * `rabbitmq` (default): a reconnecting RabbitMQ queue in `namespace`, a fresh one unless given,
   * at `amqpUrl` (default TEST_AMQP_URL). `memory`: an in-process queue (`inProcess` to share one).
   */
  queue?: 'rabbitmq' | 'memory';
  namespace?: string;
  amqpUrl?: string;
  inProcess?: GradingQueue;
  port?: number;
}

/**
 * A compile service on real PostgreSQL (a fresh database, the catalogue seeded) and Redis (a fresh key
 * prefix), with RabbitMQ in a namespace of its own, listening on a free port. Pass `databaseUrl` and
 * `namespace` to start a second replica of the same deployment. No worker is started: run one on
 * `namespace` (the real compile-worker, or a test double in this service's own tests).
 */
export async function startTestCompile(options: TestCompileOptions = {}): Promise<TestCompile> {
  const database = options.databaseUrl ? undefined : await createTestDatabase('compile');
  const databaseUrl = options.databaseUrl ?? database!.url;
  const namespace = options.queue === 'memory' ? '' : (options.namespace ?? `test.compile.${randomUUID()}.`);
  const amqpUrl = options.amqpUrl ?? testAmqpUrl();
  const config = loadConfig(CompileConfig, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    AMQP_URL: amqpUrl,
    AMQP_NAMESPACE: namespace,
    PORT: '0',
    HOST: '127.0.0.1',
    // Tests drive a grader double that may hold many jobs: fairness tests set their own window.
    DISPATCH_WINDOW: '1000',
    ...options.env,
  });
  const logger = createLogger('compile', config.LOG_LEVEL === 'info' ? 'silent' : config.LOG_LEVEL);
  const db = connectPostgres(databaseUrl, { maxConnections: 6 });
  const state = connectRedisState(config.REDIS_URL, `test:${randomUUID()}:`);
  const queue =
    options.queue === 'memory'
      ? (options.inProcess ?? inProcessQueue())
      : connectResilientRabbitQueue(amqpUrl, {
          namespace,
          logger,
          checkIntervalMs: 500,
          retryMs: 100,
          maxRetryMs: 500,
        });
  const service = await createCompileService({ config, db, state, queue, logger });
  const url = await service.listen(options.port ?? 0, '127.0.0.1');
  const ownsNamespace = options.queue !== 'memory' && !options.namespace;
  return {
    service,
    url,
    databaseUrl,
    namespace,
    queue,
    db,
    state,
    async close() {
      await service.stop();
      if (!options.inProcess) await queue.close();
      await db.close();
      await state.close();
      if (ownsNamespace) await deleteTopology(testAmqpUrl(), namespace).catch(() => undefined);
      await database?.drop();
    },
  };
}

/** The headers the gateway sets for a signed-in user. */
export function asUser(identity: Partial<Identity> = {}): Record<string, string> {
  return {
    'x-user-id': identity.userId ?? randomUUID(),
    'x-user-nickname': encodeURIComponent(identity.nickname ?? 'tester'),
    'x-user-role': identity.role ?? 'USER',
  };
}

export interface CatalogueCase {
  slug: string;
  /** e.g. `solutions/main.py` or `wrong/naive-tle.py`. */
  file: string;
  language: Language;
  source: string;
  /** ACCEPTED for a reference solution; the verdict `problem.json` declares for a wrong one. */
  expected: Verdict;
}

const LANGUAGE_OF_EXTENSION: Record<string, Language> = {
  py: 'python',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  js: 'javascript',
};

/**
 * Every reference and wrong solution of the catalogue with the verdict it must get, for end-to-end
 * tests with the real worker: submit each in `full` mode and compare.
 */
export async function catalogueCases(catalogueDir = PACKAGED_CATALOGUE_DIR): Promise<CatalogueCase[]> {
  const cases: CatalogueCase[] = [];
  const problems = join(catalogueDir, 'problems');
  for (const slug of (await readdir(problems)).sort()) {
    const folder = join(problems, slug);
    const meta = JSON.parse(await readFile(join(folder, 'problem.json'), 'utf8')) as {
      wrong?: Record<string, Verdict>;
    };
    const entries: { file: string; expected: Verdict }[] = [
      ...(await readdir(join(folder, 'solutions'))).map((name) => ({
        file: `solutions/${name}`,
        expected: 'ACCEPTED' as const,
      })),
      ...Object.entries(meta.wrong ?? {}).map(([name, expected]) => ({ file: `wrong/${name}`, expected })),
    ];
    for (const { file, expected } of entries) {
      const language = LANGUAGE_OF_EXTENSION[file.split('.').pop()!];
      if (!language) continue;
      cases.push({ slug, file, language, source: await readFile(join(folder, file), 'utf8'), expected });
    }
  }
  return cases;
}
