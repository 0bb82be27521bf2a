/**
 * What the web app and other readers of the IBC state need, without the poller's code: the read
 * model, amount formatting and URL scrubbing. (The package's main entry also loads cosmjs's RPC
 * clients, ~45 MB in a process that never talks to a chain.)
 */
export * from './queries.js';
export * from './amount.js';
export * from './urls.js';
