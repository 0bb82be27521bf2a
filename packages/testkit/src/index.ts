export * from './names.js';
export * from './postgres.js';
export * from './redis.js';
export * from './mariadb.js';
export * from './fake-discord/index.js';
export * from './fake-cosmos/index.js';
export * from './random.js';
export * from './tcp-proxy.js';
