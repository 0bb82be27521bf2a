import type { HeldBacklog, Summary, TileState } from '../data/summary.js';
import { formatCount, formatDuration } from './format.js';
import { html, queryString, type SafeHtml } from './html.js';

/** Colour and a word, so the state reads without colour too. `held` is calm (blue): waiting by an operator's choice. */
const healthWord: Record<TileState, string> = { ok: 'OK', warn: 'attention', bad: 'problem', held: 'held' };

function tile(label: string, value: string, health: TileState | null, detail?: SafeHtml | string, title?: string, word?: string): SafeHtml {
  const state = health ? html`<span class="state">${word ?? healthWord[health]}</span>` : '';
  return html`<div class="tile ${health ?? 'plain'}"${title ? html` title="${title}"` : ''}><div class="label">${label}</div>
<div class="value">${value}</div>${state}${detail ? html`<div class="detail">${detail}</div>` : ''}</div>`;
}

function capped(n: { count: number; capped: boolean }): string {
  return `${formatCount(n.count)}${n.capped ? '+' : ''}`;
}

/** "12 held by paused destination Quiet", linking to those deliveries' events. */
function heldLine(h: HeldBacklog): SafeHtml {
  const href = `/${queryString({ status: 'pending', destination: String(h.destinationId) })}`;
  return html`<div class="held"><a href="${href}">${capped(h)} held by paused destination ${h.label}</a></div>`;
}

/** The row at the top of the dashboard: totals for the last 24 hours and what needs attention now. */
export function summaryRow(s: Summary): SafeHtml {
  const oldest = s.pending.oldestSeconds === null ? '' : `oldest ${formatDuration(s.pending.oldestSeconds)}`;
  const pendingDetail = html`${oldest}${s.pending.held.map(heldLine)}`;
  const sources = s.sources.map(
    (src) =>
      html`<li class="${src.health}"><span class="dot" aria-hidden="true"></span>${src.sourceKey}: ${src.failing ? 'failing' : `lag ${formatDuration(src.lagSeconds)}`}</li>`,
  );
  return html`<section class="summary" aria-label="Summary">
${tile('Events · 24 h', formatCount(s.events24h), null, undefined, 'Events recorded in the last 24 hourly buckets (the chart below)')}
${tile('Delivered · 24 h', formatCount(s.delivered24h), null, undefined, 'Deliveries made to Discord in the last 24 hourly buckets')}
${tile('Pending', capped(s.pending), s.pending.health, pendingDetail, 'Deliveries not yet made (waiting or being sent); red when the oldest waits over 5 minutes. Those a paused destination holds are counted apart: they wait for Resume.')}
${tile('Dead-lettered', capped(s.dead), s.dead.health, s.dead.count > 0 ? html`<a href="/?status=dead">show</a>` : '', 'Deliveries Discord refused for good; retry them from the event')}
${tile('Quarantined', formatCount(s.quarantined.count), s.quarantined.health, 'destinations', 'Destinations Discord refused (401/403/404); nothing is sent until resumed')}
${tile('Paused', formatCount(s.paused.count), s.paused.health, 'destinations', 'Destinations an operator paused: their deliveries wait until resumed', s.paused.count > 0 ? 'paused' : undefined)}
<div class="tile sources"><div class="label">Sources · lag since last successful poll</div>
${s.sources.length === 0 ? html`<div class="detail">none has polled yet</div>` : html`<ul>${sources}</ul>`}</div>
</section>`;
}
