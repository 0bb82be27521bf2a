import { html, type SafeHtml } from './html.js';
import { layout, type NavOptions } from './layout.js';

/** Where an error page leads back to: the section the failed URL belongs to, else the dashboard. */
export interface WayBack {
  readonly href: string;
  readonly label: string;
}

const sections: readonly WayBack[] = [
  { href: '/reports', label: 'Reports' },
  { href: '/compendium', label: 'Compendium' },
  { href: '/reddit', label: 'Reddit' },
  { href: '/ibc', label: 'IBC' },
  { href: '/demo/discord', label: 'Demo Discord' },
];
const dashboard: WayBack = { href: '/', label: 'Dashboard' };

/** The way back from `path` (a request's path, without its query). */
export function wayBackFrom(path: string): WayBack {
  return sections.find(({ href }) => path === href || path.startsWith(`${href}/`)) ?? dashboard;
}

const backLink = (back: WayBack) => html`<p><a href="${back.href}">← ${back.label}</a></p>`;

/** 404 for a browser: what was not found, and the way back. */
export function notFoundPage(what: string, nav: NavOptions, back: WayBack = dashboard): SafeHtml {
  return layout('Not found', nav, html`<h2>Not found</h2><div class="notice">${what} was not found.</div>${backLink(back)}`);
}

/** 404 for a browser with the route's own words (`User "x" doesn't exist.`), and the way back. */
export function missingPage(message: string, nav: NavOptions, back: WayBack = dashboard): SafeHtml {
  return layout('Not found', nav, html`<h2>Not found</h2><div class="notice">${message}</div>${backLink(back)}`);
}

/** 400 for a browser: which parameter was wrong and why (Fastify's validation message), and the way back. */
export function badRequestPage(message: string, nav: NavOptions, back: WayBack = dashboard): SafeHtml {
  const note = back === dashboard ? ' (all filters cleared)' : '';
  return layout('Bad request', nav, html`<h2>Bad request</h2><div class="notice">${message}</div><p><a href="${back.href}">← ${back.label}</a>${note}</p>`);
}

/**
 * A refused request with its own words: `title` (the heading, e.g. "Login required", "Not retried")
 * and `message` (what happened and what to do), and the way back.
 */
export function problemPage(title: string, message: string, nav: NavOptions, back: WayBack = dashboard): SafeHtml {
  return layout(title, nav, html`<h2>${title}</h2><div class="notice">${message}</div>${backLink(back)}`);
}

/** Any other failure: a short status line only (details are in the server log, never on the page). */
export function errorPage(statusCode: number, nav: NavOptions, back: WayBack = dashboard): SafeHtml {
  const text = statusCode >= 500 ? 'Something went wrong on the server; the log has the details.' : `The request could not be served (HTTP ${statusCode}).`;
  return layout('Error', nav, html`<h2>Error ${statusCode}</h2><div class="notice">${text}</div>${backLink(back)}`);
}
