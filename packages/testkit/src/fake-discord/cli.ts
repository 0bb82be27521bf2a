#!/usr/bin/env node
/**
 * Runs the fake Discord standalone (demo mode, benchmarks, e2e tests in another process):
 *   node dist/fake-discord/cli.js --port 4100 [--host 127.0.0.1] [--unlimited] [--webhooks N] [--state-file path]
 *     [--privileged-intents all|none|GuildMembers,MessageContent,...] [--stop-when-stdin-ends]
 * Prints one JSON line {url, apiBaseUrl, gatewayUrl, guild, webhooks:[{id,token,url,channelId}]} and
 * writes the same JSON to --state-file. The tokens are fakes minted here, so printing them leaks nothing.
 * The gateway (ws path /gateway) runs on the same port; `guild` is DemoGuild. A port in use ends it
 * with one line naming --port and exit 2. --stop-when-stdin-ends: stop when the parent that
 * started it with a stdin pipe is gone (`npm start` runs it outside its process group).
 */
import { fakeCli } from '../cli-support.js';
import { FakeDiscord } from './fake-discord.js';
import { parsePrivilegedIntents } from './intents.js';

const cli = fakeCli('fake-discord');
const args = cli.args({ flags: ['unlimited'], options: ['port', 'host', 'webhooks', 'state-file', 'privileged-intents'] });
const port = cli.integer('port', args.options.get('port'), 0);
const host = args.options.get('host') ?? '127.0.0.1';
// Which privileged intents the application may use (default all); others get close code 4014.
const parsedIntents = parsePrivilegedIntents(args.options.get('privileged-intents') ?? 'all');
const intents = typeof parsedIntents === 'string' ? cli.fail(`--privileged-intents: ${parsedIntents}`) : parsedIntents;
const fake = await FakeDiscord.start({
  port,
  host,
  allowedPrivilegedIntents: intents,
  ...(args.flags.has('unlimited') && { limits: { webhook: 'unlimited', channel: 'unlimited' } }),
}).catch(cli.portInUse(host, port));
const webhookCount = cli.integer('webhooks', args.options.get('webhooks'), 1);
// Webhooks carry the Servatrice sign-ups (the only source that posts through a webhook): named so,
// in a named channel, the demo page's channel filter reads "#signups (webhook Servatrice)".
const webhooks = Array.from({ length: webhookCount }, (_, i) =>
  fake.createWebhook({ channelId: fake.createChannel({ name: webhookCount === 1 ? 'signups' : `signups-${i + 1}` }).id, name: 'Servatrice' }),
);
await cli.publish({ url: fake.url, apiBaseUrl: fake.apiBaseUrl, gatewayUrl: fake.gatewayUrl, guild: fake.guild, webhooks }, args.options.get('state-file'));

cli.stopOn(args, () => fake.close());
