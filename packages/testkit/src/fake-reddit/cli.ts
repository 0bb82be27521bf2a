#!/usr/bin/env node
/**
 * Runs the fake Reddit standalone (demo, benchmarks, e2e tests in another process):
 *   node dist/fake-reddit/cli.js --port 4200 [--host 127.0.0.1] [--users N] [--comments M] [--seed S]
 *     [--budget-requests 100] [--budget-window-ms 60000] [--client-id ID] [--client-secret S]
 *     [--username NAME] [--password P] [--state-file path] [--stop-when-stdin-ends]
 * --users N adds `fake_user_0001`… each with M generated comments (default 50). Prints one JSON line
 * {url, clientId, clientSecret, username, password, budget, users} and writes it to --state-file.
 * The credentials are fakes accepted only here, so printing them leaks nothing. Control it over
 * HTTP under /_fake (README.md). A port in use ends it with one line naming --port and exit 2.
 */
import { fakeCli } from '../cli-support.js';
import { FakeReddit } from './fake-reddit.js';

const cli = fakeCli('fake-reddit');
const args = cli.args({
  options: ['port', 'host', 'users', 'comments', 'seed', 'budget-requests', 'budget-window-ms', 'client-id', 'client-secret', 'username', 'password', 'state-file'],
});
const integer = cli.integer;
const option = (name: string): string | undefined => args.options.get(name);

const port = integer('port', option('port'), 0, 0);
const host = option('host') ?? '127.0.0.1';
const userCount = integer('users', option('users'), 0, 0);
const commentCount = integer('comments', option('comments'), 50, 0);
const client = { id: option('client-id') ?? 'fake-client-id', secret: option('client-secret') ?? 'fake-client-secret' };
const account = { username: option('username') ?? 'HeraldBot', password: option('password') ?? 'fake-password' };
const budget = { requests: integer('budget-requests', option('budget-requests'), 100, 0), windowMs: integer('budget-window-ms', option('budget-window-ms'), 60_000, 1) };

const fake = await FakeReddit.start({
  port,
  host,
  clients: [client],
  accounts: [account],
  budget,
  seed: integer('seed', option('seed'), 1, 0),
  users: Array.from({ length: userCount }, (_, i) => ({ name: `fake_user_${String(i + 1).padStart(4, '0')}`, comments: commentCount })),
}).catch(cli.portInUse(host, port));
await cli.publish({ url: fake.url, clientId: client.id, clientSecret: client.secret, username: account.username, password: account.password, budget, users: userCount }, option('state-file'));

cli.stopOn(args, () => fake.close());
