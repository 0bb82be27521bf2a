export * from './redact.js';
export * from './logger.js';
export * from './failpoint.js';
export * from './outage.js';
export * from './backoff.js';
