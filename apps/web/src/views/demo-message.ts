import type { SentDemoCommand } from '../data/demo-command-log.js';
import type { DemoChannel } from '../data/demo-channels.js';
import type { DemoGuild } from '../data/demo-guild.js';
import type { DemoEmbed, DemoMessage } from '../data/demo-messages.js';
import { discordMarkdown, markdownCss, safeLinkTarget, type MentionNames } from './demo-markdown.js';
import { truncate } from '@herald/discord/text';
import { ShownCommandChars } from './demo-form.js';
import { formatTime, shown } from './format.js';
import { html, SafeHtml } from './html.js';

export const messageCss = `
.msg{background:#313338;color:#dbdee1;border-radius:6px;padding:.7rem .9rem;margin:.6rem 0}
.msg .meta{color:#949ba4}.embed{border-left:4px solid #5865f2;background:#2b2d31;border-radius:4px;padding:.5rem .8rem;margin-top:.4rem}
.embed .title{font-weight:600;color:#fff}.embed .title a{color:#00a8fc}.fields{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin-top:.3rem}
.field{min-width:10rem}.field.block{flex-basis:100%}.field .name{font-weight:600;font-size:.85rem;color:#fff}
.footer{font-size:.75rem;color:#949ba4;margin-top:.4rem}.content,.desc,.field .value{white-space:pre-wrap}
.msg .tag{display:inline-block;margin-left:.4rem;padding:0 .45rem;border-radius:1rem;background:#404249;color:#dbdee1;font-size:.78rem}
.msg .tag.reply{background:#3c45a5;color:#fff}.msg .tag.private{background:#5c4a1c;color:#f0d78c}
.msg.deleted .content,.msg.deleted .embed{opacity:.55}
${markdownCss}`;

/** What the page knows around the messages: names for channels and mentions, and the commands sent from it. */
export interface MessageContext {
  guild: DemoGuild | undefined;
  /** Every channel of the demo Discord (the guild's and the webhooks'), when it could be read. */
  channels: DemoChannel[];
  /** The command sent from this page that a bot message answers, if it is still remembered. */
  answered(message: DemoMessage): SentDemoCommand | undefined;
}

/** A channel's name by id: from the fake's channel list, else from the guild. */
export function channelName(context: Pick<MessageContext, 'guild' | 'channels'>, id: string): string | undefined {
  return context.channels.find((c) => c.id === id)?.name ?? context.guild?.channels.find((c) => c.id === id)?.name;
}

/** Mentions resolve against the demo guild's users and roles and the known channels. */
export function mentionNames(context: Pick<MessageContext, 'guild' | 'channels'>): MentionNames {
  return {
    user: (id) => context.guild?.users.find((u) => u.id === id)?.username,
    role: (id) => context.guild?.roles.find((r) => r.id === id)?.name,
    channel: (id) => channelName(context, id),
  };
}

function colour(embed: DemoEmbed): string {
  return typeof embed.color === 'number' ? `#${embed.color.toString(16).padStart(6, '0').slice(-6)}` : '#5865f2';
}

/** Plain text (author, footer): Discord renders no Markdown there. E-mail addresses are masked all the same. */
const plain = (value: string | undefined) => shown(value) ?? '';

function embedTitle(embed: DemoEmbed, names: MentionNames): SafeHtml | string {
  if (!embed.title) return '';
  const title = discordMarkdown(embed.title, names);
  const href = safeLinkTarget(embed.url);
  return html`<div class="title">${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${title}</a>` : title}</div>`;
}

function embedCard(embed: DemoEmbed, names: MentionNames): SafeHtml {
  return html`<div class="embed" style="border-left-color:${colour(embed)}">
${embed.author?.name ? html`<div class="meta">${plain(embed.author.name)}</div>` : ''}
${embedTitle(embed, names)}
${embed.description ? html`<div class="desc">${discordMarkdown(embed.description, names)}</div>` : ''}
${embed.fields?.length
  ? html`<div class="fields">${embed.fields.map(
      (f) =>
        html`<div class="field${f.inline ? '' : ' block'}"><div class="name">${discordMarkdown(f.name, names)}</div><div class="value">${discordMarkdown(f.value, names)}</div></div>`,
    )}</div>`
  : ''}
${embed.footer?.text || embed.timestamp
  ? html`<div class="footer">${plain(embed.footer?.text)}${embed.footer?.text && embed.timestamp ? ' · ' : ''}${embed.timestamp ? formatTime(embed.timestamp) : ''}</div>`
  : ''}
</div>`;
}

type Tag = { text: string; kind?: 'reply' | 'private' };

/** Where a message is and who it answers: "#general", "reply to /status by moderator", "only visible to moderator". */
function tags(message: DemoMessage, context: MessageContext): Tag[] {
  const out: Tag[] = [];
  if (message.channelId !== null) {
    const name = channelName(context, message.channelId);
    out.push({ text: name === undefined ? `channel ${message.channelId}` : `#${name}` });
  }

  const command = message.interactionId !== null || message.referencedMessageId !== null ? context.answered(message) : undefined;
  if (command) out.push({ text: `reply to ${truncate(command.text, ShownCommandChars)} by ${command.as}`, kind: 'reply' });
  else if (message.interactionId !== null) out.push({ text: 'reply to a slash command', kind: 'reply' });
  else if (message.referencedMessageId !== null) out.push({ text: "reply to a member's message", kind: 'reply' });
  else if (message.authorId !== null) out.push({ text: message.authorId === context.guild?.bot.id ? `bot message from ${context.guild.bot.username}` : 'bot message' });
  else if (message.webhookId !== null) out.push({ text: 'via webhook' });

  if (message.ephemeral) out.push({ text: `only visible to ${command?.as ?? 'the member who ran it'}`, kind: 'private' });
  if (message.deletedAt) out.push({ text: `deleted ${formatTime(message.deletedAt)}` });
  else if (message.editedAt) out.push({ text: `edited ${formatTime(message.editedAt)}` });
  return out;
}

/** One recorded message as a Discord-like card: tags, content and embeds with Markdown and mentions rendered. */
export function messageCard(message: DemoMessage, context: MessageContext): SafeHtml {
  const names = mentionNames(context);
  const tagList = tags(message, context).map((t) => html`<span class="tag${t.kind ? ` ${t.kind}` : ''}">${shown(t.text)}</span>`);
  return html`<div class="msg${message.deletedAt ? ' deleted' : ''}"><div class="meta">#${message.index} · message ${message.id}${message.createdAt ? ` · ${formatTime(message.createdAt)}` : ''}${tagList}</div>
${message.content ? html`<div class="content">${discordMarkdown(message.content, names)}</div>` : ''}
${message.embeds.map((embed) => embedCard(embed, names))}</div>`;
}
