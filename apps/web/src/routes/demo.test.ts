import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  CommandRegistry,
  commandPayloads,
  defineCommand,
  help,
  startBot,
  version,
  type Bot,
  type CommandContext,
  type VersionDeps,
} from '@herald/bot';
import { createLogger } from '@herald/logging';
import { DemoGuild, FakeDiscord, type FakeDiscordWebhook } from '@herald/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { demoRoutes } from './demo.js';

const unlimited = { limits: { webhook: 'unlimited', channel: 'unlimited' } } as const;

/** A webhook post, as the Servatrice source sends one (`?wait=true`: the fake answers once it is recorded). */
async function viaWebhook(fake: FakeDiscord, webhook: FakeDiscordWebhook, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}?wait=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** A bot message in a guild channel, as the notifier sends one. */
async function viaBot(fake: FakeDiscord, channelId: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${fake.apiBaseUrl}/v10/channels/${channelId}/messages`, {
    method: 'POST',
    headers: { authorization: 'Bot x', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** Stands in for a broken demo Discord: every control request answers `status`. */
async function startFailingControlApi(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => void res.writeHead(status, { 'content-type': 'application/json' }).end('{"message":"boom"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** The message cards of a page, in page order. */
const cardsOf = (body: string) => body.split('<div class="msg').slice(1);
/** The `href`s of the pager's links, by their text. */
function pagerLinks(body: string): Record<string, string> {
  const nav = /<nav class="pager"[^>]*>([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? '';
  return Object.fromEntries([...nav.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[2], m[1]!.replaceAll('&amp;', '&')]));
}

describe('GET /demo/discord', () => {
  let env: TestEnv;
  let fake: FakeDiscord;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  beforeEach(async () => {
    fake = await FakeDiscord.start(unlimited);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await fake.close();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('renders recorded messages as cards, newest first, with e-mail addresses masked', async () => {
    const webhook = fake.createWebhook();
    await viaWebhook(fake, webhook, {
      embeds: [
        {
          title: 'New account: FirstUser',
          color: 0x2ecc71,
          fields: [
            { name: 'E-mail', value: 'first.user@example.org', inline: true },
            { name: 'Country', value: 'de', inline: true },
          ],
          footer: { text: 'Servatrice · default' },
          timestamp: '2026-11-21T10:00:00.000Z',
        },
      ],
    });
    await viaBot(fake, DemoGuild.channels.alerts.id, {
      content: 'Welcome <b>SecondUser</b>! Contact second@example.org',
      embeds: [{ title: 'New account: SecondUser', description: 'joined just now' }],
    });
    const app = await env.build({ demoDiscordUrl: fake.url });
    const res = await app.inject({ url: '/demo/discord' });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body.indexOf('New account: SecondUser')).toBeLessThan(body.indexOf('New account: FirstUser'));
    expect(body).toContain('Servatrice · default');
    expect(body).toContain('<div class="name">Country</div><div class="value">de</div>');
    expect(body).toContain('border-left-color:#2ecc71');
    expect(body).toContain('Welcome &lt;b&gt;SecondUser&lt;/b&gt;! Contact [email]');
    expect(body).not.toContain('first.user@example.org');
    expect(body).not.toContain('second@example.org');
    expect(body).toContain('2026-11-21 10:00:00 UTC');
    expect(body).toContain('<span class="tag">#alerts</span><span class="tag">bot message from Herald</span>');
  });

  it('shows one bounded page, newest first, with newer/older navigation, and never asks for the whole history', async () => {
    const webhook = fake.createWebhook();
    for (let i = 0; i < 60; i++) await viaWebhook(fake, webhook, { content: `sign-up ${i}` });
    const app = await env.build({ demoDiscordUrl: fake.url });
    const fetches = vi.spyOn(globalThis, 'fetch');
    const contentOf = (card: string) => /<div class="content">sign-up (\d+)<\/div>/.exec(card)?.[1];
    const visit = async (url: string) => {
      const res = await app.inject({ url: url.replace(/#.*$/, '') });
      expect(res.statusCode, url).toBe(200);
      return { body: res.body, shown: cardsOf(res.body).map(contentOf).map(Number) };
    };
    const range = (from: number, to: number) => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from > to ? from - i : from + i));

    const newest = await visit('/demo/discord');
    expect(newest.shown).toEqual(range(59, 35));
    expect(newest.body).toContain('<span class="meta">25 of 60</span>');
    expect(newest.body).toContain('<span class="off">← Newer</span>');
    const second = await visit(pagerLinks(newest.body)['Older →']!);
    expect(second.shown).toEqual(range(34, 10));
    const last = await visit(pagerLinks(second.body)['Older →']!);
    expect(last.shown).toEqual(range(9, 0));
    expect(last.body).toContain('<span class="off">Older →</span>');
    const back = await visit(pagerLinks(last.body)['← Newer']!);
    expect(back.shown).toEqual(range(34, 10));
    expect((await visit(pagerLinks(back.body)['Newest']!)).shown).toEqual(range(59, 35));

    // Every read of the messages is one page of 25: nothing pulls the whole history.
    const messageReads = fetches.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/_fake/messages'));
    expect(messageReads).toHaveLength(5);
    for (const url of messageReads) expect(url).toMatch(/\/_fake\/messages\/page\?limit=25(&|$)/);

    // Five times the history, the same size of page.
    for (let i = 60; i < 300; i++) await viaWebhook(fake, webhook, { content: `sign-up ${i}` });
    const later = await visit('/demo/discord');
    expect(later.shown).toEqual(range(299, 275));
    expect(later.body.length).toBeLessThan(newest.body.length * 1.1);
  });

  it('filters by channel, webhook and bot channels by name, and keeps the filter while paging', async () => {
    const signups = fake.createChannel({ name: 'signups' });
    const webhook = fake.createWebhook({ channelId: signups.id, name: 'Servatrice' });
    const alerts = DemoGuild.channels.alerts.id;
    for (let i = 0; i < 27; i++) await viaWebhook(fake, webhook, { content: `sign-up ${i}` });
    for (let i = 0; i < 3; i++) await viaBot(fake, alerts, { content: `alert ${i}` });
    const app = await env.build({ demoDiscordUrl: fake.url });

    const all = (await app.inject({ url: '/demo/discord' })).body;
    expect(all).toContain('<option value="" selected>All channels</option>');
    expect(all).toContain(`<option value="${DemoGuild.channels.general.id}">#general · 0</option>`);
    expect(all).toContain(`<option value="${alerts}">#alerts · 3</option>`);
    expect(all).toContain(`<option value="${signups.id}">#signups (webhook Servatrice) · 27</option>`);

    const onlyAlerts = (await app.inject({ url: `/demo/discord?in=${alerts}` })).body;
    expect(onlyAlerts).toContain(`<option value="${alerts}" selected>#alerts · 3</option>`);
    expect(cardsOf(onlyAlerts).map((card) => /<div class="content">([^<]*)<\/div>/.exec(card)?.[1])).toEqual(['alert 2', 'alert 1', 'alert 0']);
    expect(onlyAlerts).toContain('<span class="meta">3 of 3</span>');

    const onlySignups = (await app.inject({ url: `/demo/discord?in=${signups.id}` })).body;
    expect(cardsOf(onlySignups)).toHaveLength(25);
    expect(onlySignups).not.toContain('alert ');
    const older = pagerLinks(onlySignups)['Older →']!;
    expect(older).toMatch(new RegExp(`^/demo/discord\\?in=${signups.id}&before=\\d+#messages$`));
    const rest = (await app.inject({ url: older.replace(/#.*$/, '') })).body;
    expect(cardsOf(rest).map((card) => /sign-up (\d+)/.exec(card)?.[1])).toEqual(['1', '0']);

    const unknown = await app.inject({ url: '/demo/discord?in=123' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('No messages in channel 123 yet.');
  });

  it('renders Markdown and mentions as Discord does, and a hostile message stays inert', async () => {
    const hostile = [
      '**bold** *italic* __under__ ~~struck~~ `inline <i>` ||hidden|| -> [click me](javascript:alert(1)) [docs](https://example.com/a?b=1&c=2)',
      '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" \'single\'',
      `hi <@${DemoGuild.users.member.id}> <@!${DemoGuild.users.owner.id}> <@&${DemoGuild.roles.moderator.id}> in <#${DemoGuild.channels.alerts.id}>, not <@999999999999999999>`,
      '# Big news',
      '> a quote',
      '```html\n</code></pre><script>alert(3)</script>\n```',
    ].join('\n');
    await viaBot(fake, DemoGuild.channels.general.id, {
      content: hostile,
      embeds: [
        {
          title: 'Title *with* markup',
          url: 'javascript:alert(4)',
          description: `ping <@&${DemoGuild.roles.moderator.id}> **now**`,
          fields: [{ name: 'Who', value: `<@${DemoGuild.users.moderator.id}>` }],
        },
      ],
    });
    const app = await env.build({ demoDiscordUrl: fake.url });
    const body = (await app.inject({ url: '/demo/discord' })).body;
    const [card = ''] = cardsOf(body);

    expect(card).toContain(
      '<strong>bold</strong> <em>italic</em> <u>under</u> <s>struck</s> <code class="md-code">inline &lt;i&gt;</code> <span class="md-spoiler" tabindex="0" title="Spoiler">hidden</span>',
    );
    // Only http(s) links become links; the javascript: one is its label alone.
    expect(card).toContain('-&gt; click me ');
    expect(card).toContain('<a href="https://example.com/a?b=1&amp;c=2" title="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">docs</a>');
    expect(card).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &#39;single&#39;');
    expect(card).toContain(
      'hi <span class="mention">@member</span> <span class="mention">@owner</span> <span class="mention">@moderator</span> in <span class="mention">#alerts</span>, not <span class="mention">@unknown-user</span>',
    );
    expect(card).toContain('<div class="md-h md-h1">Big news</div>');
    expect(card).toContain('<div class="md-quote">a quote');
    expect(card).toContain('<pre class="md-pre"><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;</code></pre>');
    // The embed: Markdown in title, description and fields; its javascript: URL is no link.
    expect(card).toContain('<div class="title">Title <em>with</em> markup</div>');
    expect(card).toContain('ping <span class="mention">@moderator</span> <strong>now</strong>');
    expect(card).toContain('<div class="value"><span class="mention">@moderator</span></div>');
    // No tag or URL of the message's own survives: the onerror attribute above is escaped text.
    for (const unsafe of ['<script', '<img', 'javascript:', '<i>']) expect(card).not.toContain(unsafe);
  });

  it('answers 400 with a way back for a malformed page or channel', async () => {
    const app = await env.build({ demoDiscordUrl: fake.url });
    // Each names the parameter and what it expects; an unknown or repeated parameter is refused, not ignored.
    const cases: Array<[string, string]> = [
      ['before=abc', 'before: expected a message number such as 25, not &quot;abc&quot;'],
      ['after=-1', 'after: expected a message number such as 25, not &quot;-1&quot;'],
      ['before=1&after=2', 'before, after: give one of them, not both'],
      ['in=%3Cscript%3E', 'in: expected a channel id such as 1100000000000000001, not &quot;&lt;script&gt;&quot;'],
      ['page=abc', 'page: not a parameter of this page (it takes in, before, after)'],
      ['%3Cb%3E=1', '&lt;b&gt;: not a parameter of this page (it takes in, before, after)'],
      ['before=3&before=4', 'before: given more than once; give it once'],
    ];
    for (const [query, problem] of cases) {
      const res = await app.inject({ url: `/demo/discord?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.body, query).toContain(`<div class="notice">No such page: ${problem}. <a href="/demo/discord#messages">Show the newest messages</a>.</div>`);
      expect(res.body).not.toContain('<script>');
      expect(res.body).not.toContain('<b>');
    }
    // The form's own parameters (a hint link's prefill, the notice after a send) are not refused.
    expect((await app.inject({ url: '/demo/discord?as=member&channel=1&text=%2Fhelp&sent=x' })).statusCode).toBe(200);
  });

  it('shows a friendly error, not a 500, when the demo Discord fails or is gone', async () => {
    const broken = await startFailingControlApi(500);
    const app = await env.build({ demoDiscordUrl: broken.url });
    const failing = await app.inject({ url: '/demo/discord' });
    expect(failing.statusCode).toBe(200);
    expect(failing.body).toContain('Could not load the demo messages');
    expect(failing.body).toContain('HTTP 500');
    await close(broken.server);
    const gone = await app.inject({ url: '/demo/discord' });
    expect(gone.statusCode).toBe(200);
    expect(gone.body).toContain('did not answer');
  });

  it('does not exist outside demo mode', async () => {
    const app = await env.build();
    expect((await app.inject({ url: '/demo/discord' })).statusCode).toBe(404);
  });
});

// ---- "Try the bot": the form and POST /demo/discord/command against a fake Discord and the real bot --

const general = DemoGuild.channels.general.id;
const alerts = DemoGuild.channels.alerts.id;
const sameSite = { host: 'herald.test', origin: 'http://herald.test' };

function postCommand(app: FastifyInstance, fields: Record<string, string>, headers: Record<string, string> = sameSite) {
  return app.inject({
    method: 'POST',
    url: '/demo/discord/command',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** Posts the form and follows the 303 back to the page, as a browser would. */
async function sendAndFollow(app: FastifyInstance, fields: Record<string, string>): Promise<string> {
  const sent = await postCommand(app, fields);
  expect(sent.statusCode).toBe(303);
  const location = String(sent.headers.location);
  expect(location).toMatch(/^\/demo\/discord\?sent=[0-9a-f-]{36}#try$/);
  const page = await app.inject({ url: location.replace(/#.*$/, '') });
  expect(page.statusCode).toBe(200);
  return page.body;
}

/** The status notice above the form. */
const noticeOf = (body: string) => /<div class="notice[^"]*" role="status">([\s\S]*?)<\/div>/.exec(body)?.[1] ?? '';

interface BotDeps extends VersionDeps {
  /** `/wait` answers once this settles: a bot that is connected but slow. */
  readonly answerWait: Promise<void>;
}

/** Stands in for the notifier's /status: a privileged, ephemeral reply with HTML and an e-mail address to escape and mask. */
const status = defineCommand({
  name: 'status',
  description: 'Says how Herald is doing.',
  permission: 'privileged',
  ephemeral: true,
  async run() {
    return 'All <b>good</b>, ask ops@example.org';
  },
});

const wait = defineCommand({
  name: 'wait',
  description: 'Answers when the test lets it.',
  permission: 'everyone',
  async run(ctx: CommandContext<BotDeps>) {
    await ctx.deps.answerWait;
    return 'Finally done';
  },
});

const registry = new CommandRegistry<BotDeps>([help, version, status, wait]);
const BotVersion = 'test';

/** Discord's ManageMessages bit: the demo guild's moderator role has it, a plain member does not. */
const ManageMessages = String(1n << 13n);

/** What `npm run register-commands` does (the bot's own payloads), straight through the fake's REST API. */
async function registerCommands(fake: FakeDiscord): Promise<void> {
  // The bot checks privileges itself and registers no default_member_permissions; adding them here
  // hides privileged commands from plain members, so the fake refuses them: the page's "refused" path.
  const body = commandPayloads(registry).map((payload) =>
    registry.get(payload.name)?.permission === 'privileged' ? { ...payload, default_member_permissions: ManageMessages } : payload,
  );
  const response = await fetch(`${fake.apiBaseUrl}/v10/applications/${fake.guild.applicationId}/guilds/${fake.guild.id}/commands`, {
    method: 'PUT',
    headers: { authorization: 'Bot x', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** The real bot (discord.js) on the fake's gateway, with what it heard and any errors it logged. */
interface RunningBot {
  bot: Bot;
  /** Slash commands the bot received, in order. */
  heard: string[];
  /** Lets `/wait` answer. */
  release: () => void;
  errors: () => Array<Record<string, unknown>>;
}

async function startRealBot(fake: FakeDiscord): Promise<RunningBot> {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _encoding, callback) => (lines.push(String(chunk)), callback()) });
  let release!: () => void;
  const answerWait = new Promise<void>((resolve) => (release = resolve));
  const bot = startBot({
    token: 'x',
    apiBaseUrl: fake.apiBaseUrl,
    registry,
    deps: { version: BotVersion, answerWait },
    settings: { prefix: '!', messageContent: true, privilegedRoleId: fake.guild.roles.moderator!.id },
    logger: createLogger({ name: 'demo-test-bot', level: 'warn', destination }),
  });
  try {
    await bot.ready;
  } catch (error) {
    await bot.stop();
    throw error;
  }
  const heard: string[] = [];
  bot.client.on('interactionCreate', (interaction) => {
    if (interaction.isChatInputCommand()) heard.push(interaction.commandName);
  });
  const errors = () =>
    lines
      .flatMap((chunk) => chunk.split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => Number(entry.level) >= 50); // pino's error and fatal
  return { bot, heard, release, errors };
}

describe('Try the bot on /demo/discord', () => {
  let env: TestEnv;
  let fake: FakeDiscord;
  let running: RunningBot | undefined;
  const connectBot = async () => {
    running = await startRealBot(fake);
    return running;
  };

  beforeAll(async () => {
    env = await createTestEnv();
  });
  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    if (running) {
      running.release(); // a held /wait answers rather than fail on a stopped client
      await running.bot.stop();
      expect(running.errors()).toEqual([]);
      running = undefined;
    }
    await fake.close();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('shows the form: the three members with what each may do, the channels, /help prefilled, and hints', async () => {
    const app = await env.build({ demoDiscordUrl: fake.url });
    const res = await app.inject({ url: '/demo/discord' });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<form method="post" action="/demo/discord/command">');
    expect(body).toContain('<option value="owner" selected>owner (server owner: every command)</option>');
    expect(body).toContain('<option value="moderator">moderator (has the privileged role: moderator commands too)</option>');
    expect(body).toContain('<option value="member">member (everyone commands only)</option>');
    expect(body).toContain(`<option value="${general}" selected>#general</option>`);
    expect(body).toContain(`<option value="${alerts}">#alerts</option>`);
    expect(body).toContain('name="text" value="/help"');
    for (const hint of ['/help', '/version', '/status', '/help status', '!help']) expect(body).toContain(`#try">${hint}</a>`);
    expect(body).toContain(`href="/demo/discord?as=owner&amp;channel=${general}&amp;text=%2Fhelp+status#try"`);

    // A hint link fills the form in; values the guild does not have fall back to defaults.
    const hinted = await app.inject({ url: `/demo/discord?as=moderator&channel=${alerts}&text=%2Fstatus` });
    expect(hinted.body).toContain('<option value="moderator" selected>');
    expect(hinted.body).toContain(`<option value="${alerts}" selected>`);
    expect(hinted.body).toContain('name="text" value="/status"');
    const odd = await app.inject({ url: '/demo/discord?as=admin&channel=1&text=%22%3E%3Cscript%3E' });
    expect(odd.body).toContain('<option value="owner" selected>');
    expect(odd.body).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(odd.body).not.toContain('"><script>');
  });

  it('tells the visitor to run register-commands when the slash command is not registered', async () => {
    const app = await env.build({ demoDiscordUrl: fake.url });
    const body = await sendAndFollow(app, { as: 'member', channel: general, text: '/version' });
    const notice = noticeOf(body);
    expect(notice).toContain('Not sent: /version is not registered: run npm run register-commands.');
    expect(notice).toContain('Registered: none');
    // The form keeps what was sent.
    expect(body).toContain('<option value="member" selected>');
    expect(body).toContain('name="text" value="/version"');
  });

  it('says no bot is connected when the command is registered but nothing listens', async () => {
    await registerCommands(fake);
    const app = await env.build({ demoDiscordUrl: fake.url });
    const notice = noticeOf(await sendAndFollow(app, { as: 'member', channel: general, text: '/version' }));
    expect(notice).toContain('Not sent: no bot is connected to the demo Discord.');
  });

  it("reports the bot's reply time and labels the reply in the message list, escaped and masked", async () => {
    await registerCommands(fake);
    const { heard } = await connectBot();
    const app = await env.build({ demoDiscordUrl: fake.url });

    const status = await sendAndFollow(app, { as: 'moderator', channel: general, text: '/status' });
    expect(noticeOf(status)).toMatch(/^Sent \/status as moderator in #general: replied in \d+ ms, only visible to moderator\.$/);
    const version = await sendAndFollow(app, { as: 'member', channel: alerts, text: '/version' });
    expect(noticeOf(version)).toMatch(/^Sent \/version as member in #alerts: replied in \d+ ms\.$/);

    const cards = version.split('<div class="msg').slice(1);
    expect(cards).toHaveLength(2);
    const [versionCard = '', statusCard = ''] = cards; // newest first
    expect(versionCard).toContain('<span class="tag">#alerts</span><span class="tag reply">reply to /version by member</span>');
    expect(versionCard).toContain(`Herald ${BotVersion} (Node.js ${process.version})`);
    expect(statusCard).toContain('<span class="tag reply">reply to /status by moderator</span>');
    expect(statusCard).toContain('<span class="tag private">only visible to moderator</span>');
    expect(statusCard).toContain('All &lt;b&gt;good&lt;/b&gt;, ask [email]');
    expect(version).not.toContain('ops@example.org');

    // A member lacks the privileged role: the fake refuses, as Discord hides the command from them.
    const refused = noticeOf(await sendAndFollow(app, { as: 'member', channel: general, text: '/status' }));
    expect(refused).toContain('Not sent: the demo Discord refused /status as member in #general: member cannot use /status');
    expect(heard).toEqual(['status', 'version']);
  });

  it('sends other text as a chat message and shows the bot reply to it', async () => {
    await connectBot();
    const app = await env.build({ demoDiscordUrl: fake.url });
    const body = await sendAndFollow(app, { as: 'member', channel: general, text: '!help' });
    expect(noticeOf(body)).toContain('Sent !help as member in #general as a chat message.');
    await fake.waitForMessages(1, { timeoutMs: 2000 });
    const page = (await app.inject({ url: '/demo/discord' })).body;
    // The real help text, in prefix style, escaped: privileged /status is not listed for a member.
    expect(page).toContain('<code class="md-code">!version</code> — Shows the Herald and Node.js versions.');
    expect(page).toContain('Type <code class="md-code">!help &lt;command&gt;</code> for details.');
    expect(page).not.toContain('!status');
    // The bot answers as a reply to the command message, so the page can say what it answers.
    expect(page).toContain('reply to !help by member');
  });

  it('says so when the bot does not reply within the (configurable) wait', async () => {
    await registerCommands(fake);
    const slow = await connectBot();
    const app = Fastify();
    await app.register(demoRoutes, {
      deps: { logger: createLogger({ name: 'demo-test', level: 'silent' }) },
      nav: { adminEnabled: false, demoEnabled: true },
      demoDiscordUrl: fake.url,
      replyWaitMs: 150,
    });
    try {
      const notice = noticeOf(await sendAndFollow(app, { as: 'member', channel: general, text: '/wait' }));
      expect(notice).toContain('Sent /wait as member in #general: no reply within 150 ms.');
      expect(slow.heard).toEqual(['wait']);
      // A late reply still shows up in the list.
      slow.release();
      await fake.waitForMessages(1, { timeoutMs: 2000 });
      const page = (await app.inject({ url: '/demo/discord' })).body;
      expect(page).toContain('<span class="tag reply">reply to /wait by member</span>');
      expect(page).toContain('Finally done');
    } finally {
      await app.close();
    }
  });

  it('refuses bad input with a 400 page and sends nothing', async () => {
    await registerCommands(fake);
    const listening = await connectBot();
    const app = await env.build({ demoDiscordUrl: fake.url });
    const fetches = vi.spyOn(globalThis, 'fetch');
    const cases: Array<[Record<string, string>, string]> = [
      [{ as: 'admin', channel: general, text: '/version' }, '&quot;Act as&quot; must be one of owner, moderator, member'],
      [{ channel: general, text: '/version' }, '&quot;Act as&quot; must be one of'],
      [{ as: 'member', channel: general, text: '   ' }, 'the message is empty'],
      [{ as: 'member', channel: general, text: `/version ${'x'.repeat(2000)}` }, 'the message has 2009 characters, Discord allows 2000'],
      [{ as: 'member', channel: '42', text: '/version' }, "the channel is not one of the demo server&#39;s channels"],
    ];
    for (const [fields, problem] of cases) {
      const res = await postCommand(app, fields);
      expect(res.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(noticeOf(res.body)).toContain(problem);
      expect(noticeOf(res.body)).toMatch(/^Not sent: /);
    }
    expect(fetches.mock.calls.filter(([url]) => String(url).includes('/_fake/gateway/command'))).toEqual([]);
    expect(listening.heard).toEqual([]);
  });

  it('refuses posts without an Origin or from another site (CSRF) and sends nothing', async () => {
    await registerCommands(fake);
    const listening = await connectBot();
    const app = await env.build({ demoDiscordUrl: fake.url });
    const fields = { as: 'member', channel: general, text: '/version' };
    for (const headers of [
      { host: 'herald.test' },
      { host: 'herald.test', origin: 'https://evil.example' },
      { host: 'herald.test', origin: 'null' },
      { host: 'herald.test', origin: 'http://herald.test', 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await postCommand(app, fields, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      // A form post is a browser's: a page that says why and leads back, not JSON.
      expect(res.headers['content-type'], JSON.stringify(headers)).toMatch(/^text\/html/);
      // Refused by the demo form (no Origin) or, before it, by the app-wide cross-site check.
      expect(res.body).toMatch(/<h2>(Not sent|Refused)<\/h2><div class="notice">(Not sent: send the form from the demo page|Refused: this request came from another site)/);
      expect(res.body).toMatch(/<p><a href="\/demo\/discord(#try)?">← (Demo Discord|Dashboard)<\/a><\/p>/);
    }
    expect(listening.heard).toEqual([]);
    // The same post from the page itself goes through.
    expect((await postCommand(app, fields)).statusCode).toBe(303);
    expect(listening.heard).toEqual(['version']);
  });

  it('shows no notice for a ?sent= id it does not know', async () => {
    const app = await env.build({ demoDiscordUrl: fake.url });
    for (const sent of ['00000000-0000-4000-8000-000000000000', 'Sent%20/status%3A%20all%20fine']) {
      const res = await app.inject({ url: `/demo/discord?sent=${sent}` });
      expect(res.statusCode).toBe(200);
      expect(noticeOf(res.body)).toBe('');
      expect(res.body).not.toContain('all fine');
    }
  });
});
