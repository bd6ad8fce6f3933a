export * from './grading-queue.js';
export { connectRabbitQueue, deleteTopology, TOPOLOGY } from './rabbitmq.js';
export { inProcessQueue } from './memory.js';
