export { createWorkerService } from './app.js';
export { WorkerConfig, WorkerSettings } from './config.js';
