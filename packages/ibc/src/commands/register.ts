/**
 * `register <address> <chain_id> <threshold>`: subscribes the caller to low-balance alerts for a
 * relayer wallet (seed `$register`, §2.5). Unlike the seed it checks the chain, the bech32 checksum
 * and prefix and a positive threshold in display units (exactly, no floats) before writing anything,
 * and refuses an address someone else registered instead of overwriting it. The balance is read
 * once, like the seed; an unreachable chain does not prevent the registration.
 */
import { checkAddress } from '../address.js';
import { parseAmount } from '../amount.js';
import { findChain, loadChains } from '../chain-store.js';
import type { Chain } from '../types.js';
import { getWallet, registerWallet } from '../wallets/subscriptions.js';
import { addressOption, chainIdOption, chainLabel, define, describeRpcError, knownChainsText, problem, refuse, typed, type IbcContext } from './common.js';
import { amountOf } from './wallet-text.js';

export const register = define({
  name: 'register',
  description: 'Registers a relayer wallet for low-balance alerts (threshold in tokens, e.g. 0.5).',
  permission: 'everyone',
  options: {
    address: addressOption,
    chain_id: chainIdOption,
    threshold: {
      kind: 'string',
      description: 'Alert when the balance falls below this many tokens (display units, e.g. 0.5)',
      required: true,
      maxLength: 100,
    },
  },
  async run(ctx, options) {
    const chain = await findChain(ctx.deps.db, options.chain_id);
    if (!chain) return refuse(ctx, 'register', `Unknown chain ${typed(options.chain_id)}. ${knownChainsText(await loadChains(ctx.deps.db))}`);
    const address = checkAddress(options.address, chain);
    if (!address.ok) return refuse(ctx, 'register', `The address ${typed(options.address)} ${address.reason}.`);
    const threshold = parseAmount(options.threshold, chain.exponent);
    if (!threshold.ok) {
      return refuse(ctx, 'register', `The threshold ${typed(options.threshold)} ${threshold.reason}. It is in ${chain.displayDenom} (1 ${chain.displayDenom} = 10^${chain.exponent} ${chain.denom}).`);
    }

    // Refuse before reading the chain; registerWallet checks again atomically.
    const existing = await getWallet(ctx.deps.db, address.address);
    if (existing && existing.ownerId !== ctx.user.id) return taken(address.address, existing.ownerId);

    const balance = await readOnce(ctx, chain, address.address);
    const at = ctx.deps.now();
    const outcome = await registerWallet(
      ctx.deps.db,
      { address: address.address, chainId: chain.chainId, ownerId: ctx.user.id, threshold: threshold.base },
      balance.ok ? { amount: balance.amount, at } : undefined,
    );
    if (outcome.kind === 'taken') return taken(address.address, outcome.ownerId);
    ctx.logger.info({ address: address.address, chainId: chain.chainId, outcome: outcome.kind }, 'IBC wallet registered');

    const shown = (base: bigint) => `**${amountOf(chain, base)}**`;
    const lines = [
      outcome.kind === 'created'
        ? `Tracking wallet \`${address.address}\` on ${chainLabel(chain)}: alert when its balance falls below ${shown(threshold.base)}.`
        : `Updated wallet \`${address.address}\` on ${chainLabel(chain)}: alert when its balance falls below ${shown(threshold.base)}` +
          ` (was ${amountOf(chain, outcome.previous.threshold)}${outcome.previous.chainId === chain.chainId ? '' : ` on \`${outcome.previous.chainId}\``}).`,
    ];
    if (balance.ok) {
      lines.push(`Current balance: ${shown(balance.amount)}${balance.amount < threshold.base ? ' 🪫 already below the threshold' : ''}.`);
    } else {
      lines.push(`The balance could not be read now (${balance.reason}); it will be read on the next wallet poll.`);
    }
    return lines.join('\n');
  },
});

function taken(address: string, ownerId: string) {
  return problem(`Wallet \`${address}\` is already registered by <@${ownerId}>. Only they, or a moderator with \`deregister\`, can change it.`);
}

async function readOnce(ctx: IbcContext, chain: Chain, address: string): Promise<{ ok: true; amount: bigint } | { ok: false; reason: string }> {
  try {
    return { ok: true, amount: await ctx.deps.balanceOf(chain, address) };
  } catch (error) {
    ctx.logger.warn({ err: error, chainId: chain.chainId }, 'wallet balance not readable at registration');
    return { ok: false, reason: describeRpcError(error) };
  }
}
