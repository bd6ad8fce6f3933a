export {
  createCompileService,
  MIGRATIONS_DIR,
  type CompileDependencies,
  type CompileService,
} from './app.js';
export { CompileConfig, CompileSettings } from './config.js';
export {
  connectResilientRabbitQueue,
  resilientQueue,
  type ResilientQueue,
} from './adapters/resilient-queue.js';
export { PACKAGED_CATALOGUE_DIR } from './adapters/catalogue-files.js';
