import { connectPostgres } from '@corazy/database';
import { configOrExit, createLogger, loadConfig, stopOnSignals } from '@corazy/service-kit';
import { connectRedisState } from '@corazy/shared-state';
import { createAuthService } from './app.js';
import { AuthConfig } from './config.js';

const config = configOrExit(() => loadConfig(AuthConfig));
const logger = createLogger('auth', config.LOG_LEVEL);
const db = connectPostgres(config.DATABASE_URL, { applicationName: 'auth' });
const state = connectRedisState(config.REDIS_URL);
const service = await createAuthService({ config, db, state, logger });
service.onStop(() => db.close());
service.onStop(() => state.close());
await service.listen(config.PORT, config.HOST);
stopOnSignals([service], logger);
