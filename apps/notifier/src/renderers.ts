import type { Renderers } from '@herald/pipeline';
import { renderAccountEmbed } from '@herald/servatrice';

/** Every event type's renderer. Adding an event type without one here fails to compile. */
export const renderers: Renderers = {
  'servatrice.account.registered': (payload) => [renderAccountEmbed(payload)],
  // PLACEHOLDER until packages/ibc/src/render lands (issue 8 in progress).
  'ibc.client.warning': (p) => [{ title: `ibc ${p.clientId}` }],
  'ibc.client.critical': (p) => [{ title: `ibc ${p.clientId}` }],
  'ibc.client.expired': (p) => [{ title: `ibc ${p.clientId}` }],
  'ibc.client.frozen': (p) => [{ title: `ibc ${p.clientId}` }],
  'ibc.client.resolved': (p) => [{ title: `ibc ${p.clientId}` }],
  'ibc.client.reactivated': (p) => [{ title: `ibc ${p.clientId}` }],
  'ibc.client.reminder': (p) => [{ title: `ibc ${p.clientId}` }],
  'ibc.chain.unreachable': (p) => [{ title: `ibc ${p.chainId}` }],
  'ibc.chain.recovered': (p) => [{ title: `ibc ${p.chainId}` }],
  'ibc.wallet.low': (p) => [{ title: `ibc ${p.address}` }],
  'ibc.wallet.resolved': (p) => [{ title: `ibc ${p.address}` }],
};
