import type { DemoEmbed, DemoMessage } from '../data/demo-messages.js';
import { formatTime, shown, discordDisplayText } from './format.js';
import { html, SafeHtml } from './html.js';
import { layout, type NavOptions } from './layout.js';

const demoCss = new SafeHtml(`<style>
.msg{background:#313338;color:#dbdee1;border-radius:6px;padding:.7rem .9rem;margin:.6rem 0}
.msg .meta{color:#949ba4}.embed{border-left:4px solid #5865f2;background:#2b2d31;border-radius:4px;padding:.5rem .8rem;margin-top:.4rem}
.embed .title{font-weight:600;color:#fff}.fields{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin-top:.3rem}
.field{min-width:10rem}.field.block{flex-basis:100%}.field .name{font-weight:600;font-size:.85rem;color:#fff}
.footer{font-size:.75rem;color:#949ba4;margin-top:.4rem}.content{white-space:pre-wrap}.desc{white-space:pre-wrap}
</style>`);

// Everything from the fake goes through shown(): even demo e-mail addresses never reach a public page.
const text = (value: string | null | undefined) => shown(value === null || value === undefined ? value : discordDisplayText(value)) ?? '';

function colour(embed: DemoEmbed): string {
  return typeof embed.color === 'number' ? `#${embed.color.toString(16).padStart(6, '0').slice(-6)}` : '#5865f2';
}

function embedCard(embed: DemoEmbed): SafeHtml {
  return html`<div class="embed" style="border-left-color:${colour(embed)}">
${embed.author?.name ? html`<div class="meta">${text(embed.author.name)}</div>` : ''}
${embed.title ? html`<div class="title">${text(embed.title)}</div>` : ''}
${embed.description ? html`<div class="desc">${text(embed.description)}</div>` : ''}
${embed.fields?.length
  ? html`<div class="fields">${embed.fields.map(
      (f) => html`<div class="field${f.inline ? '' : ' block'}"><div class="name">${text(f.name)}</div><div>${text(f.value)}</div></div>`,
    )}</div>`
  : ''}
${embed.footer?.text || embed.timestamp
  ? html`<div class="footer">${text(embed.footer?.text)}${embed.footer?.text && embed.timestamp ? ' · ' : ''}${embed.timestamp ? formatTime(embed.timestamp) : ''}</div>`
  : ''}
</div>`;
}

function messageCard(message: DemoMessage): SafeHtml {
  return html`<div class="msg"><div class="meta">#${message.index} · message ${message.id}${message.createdAt ? ` · ${formatTime(message.createdAt)}` : ''}</div>
${message.content ? html`<div class="content">${text(message.content)}</div>` : ''}
${message.embeds.map(embedCard)}</div>`;
}

export function demoPage(result: { messages: DemoMessage[] } | { error: string }, nav: NavOptions): SafeHtml {
  const body =
    'error' in result
      ? html`<div class="notice"><strong>Could not load the demo messages.</strong> ${result.error}. Is the demo Discord running? Reload to try again.</div>`
      : result.messages.length === 0
        ? html`<p class="empty">No messages yet. New sign-ups appear here within seconds.</p>`
        : result.messages.map(messageCard);
  return layout(
    'Demo Discord',
    nav,
    html`${demoCss}<h2>Messages Herald sent to the demo Discord <span class="meta">(newest first)</span></h2>${body}`,
  );
}
