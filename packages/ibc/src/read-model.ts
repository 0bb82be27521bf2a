/**
 * What the web app and other readers of the IBC state need, without the poller's code: the read
 * model, amount formatting and URL scrubbing. (The package's main entry also loads cosmjs's RPC and
 * protobuf clients, which a process that never talks to a chain should not hold in memory.)
 */
export * from './queries.js';
export * from './amount.js';
export * from './urls.js';
