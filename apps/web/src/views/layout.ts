import { html, SafeHtml, type HtmlPart } from './html.js';

/** Links shown in every page header; only features that are switched on are linked. */
export interface NavOptions {
  adminEnabled: boolean;
  demoEnabled: boolean;
}

const css = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:.6rem 1.2rem;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;align-items:center}
header a{color:#fff;text-decoration:none}header strong{font-size:1.1rem;margin-right:auto}
main{max-width:72rem;margin:0 auto;padding:1rem 1.2rem;overflow-wrap:break-word}
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
.pager{margin:1rem 0;display:flex;gap:1.2rem}
footer{max-width:72rem;margin:0 auto;padding:1rem 1.2rem 2rem;color:#57606a;font-size:.85rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.nowrap{white-space:nowrap}
.live-bar{margin:.2rem 0 .6rem}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;margin-top:.4rem}
.tile{background:#fff;border:1px solid #d0d7de;border-left:.4rem solid #8c959f;border-radius:6px;padding:.45rem .7rem}
.tile .label{color:#57606a;font-size:.8rem}.tile .value{font-size:1.6rem;font-weight:600;line-height:1.2}
.tile .state{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em}.tile .detail{color:#57606a;font-size:.8rem}
.tile.ok{border-left-color:#1a7f37}.tile.ok .state{color:#1a7f37}
.tile.warn{border-left-color:#bf8700}.tile.warn .state{color:#9a6700}
.tile.bad{border-left-color:#cf222e;background:#fff8f8}.tile.bad .state{color:#cf222e}
.tile.held{border-left-color:#0969da}.tile.held .state{color:#0969da}.tile .held a{color:#0969da}
.tile.sources{grid-column:span 2}.tile ul{list-style:none;margin:.2rem 0 0;padding:0;font-size:.85rem}
.dot{display:inline-block;width:.6rem;height:.6rem;border-radius:50%;margin-right:.35rem;background:#8c959f}
li.ok .dot{background:#1a7f37}li.warn .dot{background:#bf8700}li.bad .dot{background:#cf222e}li.bad{color:#cf222e}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(22rem,100%),1fr));gap:.6rem;margin-top:.8rem}
.chart{margin:0;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.4rem .6rem}
.chart figcaption{font-size:.85rem;font-weight:600}.chart svg{width:100%;height:10rem;display:block}
.chart text{font-size:11px;fill:#57606a}.chart .tick line{stroke:#d8dee4}
.key{font-weight:400;color:#57606a;margin-left:.6rem}.swatch{display:inline-block;width:.7rem;height:.7rem;margin-right:.25rem;vertical-align:-.05rem}
.s-events{fill:#0969da;background:#0969da}.s-delivered{fill:#1a7f37;background:#1a7f37}
.s-p50{fill:#8250df;stroke:#8250df;background:#8250df}.s-p99{fill:#bf3989;stroke:#bf3989;background:#bf3989}
path.line{fill:none;stroke-width:2}
table.numbers{font-size:.8rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem .8rem;align-items:end;margin:.4rem 0 .6rem;font-size:.85rem}
form.filters label{display:flex;flex-direction:column;color:#57606a}
form.filters input,form.filters select{font-size:.85rem;padding:.2rem .3rem}form.filters input[type=search]{width:12rem}
table.events td{padding:.2rem .5rem}
.chip{display:inline-block;margin:0 .35rem .1rem 0;padding:0 .45rem;border-radius:1rem;font-size:.78rem;border:1px solid #d0d7de;white-space:nowrap}
.chip.delivered{background:#dafbe1;border-color:#4ac26b}.chip.pending,.chip.sending{background:#fff8c5;border-color:#d4a72c}
.chip.dead{background:#ffebe9;border-color:#ff8182;color:#a40e26}
.badge.paused{background:#9a6700}
/* Narrow screens (a phone is ~390 px): the menu wraps under the name, wide tables scroll inside their
   own box instead of widening the page (position:relative: the screen-reader texts inside, absolutely
   positioned, would widen it otherwise), a select is never wider than the screen (long channel names),
   and the page keeps a small margin. */
@media (max-width:48rem){
table{display:block;max-width:100%;overflow-x:auto;position:relative}
header strong{flex-basis:100%}
main,footer{padding-left:.7rem;padding-right:.7rem}
.tile.sources{grid-column:1/-1}
input[type=search]{width:100%}
select{max-width:100%}
}
`;
const style = new SafeHtml(css);

/** `scripts`: same-origin script URLs (no inline script, so a `script-src 'self'` CSP allows them). */
export function layout(title: string, nav: NavOptions, body: HtmlPart, options: { scripts?: string[] } = {}): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Herald</title><style>${style}</style></head>
<body><header><strong><a href="/">Herald</a></strong>
<a href="/ibc">IBC</a>
<a href="/reddit">Reddit</a>
<a href="/reports">Reports</a>
<a href="/compendium">Compendium</a>
${nav.demoEnabled ? html`<a href="/demo/discord">Demo Discord</a>` : ''}
${nav.adminEnabled ? html`<a href="/admin/queues">Queues (admin)</a>` : ''}</header>
<main>${body}</main>
<footer>Prometheus scrape endpoint (plain text, for monitoring): <a href="/metrics"><code>/metrics</code></a> · health check: <a href="/healthz"><code>/healthz</code></a></footer>
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}</body></html>`;
}
