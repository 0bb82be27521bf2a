import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { truncate } from '@herald/discord/text';
import { DemoCommandLog, type SentDemoCommand } from '../data/demo-command-log.js';
import { sendDemoCommand } from '../data/demo-commands.js';
import { DemoActors, fetchDemoGuild, isDemoActor, type DemoGuild } from '../data/demo-guild.js';
import { fetchDemoChannels, type DemoChannel } from '../data/demo-channels.js';
import { fetchDemoMessagePage } from '../data/demo-messages.js';
import type { WebDeps } from '../deps.js';
import { DefaultCommandText, sentNotice, type DemoFormValues, type DemoNotice } from '../views/demo-form.js';
import { demoPage, type DemoListView, type DemoPageModel } from '../views/demo.js';
import type { NavOptions } from '../views/layout.js';
import { isCrossSite } from './admin.js';
import { sendProblem } from './errors.js';
import { quoted } from './validation.js';

export interface DemoRouteOptions {
  deps: Pick<WebDeps, 'logger'>;
  nav: NavOptions;
  /** Base URL of the fake Discord (its `/_fake` control API). */
  demoDiscordUrl: string;
  /** How long a slash command sent from the page waits for the bot's reply. Default 5000 ms. */
  replyWaitMs?: number;
}

export const DefaultReplyWaitMs = 5000;
/** Messages per page: enough to follow a demo, few enough that the page stays small however long it runs. */
export const DemoPageSize = 25;
/** Discord's message length limit; the form's text is checked against it before anything is sent. */
export const MaxCommandLength = 2000;
const FormBodyLimit = 16 * 1024;

/** What a visitor asked for, before it is checked against the guild. */
interface Prefill {
  as?: string | undefined;
  channelId?: string | undefined;
  text?: string | undefined;
}

const stringField = (source: unknown, key: string): string | undefined => {
  const value = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * The form is for a browser on this page. Browsers send Origin on every POST, so unlike the admin
 * API (scripts with basic auth) a missing Origin is refused too; a foreign one is a cross-site post.
 */
function crossSiteProblem(request: FastifyRequest): string | undefined {
  if (request.headers.origin === undefined) return 'send the form from the demo page (no Origin header)';
  if (isCrossSite(request.headers)) return 'cross-site requests are not allowed';
  return undefined;
}

const MessageIndex = /^\d{1,15}$/;
const Snowflake = /^\d{1,20}$/;

/** The list's own parameters, which links and the channel filter write. */
const ListParameters = ['in', 'before', 'after'] as const;
/** The form's: `sent` (the notice after a send) and the prefill of a hint link (`as`, `channel`, `text`). */
const FormParameters = ['sent', 'as', 'channel', 'text'] as const;
const KnownParameters: ReadonlySet<string> = new Set([...ListParameters, ...FormParameters]);

/**
 * `?in=` (channel id), `?before=` / `?after=` (message index) as a view, or what is wrong with the
 * query: a bad value, a repeated parameter, or one the page does not take (`?page=2` would otherwise
 * quietly show the newest page). Problems read `<parameter>: expected …` like every 400 (validation.ts).
 */
export function listView(query: unknown): DemoListView | { problem: string } {
  const given = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(given)) {
    if (!KnownParameters.has(name)) return { problem: `${truncate(name, 40)}: not a parameter of this page (it takes ${ListParameters.join(', ')})` };
    if (typeof value !== 'string') return { problem: `${name}: given more than once; give it once` };
  }
  const channelId = stringField(query, 'in') || undefined;
  const before = stringField(query, 'before') || undefined;
  const after = stringField(query, 'after') || undefined;
  if (channelId !== undefined && !Snowflake.test(channelId)) return { problem: `in: expected a channel id such as 1100000000000000001, not ${quoted(channelId)}` };
  if (before !== undefined && !MessageIndex.test(before)) return { problem: `before: expected a message number such as 25, not ${quoted(before)}` };
  if (after !== undefined && !MessageIndex.test(after)) return { problem: `after: expected a message number such as 25, not ${quoted(after)}` };
  if (before !== undefined && after !== undefined) return { problem: 'before, after: give one of them, not both' };
  return { channelId, before: before === undefined ? undefined : Number(before), after: after === undefined ? undefined : Number(after) };
}

/** The form's values: what was asked for where the guild has it, defaults otherwise. */
function formValues(prefill: Prefill, guild: DemoGuild | undefined): DemoFormValues {
  const actors = guild ? DemoActors.filter((a) => guild.members[a] !== undefined) : [...DemoActors];
  const as = isDemoActor(prefill.as) && actors.includes(prefill.as) ? prefill.as : (actors[0] ?? 'owner');
  const channels = guild?.channels ?? [];
  const channelId = channels.some((c) => c.id === prefill.channelId) ? (prefill.channelId as string) : (channels[0]?.id ?? '');
  const text = prefill.text?.trim() ? prefill.text.trim().slice(0, MaxCommandLength) : DefaultCommandText;
  return { as, channelId, text };
}

