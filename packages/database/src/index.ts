export * from './database.js';
export * from './postgres.js';
export * from './pglite.js';
export * from './migrate.js';
export * from './testing.js';
