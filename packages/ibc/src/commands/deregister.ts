/**
 * `deregister <address>`: stops the alerts for a wallet. Only its owner or a privileged member (the
 * server owner or the privileged role) may; the seed's substring test on "<@id>" let a user whose
 * id is part of the owner's do it (§2.9), here ids are compared exactly.
 */
import { deregisterWallet } from '../wallets/subscriptions.js';
import { addressOption, define, problem, typed } from './common.js';

export const deregister = define({
  name: 'deregister',
  description: 'Stops balance alerts for a wallet (only the member who registered it, or a moderator).',
  permission: 'everyone',
  options: { address: addressOption },
  async run(ctx, { address }) {
    const outcome = await deregisterWallet(ctx.deps.db, address, { id: ctx.user.id, privileged: ctx.privileged });
    switch (outcome.kind) {
      case 'not-found':
        return problem(`Wallet ${typed(address)} isn't registered.`);
      case 'not-owner':
        return problem(`Only <@${outcome.ownerId}>, who registered wallet ${typed(address)}, can deregister it. Ask a moderator if they are unreachable.`);
      case 'removed': {
        ctx.logger.info({ address: outcome.wallet.address, ownerId: outcome.wallet.ownerId, byOwner: outcome.wallet.ownerId === ctx.user.id }, 'IBC wallet deregistered');
        const whose = outcome.wallet.ownerId === ctx.user.id ? '' : ` (registered by <@${outcome.wallet.ownerId}>)`;
        return `Stopped tracking wallet \`${outcome.wallet.address}\` on \`${outcome.wallet.chainId}\`${whose}.`;
      }
    }
  },
});
