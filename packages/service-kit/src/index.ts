export * from './config.js';
export * from './errors.js';
export * from './logger.js';
export * from './http-service.js';
export * from './lifecycle.js';
export * from './identity.js';
export * from './token-verifier.js';
export * from './url-credentials.js';
