import type { EventType } from '@herald/contracts';
import type { Renderers } from '@herald/pipeline';
import { renderChainRecovered, renderChainUnreachable } from './chain-alerts.js';
import { renderChainHalted, renderChainResumed } from './chain-halt-alerts.js';
import { renderClientAlert } from './client-alerts.js';
import { renderWalletLow, renderWalletResolved } from './wallet-alerts.js';

export type IbcEventType = Extract<EventType, `ibc.${string}`>;

/**
 * The IBC source's renderers, one per `ibc.*` event type (the notifier spreads them into its map;
 * a new IBC event type without one here fails to compile there).
 */
export const ibcRenderers: Pick<Renderers, IbcEventType> = {
  'ibc.client.warning': (p) => [renderClientAlert('warning', p)],
  'ibc.client.critical': (p) => [renderClientAlert('critical', p)],
  'ibc.client.expired': (p) => [renderClientAlert('expired', p)],
  'ibc.client.frozen': (p) => [renderClientAlert('frozen', p)],
  'ibc.client.resolved': (p) => [renderClientAlert('resolved', p)],
  'ibc.client.reactivated': (p) => [renderClientAlert('reactivated', p)],
  'ibc.client.reminder': (p) => [renderClientAlert('reminder', p)],
  'ibc.chain.unreachable': (p) => [renderChainUnreachable(p)],
  'ibc.chain.recovered': (p) => [renderChainRecovered(p)],
  'ibc.chain.halted': (p) => [renderChainHalted(p)],
  'ibc.chain.resumed': (p) => [renderChainResumed(p)],
  'ibc.wallet.low': (p) => renderWalletLow(p),
  'ibc.wallet.resolved': (p) => [renderWalletResolved(p)],
};
