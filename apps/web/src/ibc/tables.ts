import { formatAmount, formatRunway, formatTimeLeft, type ChainView, type ClientView, type WalletView } from '@herald/ibc/read-model';
import { formatTime } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import type { ConfigWarningView } from './data.js';
import { formatPercent, stateBadge, withoutUrlSecrets } from './display.js';

const errorLine = (text: string | null): SafeHtml | '' => {
  const safe = withoutUrlSecrets(text);
  return safe ? html`<div class="error meta">${safe}</div>` : '';
};

/** Chains by reachability: never their RPC URLs (they may carry credentials), only how many endpoints. */
export function chainsTable(chains: ChainView[]): SafeHtml {
  if (chains.length === 0) {
    return html`<p class="empty">No IBC chains configured. Add an <span class="mono">ibc:</span> section to HERALD_CONFIG (see the README) and start the IBC poller.</p>`;
  }
  return html`<table><tr><th>Chain</th><th>Status</th><th>Block height</th><th>Block time</th><th>Endpoints</th><th>Last success</th></tr>
${chains.map((c) => {
  const reach = c.unreachableSince
    ? html`${stateBadge('unreachable')} <span class="meta">since ${formatTime(c.unreachableSince)}</span>`
    : c.haltedSince
      ? html`${stateBadge('halted')} <span class="meta">no new block since ${formatTime(c.haltedSince)}</span>`
      : c.lastSuccessAt
      ? stateBadge('reachable')
      : html`<span class="meta">not polled yet</span>`;
  return html`<tr><td>${c.name} <span class="mono meta">${c.chainId}</span>${c.origin === 'command' ? html` <span class="meta">(added by register_chain)</span>` : ''}</td>
<td>${reach}${errorLine(c.lastError)}</td><td class="num mono">${c.blockHeight === null ? '—' : c.blockHeight.toString()}</td>
<td>${formatTime(c.blockTime)}</td><td class="num">${c.endpoints}</td><td>${formatTime(c.lastSuccessAt)}</td></tr>`;
})}</table>`;
}

function clientState(c: ClientView, unreachableSince: Date | null | undefined): SafeHtml {
  const stale = c.stale
    ? html` <span class="badge ibc-stale" title="the host chain is unreachable: this is the last known state">stale</span>${
        unreachableSince ? html`<div class="meta">host unreachable since ${formatTime(unreachableSince)}</div>` : ''
      }`
    : '';
  return html`${stateBadge(c.state)}${stale}<div class="meta">since ${formatTime(c.stateSince)}${c.status ? ` · ${c.status}` : ''}</div>${errorLine(c.lastError)}`;
}

/**
 * Every light client with its state (colour), time and percent of the trusting period left as of
 * its last check (judged by the host chain's block time, as ibc-go does), and when it expires (UTC).
 */
export function clientsTable(clients: ClientView[], chains: ChainView[]): SafeHtml {
  if (clients.length === 0) return html`<p class="empty">No light clients found yet: they appear after the first poll of a monitored chain.</p>`;
  const unreachable = new Map(chains.map((c) => [c.chainId, c.unreachableSince]));
  return html`<table><tr><th>Chain</th><th>Client</th><th>Tracks</th><th>Connection</th><th>State</th><th>Time left</th><th>Left</th><th>Expires at</th><th>Last checked</th></tr>
${clients.map(
  (c) => html`<tr class="ibc-row-${c.state}"><td>${c.chainName} <span class="mono meta">${c.chainId}</span></td>
<td class="mono">${c.clientId}${c.latestHeight ? html`<div class="meta">height ${c.latestHeight}</div>` : ''}</td>
<td>${c.trackedChainName ?? ''} <span class="mono meta">${c.trackedChainId ?? '—'}</span></td>
<td class="mono">${c.connectionId ?? '—'}${c.counterpartyConnectionId ? html`<div class="meta">↔ ${c.counterpartyConnectionId}${c.counterpartyClientId ? ` (${c.counterpartyClientId})` : ''}</div>` : ''}</td>
<td>${clientState(c, unreachable.get(c.chainId))}</td>
<td class="num">${formatTimeLeft(c.secondsLeft, 'cell')}</td><td class="num">${formatPercent(c.percentLeft)}</td>
<td>${formatTime(c.expiresAt)}</td><td>${formatTime(c.lastCheckedAt)}</td></tr>`,
)}</table>`;
}

/** An amount in base units shown in display units, e.g. `1.5 ATOM` (exact: bigint, never a float). */
export function displayAmount(amount: bigint | null, wallet: Pick<WalletView, 'exponent' | 'displayDenom'>): string {
  return amount === null ? '—' : formatAmount(amount, wallet.exponent, wallet.displayDenom);
}

/** Registered relayer wallets: owner by Discord id only (a name would need Discord), balance, threshold, runway. */
export function walletsTable(wallets: WalletView[]): SafeHtml {
  if (wallets.length === 0) return html`<p class="empty">No wallets registered. Register one with the bot: <span class="mono">register &lt;address&gt; &lt;chain_id&gt; &lt;threshold&gt;</span>.</p>`;
  return html`<table><tr><th>Chain</th><th>Address</th><th>Owner</th><th>Balance</th><th>Threshold</th><th>State</th><th>Runway</th><th>Spend / day</th><th>Last read</th></tr>
${wallets.map(
  (w) => html`<tr class="ibc-row-${w.state}"><td>${w.chainName} <span class="mono meta">${w.chainId}</span></td>
<td class="mono">${w.address}</td><td class="mono" title="Discord user id">${w.ownerId}</td>
<td class="num">${displayAmount(w.balance, w)}</td><td class="num">${displayAmount(w.threshold, w)}</td>
<td>${stateBadge(w.state)}${w.stale ? html` <span class="badge ibc-stale" title="the chain is unreachable: this is the last known balance">stale</span>` : ''}${errorLine(w.lastError)}</td>
<td class="num">${formatRunway(w.runwaySeconds, 'cell')}</td><td class="num">${displayAmount(w.spendPerDay, w)}</td><td>${formatTime(w.balanceAt)}</td></tr>`,
)}</table>`;
}

/** Configuration problems the polls found (e.g. a counterparty chain missing from `ibc.chains`). */
export function warningsList(warnings: ConfigWarningView[]): SafeHtml | '' {
  if (warnings.length === 0) return '';
  return html`<h2>Configuration warnings</h2><div class="notice"><ul>${warnings.map(
    (w) => html`<li>${withoutUrlSecrets(w.message)} <span class="meta">(first seen ${formatTime(w.firstSeenAt)}, last ${formatTime(w.lastSeenAt)})</span></li>`,
  )}</ul></div>`;
}
