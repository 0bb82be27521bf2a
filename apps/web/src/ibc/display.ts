import { scrubUrls } from '@herald/ibc/read-model';
import { shown } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';

/**
 * An error text from the IBC poller, safe for a page: every URL is cut to its origin (RPC providers
 * put API keys in the path and the query as often as in the user info), then the usual redaction.
 */
export function withoutUrlSecrets(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : shown(scrubUrls(text));
}

/** `42.5 %` with one decimal (a 14-day trusting period moves 0.1 % in about 20 minutes). */
export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${percent.toFixed(1)} %`;
}

/** The states that get a colour of their own (anything else is grey). */
const coloured = new Set(['ok', 'warning', 'critical', 'expired', 'frozen', 'unknown', 'low', 'reachable', 'unreachable', 'halted', 'stale']);

/** A state as a coloured pill; the class is from a fixed list, so database text never becomes CSS. */
export function stateBadge(state: string): SafeHtml {
  return html`<span class="badge ibc-${coloured.has(state) ? state : 'unknown'}">${state}</span>`;
}

/** The page's colours: green ok, amber warning, orange critical/low, red expired/unreachable, purple frozen. */
export const ibcCss = `
.badge.ibc-ok,.badge.ibc-reachable{background:#1a7f37}.badge.ibc-warning{background:#9a6700}
.badge.ibc-critical,.badge.ibc-low{background:#bc4c00}.badge.ibc-expired,.badge.ibc-unreachable{background:#cf222e}
.badge.ibc-frozen{background:#8250df}.badge.ibc-halted{background:#9a6700}.badge.ibc-unknown{background:#6e7781}
.badge.ibc-stale{background:#fff;color:#57606a;border:1px solid #8c959f}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.ibc-row-warning td:first-child{box-shadow:inset 3px 0 #9a6700}tr.ibc-row-critical td:first-child,tr.ibc-row-low td:first-child{box-shadow:inset 3px 0 #bc4c00}
tr.ibc-row-expired td:first-child{box-shadow:inset 3px 0 #cf222e}tr.ibc-row-frozen td:first-child{box-shadow:inset 3px 0 #8250df}
`;
