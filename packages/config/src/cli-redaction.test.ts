import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, ConfigErrors, describeFailure, exitWith } from './index.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const hook = 'https://discord.com/api/webhooks/123456789012345678/hook-secret';

/** What exitWith writes and the code it exits with, without ending the test run. */
function exitOf(error: unknown): { stderr: string; code: number | undefined } {
  let stderr = '';
  let code: number | undefined;
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process, 'exit').mockImplementation((c) => {
    code = Number(c);
    throw new Error('exited');
  });
  expect(() => exitWith(error)).toThrow('exited');
  vi.restoreAllMocks();
  return { stderr, code };
}

/** Runs `code` (TypeScript, an ES module) in a fresh Node with @herald/* from source, as an app would run. */
async function runScript(code: string): Promise<{ stderr: string; code: number }> {
  try {
    const { stderr } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '--eval', code], { cwd: packageDir, timeout: 30_000 });
    return { stderr, code: 0 };
  } catch (error) {
    const failed = error as { stderr: string; code: number };
    return { stderr: failed.stderr, code: failed.code };
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the fatal path of every command (exitWith)', () => {
  it('prints a failure redacted: its stack, its causes, and every secret shape in them', () => {
    const root = new Error('connect ECONNREFUSED postgres://herald@db/herald?password=cause-secret for admin@example.org');
    const error = new Error(`poll failed: host=db password=conninfo-secret posted to ${hook} with authorization: bearer lower-secret`, { cause: root });
    const { stderr, code } = exitOf(error);
    expect(code).toBe(1);
    for (const secret of ['cause-secret', 'admin@example.org', 'conninfo-secret', 'hook-secret', 'lower-secret']) expect(stderr).not.toContain(secret);
    expect(stderr).toMatch(/^fatal: Error: poll failed: host=db password=\*\*\* posted to https:\/\/discord\.com\/api\/webhooks\/123456789012345678\/\*\*\* with authorization: bearer \*\*\*\n {4}at /);
    expect(stderr).toContain('\n[cause]: Error: connect ECONNREFUSED postgres://herald@db/herald?password=*** for [email]\n');
    expect(stderr.endsWith('\n')).toBe(true);
  });

  it('prints something thrown that is not an Error, redacted by key and by value', () => {
    expect(describeFailure({ password: 'object-secret', url: 'postgres://u:url-secret@h/db' })).toBe('fatal: {"password":"***","url":"postgres://u:***@h/db"}\n');
    expect(describeFailure('DB_PASS=string-secret')).toBe('fatal: DB_PASS=***\n');
  });

  it('prints config errors redacted, one line each, and exits 2', () => {
    const errors = new ConfigErrors([
      new ConfigError('DATABASE_URL', 'cannot connect to postgres://herald:url-secret@db/herald'),
      new ConfigError('discord.webhook_url', `"${hook}" is not a channel's webhook`),
      new ConfigError('DISCORD_WEBHOOK_URL', 'must be a URL'),
    ]);
    const { stderr, code } = exitOf(errors);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'config error: DATABASE_URL: cannot connect to postgres://herald:***@db/herald\n' +
        'config error: discord.webhook_url: "***" is not a channel\'s webhook\n' +
        'config error: DISCORD_WEBHOOK_URL: must be a URL\n',
    );
  });

  it('runs in a real process: a start-up failure and a later unhandled rejection reach stderr redacted, exit 1', async () => {
    const atStart = await runScript(`
      import { runMain } from '@herald/config';
      await runMain(async () => { throw new Error('cannot reach postgres://u@db/herald?sslpassword=start-secret'); });
    `);
    expect(atStart.code).toBe(1);
    expect(atStart.stderr).not.toContain('start-secret');
    expect(atStart.stderr).toMatch(/^fatal: Error: cannot reach postgres:\/\/u@db\/herald\?sslpassword=\*\*\*\n/);

    const later = await runScript(`
      import { runMain } from '@herald/config';
      await runMain(async () => { setTimeout(() => void Promise.reject(new Error('lost token=later-secret')), 10); });
    `);
    expect(later.code).toBe(1);
    expect(later.stderr).not.toContain('later-secret');
    expect(later.stderr).toMatch(/^fatal: Error: lost token=\*\*\*\n/);
  });
});
