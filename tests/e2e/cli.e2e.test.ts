import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStack, runApp, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await createStack();
});
afterAll(async () => {
  await stack.close();
});

describe('bad configuration stops start-up with exit code 2 and names the problem', () => {
  const cases: Array<[string, () => { args?: string[]; env: Record<string, string> }, RegExp]> = [
    ['missing webhook and user', () => ({ env: { ...stack.env, CONFIG_FILE: '', DB_PASSWORD: 'x' } }), /DISCORD_WEBHOOK_URL or \[discord\] new_user_activation_webhook: missing[\s\S]*DB_USER or \[database\] user: missing/],
    ['unreadable ini', () => ({ env: { ...stack.env, CONFIG_FILE: '/nonexistent/monitor.ini' } }), /config file not found or unreadable/],
    ['table prefix that is not an identifier', () => ({ env: { ...stack.env, DB_TABLE_PREFIX: 'x`; DROP TABLE y; --' } }), /DB_TABLE_PREFIX or \[database\] prefix: .* is not a valid table prefix/],
    ['non-numeric DB_PORT', () => ({ env: { ...stack.env, DB_PORT: 'abc' } }), /DB_PORT or \[database\] port/],
    ['webhook that is not http(s)', () => ({ env: { ...stack.env, DISCORD_WEBHOOK_URL: 'ftp://example.org/x' } }), /does not look like an http\(s\) URL/],
    ['bad poll interval', () => ({ env: { ...stack.env, SERVATRICE_POLL_INTERVAL: 'soon' } }), /servatrice\.pollInterval: "soon" is not a duration/],
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

  it('notifier: a bad concurrency names its key', async () => {
    const { code, output } = await runApp('notifier', [], { ...stack.env, NOTIFIER_CONCURRENCY: 'many' });
    expect(code).toBe(2);
    expect(output).toMatch(/config error: notifier\.concurrency/);
  });

  it('web: half-configured admin credentials are refused', async () => {
    const { code, output } = await runApp('web', [], { ...stack.env, HERALD_ADMIN_USER: 'admin' });
    expect(code).toBe(2);
    expect(output).toMatch(/config error: admin/);
  });

  it('servatrice-poller: an unreachable database exits 1 with a clear message and no password', async () => {
    const { code, output } = await runApp('servatrice-poller', [], { ...stack.env, DB_PORT: '1' });
    expect(code).toBe(1);
    expect(output).toMatch(/Database connection failed/);
    expect(output).not.toContain(stack.monitor.password);
  });
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
    expect((await client.query('SELECT count(*)::int AS n FROM source_cursors')).rows[0].n).toBe(0);
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
