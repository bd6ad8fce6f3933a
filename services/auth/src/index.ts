export { createAuthService, MIGRATIONS_DIR } from './app.js';
export { AuthConfig, AuthSettings } from './config.js';
