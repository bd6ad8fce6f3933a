export * from './errors.js';
export * from './identity.js';
export * from './auth.js';
export * from './grading.js';
export * from './compile.js';
export * from './relay.js';
export * from './output.js';
export * from './sse.js';
