import { connectPostgres } from '@corazy/database';
import { configOrExit, createLogger, loadConfig, stopOnSignals } from '@corazy/service-kit';
import { connectRedisState } from '@corazy/shared-state';
import { connectResilientRabbitQueue } from './adapters/resilient-queue.js';
import { createCompileService } from './app.js';
import { CompileConfig } from './config.js';

const config = configOrExit(() => loadConfig(CompileConfig, process.env));
const logger = createLogger('compile', config.LOG_LEVEL);
const db = connectPostgres(config.DATABASE_URL, { applicationName: 'compile' });
const state = connectRedisState(config.REDIS_URL);
// Connects in the background and reconnects: the service starts, and takes submissions, without the broker.
const queue = connectResilientRabbitQueue(config.AMQP_URL, { namespace: config.AMQP_NAMESPACE, logger });
const service = await createCompileService({ config, db, state, queue, logger });
service.onStop(() => queue.close());
service.onStop(() => db.close());
service.onStop(() => state.close());
await service.listen(config.PORT, config.HOST);
stopOnSignals([service], logger);
