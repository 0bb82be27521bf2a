import { formatDuration, truncate } from '@herald/discord/text';
import type { SentDemoCommand } from '../data/demo-command-log.js';
import type { DemoActor, DemoGuild } from '../data/demo-guild.js';
import { shown } from './format.js';
import { html, queryString, SafeHtml } from './html.js';

/** What the "Try the bot" form shows (prefilled from the last command, a hint link, or defaults). */
export interface DemoFormValues {
  as: DemoActor;
  channelId: string;
  text: string;
}

/** A one-line result above the form; `detail` is the fake's own wording, folded away. */
export interface DemoNotice {
  ok: boolean;
  text: string;
  detail?: string;
}

export const DefaultCommandText = '/help';
export const CommandHints = ['/help', '/version', '/status', '/help status', '!help'] as const;

/** What each member may do in the demo server: the point of picking one. */
const ActorRoles: Record<DemoActor, string> = {
  owner: 'server owner: every command',
  moderator: 'has the privileged role: moderator commands too',
  member: 'everyone commands only',
};

export const formCss = `
.try form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0}
.try label{display:flex;flex-direction:column;font-size:.85rem;color:#57606a;gap:.15rem;min-width:0;max-width:100%}
.try input[name=text]{width:22rem;max-width:100%;padding:.3rem .5rem;font-family:ui-monospace,Menlo,Consolas,monospace}
.try select{padding:.25rem}.try button[type=submit]{font-size:.9rem;padding:.3rem .9rem}
.try .hints a{margin-right:.6rem;font-family:ui-monospace,Menlo,Consolas,monospace}
.notice.ok{border-color:#1a7f37;background:#dafbe1}
`;

/** Commands are cut to this many characters in one-line notices and labels, so long input stays readable. */
export const ShownCommandChars = 60;

function channelLabel(guild: DemoGuild | undefined, channelId: string): string {
  const channel = guild?.channels.find((c) => c.id === channelId);
  return channel ? `#${channel.name}` : `channel ${channelId}`;
}

/** The notice for a command sent from this page: what happened, and what to do about a failure. */
export function sentNotice(sent: SentDemoCommand, guild: DemoGuild | undefined): DemoNotice {
  const what = `${truncate(sent.text, ShownCommandChars)} as ${sent.as} in ${channelLabel(guild, sent.channelId)}`;
  const { outcome } = sent;
  switch (outcome.kind) {
    case 'replied':
      return {
        ok: true,
        text: `Sent ${what}: replied in ${formatDuration(outcome.replyMs / 1000, { precise: true })}${outcome.deferred ? ' (deferred first)' : ''}${outcome.ephemeral ? `, only visible to ${sent.as}` : ''}.`,
      };
    case 'no-reply':
      return {
        ok: false,
        text: `Sent ${what}: no reply within ${formatDuration(outcome.waitedMs / 1000, { precise: true })}.`,
        detail: 'The bot is connected but did not answer in time. Check the notifier log; a late reply still appears below.',
      };
    case 'posted':
      return {
        ok: true,
        text: `Sent ${what} as a chat message. The bot reads prefix commands like !help only with the message-content intent enabled; a reply appears below.`,
      };
    case 'refused':
      if (outcome.status === 404) {
        return { ok: false, text: `Not sent: ${truncate(sent.text.split(/\s/)[0] ?? sent.text, ShownCommandChars)} is not registered: run npm run register-commands.`, detail: outcome.error };
      }
      if (outcome.status === 503) {
        return { ok: false, text: 'Not sent: no bot is connected to the demo Discord. Is the notifier running with the bot enabled?', detail: outcome.error };
      }
      return { ok: false, text: `Not sent: the demo Discord refused ${what}: ${outcome.error}` };
    case 'failed':
      return { ok: false, text: `Could not send ${what}: ${outcome.error}.` };
  }
}

export function noticeBox(notice: DemoNotice): SafeHtml {
  return html`<div class="notice${notice.ok ? ' ok' : ''}" role="status">${shown(notice.text)}${
    notice.detail ? html`<details><summary>What the demo Discord said</summary>${shown(notice.detail)}</details>` : ''
  }</div>`;
}

function actorOptions(guild: DemoGuild, selected: DemoActor): SafeHtml[] {
  return Object.entries(guild.members).map(
    ([actor, member]) =>
      html`<option value="${actor}"${actor === selected ? new SafeHtml(' selected') : ''}>${shown(member.username)} (${ActorRoles[actor as DemoActor]})</option>`,
  );
}

function channelOptions(guild: DemoGuild, selected: string): SafeHtml[] {
  return guild.channels.map(
    (c) => html`<option value="${c.id}"${c.id === selected ? new SafeHtml(' selected') : ''}>#${shown(c.name)}</option>`,
  );
}

/** The "Try the bot" section: who to act as, where, what to type, and a few commands to start with. */
export function tryTheBot(guild: { guild: DemoGuild } | { error: string }, values: DemoFormValues, notice: DemoNotice | undefined): SafeHtml {
  const heading = html`<h2>Try the bot</h2>`;
  if ('error' in guild) {
    return html`<section class="try" id="try">${heading}${notice ? noticeBox(notice) : ''}<div class="notice">The bot form needs the demo Discord's server, but ${shown(guild.error)}. Reload to try again.</div></section>`;
  }
  const hint = (text: string) => html`<a href="/demo/discord${queryString({ as: values.as, channel: values.channelId, text })}#try">${text}</a>`;
  return html`<section class="try card" id="try">${heading}
<p class="meta">Type in the demo server ${shown(guild.guild.name)} as one of its members; Herald's bot (in the notifier) answers. Slash commands work once registered (<span class="mono">npm run register-commands</span>).</p>
${notice ? noticeBox(notice) : ''}
<form method="post" action="/demo/discord/command">
<label>Act as<select name="as">${actorOptions(guild.guild, values.as)}</select></label>
<label>Channel<select name="channel">${channelOptions(guild.guild, values.channelId)}</select></label>
<label>Message or command<input name="text" value="${shown(values.text)}" required maxlength="2000" autocomplete="off"></label>
<button type="submit">Send</button>
</form>
<p class="hints meta">Try: ${CommandHints.map(hint)}</p>
</section>`;
}
