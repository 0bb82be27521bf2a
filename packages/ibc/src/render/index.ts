/**
 * `@herald/ibc/render`: the IBC source's Discord side. Alert embeds for every `ibc.*` event
 * (`ibcRenderers`, spread into the notifier's renderer map) and the status message kept edited in
 * place (`renderIbcStatus`, `createIbcStatusRefresh`). Loads no cosmjs RPC code.
 */
export { ibcRenderers, type IbcEventType } from './renderers.js';
export { renderClientAlert, updateHint, GOVERNANCE_TEXT, type ClientAlertKind } from './client-alerts.js';
export { renderChainRecovered, renderChainUnreachable } from './chain-alerts.js';
export { renderWalletLow, renderWalletResolved, roundUpSignificant, topUpAmount } from './wallet-alerts.js';
export { renderIbcStatus, type IbcStatusView } from './status.js';
export { createIbcStatusRefresh, IBC_STATUS_KEY, type IbcStatusRefreshOptions } from './status-job.js';
export { clientStateColor, clientStateIcon, IbcColor, walletStateIcon } from './style.js';
