/**
 * `@herald/ibc/commands`: the IBC source's bot commands (the seed's `$data`, `$wallets`, `$wallet`,
 * `$my_wallets`, `$register`, `$deregister`, `$register_chain`; `help` is the bot's own), their
 * dependencies, and the `ibc:` settings the notifier reads. This entry loads no cosmjs RPC code
 * until a command needs a chain (see live.ts), and none of the poller's code.
 */
import { data } from './data.js';
import { deregister } from './deregister.js';
import { myWallets } from './my-wallets.js';
import { register } from './register.js';
import { registerChain } from './register-chain.js';
import { wallet } from './wallet.js';
import { wallets } from './wallets.js';

/** In the order `help` lists them. */
export const ibcCommands = [data, wallets, wallet, myWallets, register, deregister, registerChain] as const;

export { data, deregister, myWallets, register, registerChain, wallet, wallets };
export { ProbeFailure, type ChainProbe, type IbcCommandDeps } from './deps.js';
export { createIbcCommandDeps, type IbcCommandDepsOptions } from './live.js';
