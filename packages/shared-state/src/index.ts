export * from './shared-state.js';
export * from './redis.js';
export * from './memory.js';
export * from './session-revocations.js';
