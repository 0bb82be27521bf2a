export * from './settings.js';
export * from './types.js';
export * from './chain-store.js';
export * from './queries.js';
