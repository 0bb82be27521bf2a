import type { DestinationView } from '../data/overview.js';
import { html, type SafeHtml } from './html.js';

/**
 * The admin buttons for one destination row: Pause for an active destination, Resume for a paused
 * or quarantined one. Plain HTML forms (no script) posting to `/admin/destinations/:id/pause|resume`,
 * which answer a form post with a redirect back to the dashboard. Empty when admin is disabled
 * (the routes do not exist then) or when the status has no action.
 */
export function destinationActions(d: DestinationView, adminEnabled: boolean): SafeHtml {
  if (!adminEnabled) return html``;
  if (d.status === 'active') return actionForm(d.id, 'pause', 'Pause');
  if (d.status === 'paused' || d.status === 'quarantined') return actionForm(d.id, 'resume', 'Resume');
  return html``;
}

function actionForm(id: number, action: 'pause' | 'resume', label: string): SafeHtml {
  return html`<form class="inline" method="post" action="/admin/destinations/${id}/${action}"><button>${label}</button></form>`;
}
