export * from './connection.js';
export * from './typed.js';
export * from './schedulers.js';
export * from './shutdown.js';
export * from './poll-guard.js';
