import pretty from 'pino-pretty';
import { configOrExit, createLogger, loadConfig, stopOnSignals } from '@corazy/service-kit';
import { DataFolderInUseError } from './data-folder.js';
import { EmbeddedDatabaseError, PlatformConfig, startPlatform } from './platform.js';

const config = configOrExit(() => loadConfig(PlatformConfig));
// In a terminal, readable lines; anywhere else (a file, a pipe, a log collector), JSON lines.
const terminal = process.stdout.isTTY === true;
const logStream = terminal
  ? pretty({
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,service',
      messageFormat: '{service} {msg}',
    })
  : undefined;
const logger = createLogger('platform', config.LOG_LEVEL, logStream);

try {
  const platform = await startPlatform(process.env, { logStream });
  const address = `http://${['127.0.0.1', '0.0.0.0', '::', '::1'].includes(config.HOST) ? 'localhost' : config.HOST}:${config.PORT}`;
  logger.info(
    { url: platform.url, adapters: platform.adapters },
    `Corazy Arcade is up on ${address} (database: ${platform.adapters.database}, shared state: ${platform.adapters.sharedState})`,
  );
  if (terminal) console.log(`\n  ➜  Open ${address} in your browser (Ctrl+C stops it)\n`);
  stopOnSignals([platform], logger);
} catch (error) {
  // These say what to do in one line; a stack (PGlite's is pages of minified code) would bury it.
  if (!(error instanceof DataFolderInUseError || error instanceof EmbeddedDatabaseError)) throw error;
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
