import type { UserSearch } from '@herald/reddit/compendium';
import { html, type SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import { compendiumStyle, subNav, userLink } from './view-parts.js';

/** The state words the search shows next to a name, when not plain active. */
const stateNote: Record<string, string> = { new: 'not fully scanned yet', suspended: 'suspended', deleted: 'deleted', inactive: 'inactive' };

/**
 * `/compendium/search?q=`: the registered users whose name contains the text (when no name is the
 * text exactly: that one is a redirect), at most `limit` of them. Without text, just the box.
 */
export function compendiumSearchPage(view: { text: string; result: UserSearch | null; limit: number }, nav: NavOptions): SafeHtml {
  const { text, result } = view;
  let body: SafeHtml;
  if (result === null) body = html`<p>Type a part of a Reddit user name.</p>`;
  else if (result.matches.length === 0) body = html`<p class="empty">No registered user's name contains “${text}”.</p>`;
  else {
    body = html`<ul class="matches">${result.matches.map((m) => {
      const notes = [stateNote[m.state], m.hidden ? 'hidden from the reports' : undefined].filter(Boolean).join(', ');
      return html`<li>${userLink(m.name)}${notes ? html` <span class="note">(${notes})</span>` : ''}</li>`;
    })}</ul>${result.more ? html`<p class="note">Only the first ${view.limit} are shown: type more of the name.</p>` : ''}`;
  }
  return layout(
    text ? `Users matching “${text}”` : 'Find a user',
    nav,
    html`${compendiumStyle}<div class="compendium"><h1>${text ? html`Users matching “${text}”` : 'Find a user'}</h1>${subNav(text)}${body}</div>`,
  );
}
