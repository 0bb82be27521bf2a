import { describe, expect, it } from 'vitest';
import { runApp, type AppName } from './harness.js';

// Every app parses its command line with @herald/config's one parser before it reads any setting:
// `--help` answers even with no settings at all, and a mistyped option stops it (exit 2) instead of
// starting it for real. No settings are given, so an app that read them first would (also) name
// the missing DATABASE_URL: the messages below tell the two apart.
const apps: AppName[] = ['notifier', 'web', 'servatrice-poller', 'ibc-poller', 'reddit-poller'];

describe('every app parses its arguments first', () => {
  for (const app of apps) {
    it(`${app}: --help prints the usage and exits 0; -h too`, async () => {
      for (const flag of ['--help', '-h']) {
        const { code, output } = await runApp(app, [flag], {});
        expect(output).toMatch(new RegExp(`^Usage: ${app} `));
        expect(output).toContain('--check-config');
        expect(output).not.toMatch(/^(config error|fatal)/m);
        expect(code).toBe(0);
      }
    });

    it(`${app}: an unknown option is a config error naming it (exit 2), before any setting is read`, async () => {
      const { code, output } = await runApp(app, ['--check-confg'], {});
      expect(output).toMatch(/^config error: arguments: unknown argument --check-confg\nUsage: /);
      // The one problem: without its arguments parsed first, the missing settings would be named too.
      expect(output.match(/^config error: /gm)).toHaveLength(1);
      expect(code).toBe(2);
    });
  }

  it('notifier: --check-config checks the settings and connects to nothing', async () => {
    // Nothing listens on port 9: a notifier that started for real could not reach Postgres or Redis.
    const env = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/none', REDIS_URL: 'redis://127.0.0.1:9', DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/abcd' };
    const { code, output } = await runApp('notifier', ['--check-config'], env);
    expect(output).toBe('{"config":"ok"}\n');
    expect(code).toBe(0);
    const bad = await runApp('notifier', ['--check-config'], { ...env, NOTIFIER_CONCURRENCY: 'many' });
    expect(bad.output).toMatch(/^config error: NOTIFIER_CONCURRENCY: /);
    expect(bad.code).toBe(2);
  });
});
