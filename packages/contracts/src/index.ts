export * from './queues.js';
export * from './events.js';
export * from './jobs.js';
export * from './fingerprint.js';
export * from './severity.js';
