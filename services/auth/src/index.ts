export { createAuthService, MIGRATIONS_DIR } from './app.js';
export { AuthConfig } from './config.js';
