export { createGatewayService } from './app.js';
export { GatewayConfig, GatewaySettings } from './config.js';
