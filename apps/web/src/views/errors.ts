import { html, type SafeHtml } from './html.js';
import { layout, type NavOptions } from './layout.js';

/** 404 for a browser: what was not found, and the way back. */
export function notFoundPage(what: string, nav: NavOptions): SafeHtml {
  return layout('Not found', nav, html`<h2>Not found</h2><div class="notice">${what} was not found.</div><p><a href="/">← Dashboard</a></p>`);
}

/** 404 for a browser with the route's own words (`User "x" doesn't exist.`), and the way back. */
export function missingPage(message: string, nav: NavOptions): SafeHtml {
  return layout('Not found', nav, html`<h2>Not found</h2><div class="notice">${message}</div><p><a href="/">← Dashboard</a></p>`);
}

/** 400 for a browser: which parameter was wrong and why (Fastify's validation message), and the way back. */
export function badRequestPage(message: string, nav: NavOptions): SafeHtml {
  return layout(
    'Bad request',
    nav,
    html`<h2>Bad request</h2><div class="notice">${message}</div><p><a href="/">← Dashboard</a> (all filters cleared)</p>`,
  );
}

/** Any other failure: a short status line only (details are in the server log, never on the page). */
export function errorPage(statusCode: number, nav: NavOptions): SafeHtml {
  const text = statusCode >= 500 ? 'Something went wrong on the server; the log has the details.' : `The request could not be served (HTTP ${statusCode}).`;
  return layout('Error', nav, html`<h2>Error ${statusCode}</h2><div class="notice">${text}</div><p><a href="/">← Dashboard</a></p>`);
}
