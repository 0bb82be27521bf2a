import type { SentDemoCommand } from '../data/demo-command-log.js';
import type { DemoGuild } from '../data/demo-guild.js';
import type { DemoEmbed, DemoMessage } from '../data/demo-messages.js';
import { clipped, formCss, tryTheBot, type DemoFormValues, type DemoNotice } from './demo-form.js';
import { formatTime, shown, discordDisplayText } from './format.js';
import { html, SafeHtml } from './html.js';
import { layout, type NavOptions } from './layout.js';

const demoCss = new SafeHtml(`<style>
.msg{background:#313338;color:#dbdee1;border-radius:6px;padding:.7rem .9rem;margin:.6rem 0}
.msg .meta{color:#949ba4}.embed{border-left:4px solid #5865f2;background:#2b2d31;border-radius:4px;padding:.5rem .8rem;margin-top:.4rem}
.embed .title{font-weight:600;color:#fff}.fields{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin-top:.3rem}
.field{min-width:10rem}.field.block{flex-basis:100%}.field .name{font-weight:600;font-size:.85rem;color:#fff}
.footer{font-size:.75rem;color:#949ba4;margin-top:.4rem}.content{white-space:pre-wrap}.desc{white-space:pre-wrap}
.msg .tag{display:inline-block;margin-left:.4rem;padding:0 .45rem;border-radius:1rem;background:#404249;color:#dbdee1;font-size:.78rem}
.msg .tag.reply{background:#3c45a5;color:#fff}.msg .tag.private{background:#5c4a1c;color:#f0d78c}
.msg.deleted .content,.msg.deleted .embed{opacity:.55}
${formCss}
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

/** What the page knows around the messages: channel names and the commands sent from it. */
export interface MessageContext {
  guild: DemoGuild | undefined;
  /** The command sent from this page that a bot message answers, if it is still remembered. */
  answered(message: DemoMessage): SentDemoCommand | undefined;
}

type Tag = { text: string; kind?: 'reply' | 'private' };

/** Where a message is and who it answers: "#general", "reply to /status by moderator", "only visible to moderator". */
function tags(message: DemoMessage, context: MessageContext): Tag[] {
  const out: Tag[] = [];
  const channel = message.channelId === null ? undefined : context.guild?.channels.find((c) => c.id === message.channelId);
  if (channel) out.push({ text: `#${channel.name}` });
  else if (message.channelId !== null) out.push({ text: `channel ${message.channelId}` });

  const command = message.interactionId !== null || message.referencedMessageId !== null ? context.answered(message) : undefined;
  if (command) out.push({ text: `reply to ${clipped(command.text)} by ${command.as}`, kind: 'reply' });
  else if (message.interactionId !== null) out.push({ text: 'reply to a slash command', kind: 'reply' });
  else if (message.referencedMessageId !== null) out.push({ text: "reply to a member's message", kind: 'reply' });
  else if (message.authorId !== null) out.push({ text: message.authorId === context.guild?.bot.id ? `bot message from ${context.guild.bot.username}` : 'bot message' });
  else if (message.webhookId !== null) out.push({ text: 'via webhook' });

  if (message.ephemeral) out.push({ text: `only visible to ${command?.as ?? 'the member who ran it'}`, kind: 'private' });
  if (message.deletedAt) out.push({ text: `deleted ${formatTime(message.deletedAt)}` });
  else if (message.editedAt) out.push({ text: `edited ${formatTime(message.editedAt)}` });
  return out;
}

function messageCard(message: DemoMessage, context: MessageContext): SafeHtml {
  const tagList = tags(message, context).map((t) => html`<span class="tag${t.kind ? ` ${t.kind}` : ''}">${shown(t.text)}</span>`);
  return html`<div class="msg${message.deletedAt ? ' deleted' : ''}"><div class="meta">#${message.index} · message ${message.id}${message.createdAt ? ` · ${formatTime(message.createdAt)}` : ''}${tagList}</div>
${message.content ? html`<div class="content">${text(message.content)}</div>` : ''}
${message.embeds.map(embedCard)}</div>`;
}

export interface DemoPageModel {
  messages: { messages: DemoMessage[] } | { error: string };
  guild: { guild: DemoGuild } | { error: string };
  form: DemoFormValues;
  notice?: DemoNotice | undefined;
  answered: MessageContext['answered'];
}

export function demoPage(model: DemoPageModel, nav: NavOptions): SafeHtml {
  const { messages: result } = model;
  const context: MessageContext = { guild: 'guild' in model.guild ? model.guild.guild : undefined, answered: model.answered };
  const body =
    'error' in result
      ? html`<div class="notice"><strong>Could not load the demo messages.</strong> ${shown(result.error)}. Is the demo Discord running? Reload to try again.</div>`
      : result.messages.length === 0
        ? html`<p class="empty">No messages yet. New sign-ups appear here within seconds.</p>`
        : result.messages.map((m) => messageCard(m, context));
  return layout(
    'Demo Discord',
    nav,
    html`${demoCss}${tryTheBot(model.guild, model.form, model.notice)}<h2>Messages Herald sent to the demo Discord <span class="meta">(newest first)</span></h2>${body}`,
  );
}
