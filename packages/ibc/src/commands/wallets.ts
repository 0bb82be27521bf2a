/**
 * `wallets`: every registered relayer wallet with its last known balance, threshold, state and
 * runway, from the wallet polls (no chain is queried). The seed's `$wallets` showed only wallets
 * read since its start, and flagged balances under a hard-coded 2 tokens whatever the threshold.
 */
import { listWallets } from '../queries.js';
import { define } from './common.js';
import { listMessages } from './list-messages.js';
import { walletLine } from './wallet-text.js';

export const wallets = define({
  name: 'wallets',
  description: 'Lists the tracked relayer wallets: balance, alert threshold, state and runway.',
  permission: 'everyone',
  async run(ctx) {
    const all = await listWallets(ctx.deps.db);
    if (all.length === 0) {
      const register = ctx.via === 'slash' ? '`/register`' : `\`${ctx.prefix}register\``;
      return `No wallet is registered yet. Register one with ${register}.`;
    }
    const low = all.filter((w) => w.state === 'low').length;
    return listMessages({
      title: 'IBC relayer wallets',
      header: [`${all.length} wallet${all.length === 1 ? '' : 's'}${low > 0 ? `, ${low} low` : ''}`, ''],
      lines: all.map(walletLine),
      overflowHint: 'see the dashboard for the full list.',
    });
  },
});
