import { connectPostgres } from '@corazy/database';
import { configOrExit, createLogger, loadConfig, stopOnSignals } from '@corazy/service-kit';
import { connectRedisState } from '@corazy/shared-state';
import { connectRedisStores } from './adapters/redis-stores.js';
import { createRelayService } from './app.js';
import { RelayConfig } from './config.js';

const config = configOrExit(() => loadConfig(RelayConfig));
const logger = createLogger('relay', config.LOG_LEVEL);
const stores = connectRedisStores(config.REDIS_URL, config.REDIS_KEY_PREFIX);
const state = connectRedisState(config.REDIS_URL);
const db = config.DATABASE_URL
  ? connectPostgres(config.DATABASE_URL, { applicationName: 'relay' })
  : undefined;
const service = await createRelayService({ config, stores, state, logger, db });
if (db) service.onStop(() => db.close());
service.onStop(() => stores.close());
service.onStop(() => state.close());
await service.listen(config.PORT, config.HOST);
stopOnSignals([service], logger);
