import { configOrExit, createLogger, loadConfig, stopOnSignals } from '@corazy/service-kit';
import { PlatformConfig, startPlatform } from './platform.js';

const config = configOrExit(() => loadConfig(PlatformConfig));
const logger = createLogger('platform', config.LOG_LEVEL);
const platform = await startPlatform(process.env);
logger.info(
  { url: platform.url, adapters: platform.adapters },
  `Corazy Arcade is up on http://localhost:${config.PORT} (database: ${platform.adapters.database}, shared state: ${platform.adapters.sharedState})`,
);
stopOnSignals([platform], logger);
