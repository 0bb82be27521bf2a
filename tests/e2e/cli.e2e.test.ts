import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStack, freePort, runApp, startApp, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await createStack();
});
const dropUsers: string[] = [];
afterAll(async () => {
  for (const sql of dropUsers) await stack.servatrice.admin.query(sql);
  await stack.close();
});

describe('bad configuration stops start-up with exit code 2 and names the problem', () => {
  const cases: Array<[string, () => { args?: string[]; env: Record<string, string> }, RegExp]> = [
    ['missing webhook and user', () => ({ env: { ...stack.env, CONFIG_FILE: '', DB_PASSWORD: 'x' } }), /DISCORD_WEBHOOK_URL or \[discord\] new_user_activation_webhook: missing[\s\S]*DB_USER or \[database\] user: missing/],
    ['unreadable ini', () => ({ env: { ...stack.env, CONFIG_FILE: '/nonexistent/monitor.ini' } }), /config file not found or unreadable/],
    ['table prefix that is not an identifier', () => ({ env: { ...stack.env, DB_TABLE_PREFIX: 'x`; DROP TABLE y; --' } }), /DB_TABLE_PREFIX or \[database\] prefix: .* is not a valid table prefix: it contains .*punctuation/],
    ['table prefix too long for MariaDB', () => ({ env: { ...stack.env, DB_TABLE_PREFIX: 'p'.repeat(60) } }), /DB_TABLE_PREFIX or \[database\] prefix: .* it is 60 characters long, so with "_users" the table name would have 66, over MariaDB's 64-character limit/],
    ['non-numeric DB_PORT', () => ({ env: { ...stack.env, DB_PORT: 'abc' } }), /DB_PORT or \[database\] port/],
    ['webhook that is not http(s)', () => ({ env: { ...stack.env, DISCORD_WEBHOOK_URL: 'ftp://example.org/x' } }), /does not look like an http\(s\) URL/],
    ['bad poll interval', () => ({ env: { ...stack.env, SERVATRICE_POLL_INTERVAL: 'soon' } }), /SERVATRICE_POLL_INTERVAL: "soon" is not a duration/],
    ['missing DATABASE_URL', () => ({ env: { ...stack.env, DATABASE_URL: '' } }), /postgres/],
    ['unknown flag', () => ({ args: ['--frobnicate'], env: stack.env }), /unknown argument --frobnicate/],
    ['bad --backfill', () => ({ args: ['--backfill', 'lots'], env: stack.env }), /--backfill: "lots" is not a number/],
    ['invalid YAML in HERALD_CONFIG', () => {
      const file = join(stack.dir, 'bad.yaml');
      writeFileSync(file, 'servatrice: [unclosed');
      return { env: { ...stack.env, HERALD_CONFIG: file } };
    }, /HERALD_CONFIG: .*not valid YAML/],
  ];
  for (const [name, make, expected] of cases) {
    it(`servatrice-poller: ${name}`, async () => {
      const { args = [], env } = make();
      const { code, output } = await runApp('servatrice-poller', args, env);
      expect(output).toMatch(expected);
      expect(code).toBe(2);
      expect(output).not.toContain(stack.webhook.token);
      expect(output).not.toContain(stack.monitor.password);
    });
  }

  it('notifier: a bad concurrency names the variable the user set', async () => {
    const { code, output } = await runApp('notifier', [], { ...stack.env, NOTIFIER_CONCURRENCY: 'many' });
    expect(code).toBe(2);
    expect(output).toMatch(/config error: NOTIFIER_CONCURRENCY: /);
  });

  it('web: half-configured admin credentials are refused', async () => {
    const { code, output } = await runApp('web', [], { ...stack.env, HERALD_ADMIN_USER: 'admin' });
    expect(code).toBe(2);
    expect(output).toMatch(/config error: admin/);
  });

  it('servatrice-poller: an unreachable database is not a config error: it stays up, says so once, and stops cleanly', async () => {
    const closed = await freePort();
    // A source of its own: the failing source's health row must not meet the --dry-run test's.
    const poller = startApp('servatrice-poller', [], { ...stack.env, DB_PORT: String(closed), SERVATRICE_SOURCE: 'unreachable' });
    try {
      await poller.waitFor(/Servatrice database unavailable; retrying until it is back/);
      expect(poller.child.exitCode).toBeNull();
      expect(poller.text).not.toContain(stack.monitor.password);
    } finally {
      const { code } = await poller.kill('SIGTERM');
      expect(code).toBe(0);
    }
  });

  const settingsNoRetryFixes: Array<[string, () => Promise<Record<string, string>>, RegExp]> = [
    ['a wrong password', async () => ({ DB_PASSWORD: 'not-the-password' }), /config error: DB_USER or \[database\] user: access denied for user "mon/],
    ['an unknown database', async () => ({ DB_NAME: 'no_such_servatrice' }), /config error: DB_NAME or \[database\] database: /],
    ['a missing table (wrong prefix)', async () => ({ DB_TABLE_PREFIX: 'nope' }), /config error: DB_USER or \[database\] user: user "mon\w+" may not read `nope_users`, or it does not exist \(check DB_TABLE_PREFIX or \[database\] prefix\)/],
    ['a column the user may not read', async () => {
      const { admin, name, prefix } = stack.servatrice;
      const user = `narrow${Date.now() % 100000}`;
      for (const host of ['%', 'localhost']) {
        await admin.query(`CREATE USER '${user}'@'${host}' IDENTIFIED BY 'narrow-secret-pw'`);
        await admin.query(`GRANT SELECT (id, name) ON \`${name}\`.\`${prefix}_users\` TO '${user}'@'${host}'`);
        dropUsers.push(`DROP USER IF EXISTS '${user}'@'${host}'`);
      }
      return { DB_USER: user, DB_PASSWORD: 'narrow-secret-pw' };
    }, /config error: DB_USER or \[database\] user: user "narrow\d+" may not read all the columns Herald needs of `cockatrice_users`: GRANT SELECT \(id, name, realname, email, registrationDate\)/],
  ];
  for (const [name, env, expected] of settingsNoRetryFixes) {
    it(`servatrice-poller: ${name} stops start-up with exit 2, naming the setting, never the password`, async () => {
      const extra = await env();
      const { code, output } = await runApp('servatrice-poller', [], { ...stack.env, ...extra });
      expect(output).toMatch(expected);
      expect(code).toBe(2);
      expect(output).not.toContain(stack.monitor.password);
      if (extra.DB_PASSWORD) expect(output).not.toContain(extra.DB_PASSWORD);
    });
  }
});

describe('one-shot modes', () => {
  it('--test-webhook posts the test message and exits 0 without touching the database', async () => {
    const { code, output } = await runApp('servatrice-poller', ['--test-webhook'], { ...stack.env, DATABASE_URL: '', DB_USER: '', DB_PASSWORD: '' });
    expect(output).toMatch(/the webhook works/);
    expect(code).toBe(0);
    const last = stack.discord.messages().at(-1)!;
    expect(last.embeds[0]).toMatchObject({ title: 'Account monitor test', description: 'If you can see this, the webhook is configured correctly.' });
  });

  it('--test-webhook exits 1 when Discord refuses the webhook', async () => {
    const gone = stack.discord.createWebhook();
    stack.discord.deleteWebhook(gone.id);
    const { code } = await runApp('servatrice-poller', ['--test-webhook'], { ...stack.env, DISCORD_WEBHOOK_URL: gone.url });
    expect(code).toBe(1);
  });

  it('--dry-run shows the baseline it would take, then the accounts it would post, and writes nothing', async () => {
    const before = await runApp('servatrice-poller', ['--dry-run'], stack.env);
    expect(before.code).toBe(0);
    expect(before.output).toMatch(/\[dry-run\] first run: would record the baseline at id=\d+ and post nothing/);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: stack.pg.url });
    client.on('error', () => undefined); // the database is dropped with FORCE at teardown
    await client.connect();
    expect((await client.query(`SELECT count(*)::int AS n FROM source_cursors WHERE source_key = 'servatrice:default'`)).rows[0].n).toBe(0);
    // Take a baseline for real, then register an account and preview it.
    const poller = stack.start('servatrice-poller');
    await poller.waitFor(/baseline/);
    await poller.kill('SIGTERM');
    await stack.register('dry-run-dora');
    const messagesBefore = stack.discord.messages().length;
    const preview = await runApp('servatrice-poller', ['--dry-run'], stack.env);
    expect(preview.code).toBe(0);
    expect(preview.output).toMatch(/\[dry-run\] would post: id=\d+ name="?dry-run-dora/);
    expect(preview.output).not.toContain('dry-run-dora@example.org');
    expect((await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(0);
    await client.end();
    expect(stack.discord.messages().length).toBe(messagesBefore);
  });
});