/** Registered only in demo mode (when a demo Discord URL is configured). */
export async function demoRoutes(app: FastifyInstance, options: DemoRouteOptions): Promise<void> {
  const { demoDiscordUrl: baseUrl, nav } = options;
  const { logger } = options.deps;
  const replyWaitMs = options.replyWaitMs ?? DefaultReplyWaitMs;
  const sentCommands = new DemoCommandLog();

  // The form posts url-encoded fields; this plugin is encapsulated, so the parser applies here only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FormBodyLimit }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  const loadGuild = async (): Promise<DemoPageModel['guild']> => {
    try {
      return { guild: await fetchDemoGuild(baseUrl) };
    } catch (error) {
      logger.warn({ err: error }, 'demo page: could not fetch the guild from the demo Discord');
      return { error: (error as Error).message };
    }
  };

  const loadMessages = async (view: DemoListView): Promise<DemoPageModel['messages']> => {
    try {
      return { page: await fetchDemoMessagePage(baseUrl, { limit: DemoPageSize, ...view }) };
    } catch (error) {
      logger.warn({ err: error }, 'demo page: could not fetch messages from the demo Discord');
      return { error: (error as Error).message };
    }
  };

  // The filter is a nicety: without the list the page still shows messages, by channel id.
  const loadChannels = async (): Promise<DemoChannel[]> => {
    try {
      return await fetchDemoChannels(baseUrl);
    } catch (error) {
      logger.warn({ err: error }, 'demo page: could not fetch channels from the demo Discord');
      return [];
    }
  };

  const page = async (
    reply: FastifyReply,
    status: number,
    prefill: Prefill,
    notice: DemoNotice | ((guild: DemoGuild | undefined) => DemoNotice) | undefined,
    knownGuild?: DemoPageModel['guild'],
    view: DemoListView | { problem: string } = {},
  ) => {
    const [messages, guild, channels] = await Promise.all([
      'problem' in view ? view : loadMessages(view),
      knownGuild ?? loadGuild(),
      loadChannels(),
    ]);
    const guildOrNone = 'guild' in guild ? guild.guild : undefined;
    const model: DemoPageModel = {
      messages,
      guild,
      channels,
      view: 'problem' in view ? {} : view,
      form: formValues(prefill, guildOrNone),
      notice: typeof notice === 'function' ? notice(guildOrNone) : notice,
      answered: (message) => sentCommands.answeredBy(message),
    };
    return reply.code(status).type('text/html; charset=utf-8').send(demoPage(model, nav).value);
  };

  app.get('/demo/discord', async (request, reply) => {
    const { query } = request;
    const sentId = stringField(query, 'sent');
    const sent: SentDemoCommand | undefined = sentId === undefined ? undefined : sentCommands.get(sentId);
    // After a send, the form keeps what was sent; a hint link (?text=/status) fills in its command.
    const prefill: Prefill = sent ?? { as: stringField(query, 'as'), channelId: stringField(query, 'channel'), text: stringField(query, 'text') };
    const view = listView(query);
    return page(reply, 'problem' in view ? 400 : 200, prefill, sent && ((guild) => sentNotice(sent, guild)), undefined, view);
  });

  app.post('/demo/discord/command', { bodyLimit: FormBodyLimit }, async (request, reply) => {
    const forbidden = crossSiteProblem(request);
    if (forbidden) {
      const back = { href: '/demo/discord#try', label: 'Demo Discord' };
      return sendProblem(request, reply, nav, { statusCode: 403, title: 'Not sent', message: `Not sent: ${forbidden}.`, back, json: { error: forbidden } });
    }

    const { body } = request;
    const as = stringField(body, 'as');
    const text = stringField(body, 'text')?.trim() ?? '';
    const channelId = stringField(body, 'channel') ?? '';
    const prefill: Prefill = { as, channelId, text };
    const refuse = (status: number, problems: string[], guild?: DemoPageModel['guild']) =>
      page(reply, status, prefill, { ok: false, text: `Not sent: ${problems.join('; ')}.` }, guild);

    const problems: string[] = [];
    if (!isDemoActor(as)) problems.push(`"Act as" must be one of ${DemoActors.join(', ')}`);
    if (text === '') problems.push('the message is empty');
    else if (text.length > MaxCommandLength) problems.push(`the message has ${text.length} characters, Discord allows ${MaxCommandLength}`);
    if (!isDemoActor(as) || problems.length > 0) return refuse(400, problems);

    const guild = await loadGuild();
    if ('error' in guild) return refuse(502, [`could not read the demo Discord's server: ${guild.error}`], guild);
    if (guild.guild.members[as] === undefined) problems.push(`the demo server has no member ${as}`);
    if (!guild.guild.channels.some((c) => c.id === channelId)) problems.push("the channel is not one of the demo server's channels");
    if (problems.length > 0) return refuse(400, problems, guild);

    const outcome = await sendDemoCommand(baseUrl, { as, text, channelId }, replyWaitMs);
    const sent = sentCommands.add({ as, text, channelId }, outcome);
    // The command's name only: what a visitor typed after it is theirs.
    logger.info({ as, command: truncate(text.split(/\s/, 1)[0] ?? '', 40), outcome: outcome.kind }, 'demo page: command sent to the demo Discord');
    return reply.redirect(`/demo/discord?sent=${sent.id}#try`, 303);
  });
}
