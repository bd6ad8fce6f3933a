export { createRelayService, MIGRATIONS_DIR, type RelayDependencies, type RelayService } from './app.js';
export { RelayConfig, RelaySettings } from './config.js';
export { connectRedisStores } from './adapters/redis-stores.js';
export { memoryStores } from './adapters/memory-stores.js';
export type { RelayStores } from './domain/ports.js';
export { sqlArchive } from './adapters/sql-archive.js';
