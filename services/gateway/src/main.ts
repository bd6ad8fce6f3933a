import { configOrExit, createLogger, loadConfig, stopOnSignals } from '@corazy/service-kit';
import { connectRedisState } from '@corazy/shared-state';
import { createGatewayService } from './app.js';
import { GatewayConfig } from './config.js';

const config = configOrExit(() => loadConfig(GatewayConfig));
const logger = createLogger('gateway', config.LOG_LEVEL);
const state = connectRedisState(config.REDIS_URL, config.REDIS_KEY_PREFIX);
const service = await createGatewayService({ config, state, logger });
service.onStop(() => state.close());
await service.listen(config.PORT, config.HOST);
stopOnSignals([service], logger);
