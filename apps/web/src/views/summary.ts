import type { Health, Summary } from '../data/summary.js';
import { formatCount, formatDuration } from './format.js';
import { html, type SafeHtml } from './html.js';

/** Colour and a word, so the state reads without colour too. */
const healthWord: Record<Health, string> = { ok: 'OK', warn: 'attention', bad: 'problem' };

function tile(label: string, value: string, health: Health | null, detail?: SafeHtml | string, title?: string): SafeHtml {
  const state = health ? html`<span class="state">${healthWord[health]}</span>` : '';
  return html`<div class="tile ${health ?? 'plain'}"${title ? html` title="${title}"` : ''}><div class="label">${label}</div>
<div class="value">${value}</div>${state}${detail ? html`<div class="detail">${detail}</div>` : ''}</div>`;
}

function capped(n: { count: number; capped: boolean }): string {
  return `${formatCount(n.count)}${n.capped ? '+' : ''}`;
}

/** The row at the top of the dashboard: totals for the last 24 hours and what needs attention now. */
export function summaryRow(s: Summary): SafeHtml {
  const oldest = s.pending.oldestSeconds === null ? '' : `oldest ${formatDuration(s.pending.oldestSeconds)}`;
  const sources = s.sources.map(
    (src) =>
      html`<li class="${src.health}"><span class="dot" aria-hidden="true"></span>${src.sourceKey}: ${src.failing ? 'failing' : `lag ${formatDuration(src.lagSeconds)}`}</li>`,
  );
  return html`<section class="summary" aria-label="Summary">
${tile('Events · 24 h', formatCount(s.events24h), null, undefined, 'Events recorded in the last 24 hourly buckets (the chart below)')}
${tile('Delivered · 24 h', formatCount(s.delivered24h), null, undefined, 'Deliveries made to Discord in the last 24 hourly buckets')}
${tile('Pending', capped(s.pending), s.pending.health, oldest, 'Deliveries not yet made (waiting or being sent); red when the oldest waits over 5 minutes')}
${tile('Dead-lettered', capped(s.dead), s.dead.health, s.dead.count > 0 ? html`<a href="/?status=dead">show</a>` : '', 'Deliveries Discord refused for good; retry them from the event')}
${tile('Quarantined', formatCount(s.quarantined.count), s.quarantined.health, 'destinations', 'Destinations Discord refused (401/403/404); nothing is sent until resumed')}
${tile('Paused', formatCount(s.paused.count), s.paused.health, 'destinations', 'Destinations an operator paused')}
<div class="tile sources"><div class="label">Sources · lag since last successful poll</div>
${s.sources.length === 0 ? html`<div class="detail">none has polled yet</div>` : html`<ul>${sources}</ul>`}</div>
</section>`;
}
