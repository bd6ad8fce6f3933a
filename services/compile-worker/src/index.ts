export { createWorkerService, type WorkerDependencies } from './app.js';
export { WorkerConfig, WorkerSettings } from './config.js';
