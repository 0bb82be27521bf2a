/**
 * `my_wallets`: the caller's wallets with their balances read live (as the seed's `$my_wallets`
 * did), a few chains at a time; a chain that cannot be read shows its last known balance.
 */
import pLimit from 'p-limit';
import { listWalletsOf } from '../wallets/subscriptions.js';
import { define } from './common.js';
import { listMessages } from './list-messages.js';
import { balanceText, readLiveBalance } from './live-balance.js';

/** Live balance reads in flight at once for one caller. */
const CONCURRENT_READS = 4;

export const myWallets = define({
  name: 'my_wallets',
  description: 'Shows the balances of the wallets you registered, read live from their chains.',
  permission: 'everyone',
  async run(ctx) {
    const mine = await listWalletsOf(ctx.deps.db, ctx.user.id);
    if (mine.length === 0) {
      const register = ctx.via === 'slash' ? '`/register`' : `\`${ctx.prefix}register\``;
      return { content: `You have no registered wallet. Register one with ${register}.`, ephemeral: true };
    }
    const limit = pLimit(CONCURRENT_READS);
    const lines = await Promise.all(mine.map((w) => limit(async () => balanceText(w, await readLiveBalance(ctx, w)))));
    return listMessages({ title: 'Your wallets', header: [], lines, overflowHint: 'see the dashboard for the full list.' });
  },
});
