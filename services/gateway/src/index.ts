export { createGatewayService } from './app.js';
export { GatewayConfig } from './config.js';
