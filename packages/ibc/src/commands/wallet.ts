/**
 * `wallet <address>`: a registered wallet's balance, read live from its chain (like the seed's
 * `$wallet`); when the chain cannot be reached, the last known balance, saying so.
 */
import { getWallet } from '../wallets/subscriptions.js';
import { addressOption, define, problem, typed } from './common.js';
import { balanceText, readLiveBalance } from './live-balance.js';

export const wallet = define({
  name: 'wallet',
  description: "Shows a registered wallet's balance, read live from its chain.",
  permission: 'everyone',
  options: { address: addressOption },
  async run(ctx, { address }) {
    const found = await getWallet(ctx.deps.db, address);
    if (!found) {
      const my = ctx.via === 'slash' ? '`/wallets`' : `\`${ctx.prefix}wallets\``;
      return problem(`Wallet ${typed(address)} isn't registered. ${my} lists the registered ones.`);
    }
    const live = await readLiveBalance(ctx, found);
    return `${balanceText(found, live)} · registered by <@${found.ownerId}>`;
  },
});
