import type { DemoChannel } from '../data/demo-channels.js';
import type { DemoGuild } from '../data/demo-guild.js';
import type { DemoMessagePage } from '../data/demo-messages.js';
import { formCss, tryTheBot, type DemoFormValues, type DemoNotice } from './demo-form.js';
import { channelName, messageCard, messageCss, type MessageContext } from './demo-message.js';
import { shown } from './format.js';
import { html, queryString, SafeHtml } from './html.js';
import { layout, type NavOptions } from './layout.js';

const demoCss = new SafeHtml(`<style>
${messageCss}
.list-head{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:end;justify-content:space-between}
.filter{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.4rem 0;max-width:100%}.filter label{display:flex;flex-direction:column;font-size:.85rem;color:#57606a;min-width:0;max-width:100%}
.pager{display:flex;gap:1rem;align-items:center;margin:.6rem 0}.pager .off{color:#8c959f}
${formCss}
</style>`);

/** Which slice of the recorded messages the page shows: `?in=` channel, `?before=`/`?after=` a message index. */
export interface DemoListView {
  channelId?: string | undefined;
  before?: number | undefined;
  after?: number | undefined;
}

export interface DemoPageModel {
  /** `problem`: the visitor asked for a page that cannot exist (a malformed cursor or channel). */
  messages: { page: DemoMessagePage } | { error: string } | { problem: string };
  guild: { guild: DemoGuild } | { error: string };
  /** The demo Discord's channels for the filter; empty when they could not be read. */
  channels: DemoChannel[];
  view: DemoListView;
  form: DemoFormValues;
  notice?: DemoNotice | undefined;
  answered: MessageContext['answered'];
}

const listUrl = (params: Record<string, string | undefined>) => `/demo/discord${queryString(params)}#messages`;

/** "#general" for a bot channel, "#signups (webhook Herald)" for a webhook's, with its message count. */
function channelLabel(channel: DemoChannel): string {
  const hooks = channel.webhooks.length > 0 ? ` (webhook ${channel.webhooks.join(', ')})` : '';
  return `#${channel.name}${hooks} · ${channel.messages}`;
}

function channelFilter(channels: DemoChannel[], selected: string | undefined): SafeHtml {
  const option = (value: string, label: string) =>
    html`<option value="${value}"${value === (selected ?? '') ? new SafeHtml(' selected') : ''}>${shown(label)}</option>`;
  const options = [option('', 'All channels'), ...channels.map((c) => option(c.id, channelLabel(c)))];
  // A channel id from a link that the list does not have (yet) stays selectable, so the filter shows.
  if (selected !== undefined && !channels.some((c) => c.id === selected)) options.push(option(selected, `channel ${selected}`));
  return html`<form class="filter" method="get" action="/demo/discord#messages"><label>Channel<select name="in">${options}</select></label><button type="submit">Show</button></form>`;
}

function pager(page: DemoMessagePage, view: DemoListView): SafeHtml {
  const first = page.messages[0];
  const last = page.messages.at(-1);
  const onNewest = view.before === undefined && view.after === undefined;
  const channel = view.channelId;
  const newer = page.newer
    ? first
      ? html`<a href="${listUrl({ in: channel, after: String(first.index) })}" rel="prev">← Newer</a>`
      : html`<a href="${listUrl({ in: channel })}">← Newer</a>`
    : html`<span class="off">← Newer</span>`;
  const older = page.older && last ? html`<a href="${listUrl({ in: channel, before: String(last.index) })}" rel="next">Older →</a>` : html`<span class="off">Older →</span>`;
  const newest = onNewest ? '' : html`<a href="${listUrl({ in: channel })}">Newest</a>`;
  return html`<nav class="pager" aria-label="Message pages">${newest}${newer}${older}<span class="meta">${page.messages.length} of ${page.total}</span></nav>`;
}

function messageList(model: DemoPageModel, context: MessageContext): SafeHtml {
  const { messages: result, view } = model;
  if ('error' in result) {
    return html`<div class="notice"><strong>Could not load the demo messages.</strong> ${shown(result.error)}. Is the demo Discord running? Reload to try again.</div>`;
  }
  if ('problem' in result) {
    return html`<div class="notice">No such page: ${shown(result.problem)}. <a href="${listUrl({})}">Show the newest messages</a>.</div>`;
  }
  const { page } = result;
  const named = view.channelId === undefined ? undefined : channelName(context, view.channelId);
  const where = view.channelId === undefined ? '' : named === undefined ? ` in channel ${view.channelId}` : ` in #${named}`;
  if (page.total === 0) {
    return view.channelId === undefined
      ? html`<p class="empty">No messages yet. New sign-ups appear here within seconds.</p>`
      : html`<p class="empty">No messages${where} yet.</p>`;
  }
  if (page.messages.length === 0) return html`<p class="empty">No messages there${where}.</p>${pager(page, view)}`;
  return html`${pager(page, view)}${page.messages.map((m) => messageCard(m, context))}${pager(page, view)}`;
}

/**
 * The demo Discord page: the "Try the bot" form, then one page of what Herald sent (newest first, a
 * bounded number), filterable by channel, rendered as Discord would show it.
 */
export function demoPage(model: DemoPageModel, nav: NavOptions): SafeHtml {
  const guild = 'guild' in model.guild ? model.guild.guild : undefined;
  const context: MessageContext = { guild, channels: model.channels, answered: model.answered };
  return layout(
    'Demo Discord',
    nav,
    html`${demoCss}${tryTheBot(model.guild, model.form, model.notice)}<section id="messages"><div class="list-head"><h2>Messages Herald sent to the demo Discord <span class="meta">(newest first)</span></h2>${channelFilter(model.channels, model.view.channelId)}</div>
${messageList(model, context)}</section>`,
  );
}
