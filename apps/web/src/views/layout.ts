import { html, SafeHtml, type HtmlPart } from './html.js';

/** Links shown in every page header; only features that are switched on are linked. */
export interface NavOptions {
  adminEnabled: boolean;
  demoEnabled: boolean;
}

const css = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
header a{color:#fff;text-decoration:none}header strong{font-size:1.1rem;margin-right:auto}
main{max-width:72rem;margin:0 auto;padding:1rem 1.2rem}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d0d7de;font-size:.9rem}
th,td{padding:.35rem .55rem;border-bottom:1px solid #d8dee4;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.7rem .9rem;margin:.6rem 0}
.meta{color:#57606a;font-size:.85rem}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.78rem;font-weight:600;color:#fff;background:#6e7781}
.badge.delivered,.badge.active{background:#1a7f37}.badge.dead,.badge.quarantined{background:#cf222e}
.error{color:#cf222e}.empty{color:#57606a;font-style:italic}
.notice{border:1px solid #cf222e;background:#ffebe9;border-radius:6px;padding:.7rem .9rem}
form.inline{display:inline;margin-left:.4rem}button{font-size:.78rem;cursor:pointer}
input[type=search]{padding:.3rem .5rem;width:18rem;max-width:100%}
details{margin-top:.3rem}summary{cursor:pointer;color:#57606a;font-size:.85rem}
.pager{margin:1rem 0}
`;
const style = new SafeHtml(css);

export function layout(title: string, nav: NavOptions, body: HtmlPart): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Herald</title><style>${style}</style></head>
<body><header><strong><a href="/">Herald</a></strong>
<a href="/ibc">IBC</a>
${nav.demoEnabled ? html`<a href="/demo/discord">Demo Discord</a>` : ''}
${nav.adminEnabled ? html`<a href="/admin/queues">Queues (admin)</a>` : ''}
<a href="/metrics">Metrics</a></header>
<main>${body}</main></body></html>`;
}
