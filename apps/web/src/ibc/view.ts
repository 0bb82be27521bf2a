import { html, SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import type { IbcOverview } from './data.js';
import { ibcCss } from './display.js';
import { chainsTable, clientsTable, walletsTable, warningsList } from './tables.js';

const style = new SafeHtml(`<style>${ibcCss}</style>`);

/** `5 clients: 3 ok, 1 warning, 1 expired`: how many in each state, in the order of the ladder. */
function countLine(what: string, states: readonly string[], order: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  const parts = [...order, ...[...counts.keys()].filter((s) => !order.includes(s))].filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  return `${states.length} ${what}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** The IBC page: chains, light clients, wallets and configuration warnings, as the poller last judged them. */
export function ibcPage(data: IbcOverview, nav: NavOptions): SafeHtml {
  const summary = [
    countLine('light clients', data.clients.map((c) => c.state), ['critical', 'expired', 'frozen', 'warning', 'unknown', 'ok']),
    countLine('wallets', data.wallets.map((w) => w.state), ['low', 'unknown', 'ok']),
    `${data.chains.filter((c) => c.unreachableSince).length} of ${data.chains.length} chains unreachable`,
  ].join(' · ');
  return layout(
    'IBC',
    nav,
    html`${style}<h2>IBC light clients and relayer wallets</h2><p class="meta">${summary}. Times are UTC; time left is judged by each host chain's block time at the last check, as ibc-go does.</p>
${warningsList(data.warnings)}
<h2>Chains</h2>${chainsTable(data.chains)}
<h2>Light clients</h2>${clientsTable(data.clients, data.chains)}
<h2>Wallets</h2>${walletsTable(data.wallets)}`,
  );
}
