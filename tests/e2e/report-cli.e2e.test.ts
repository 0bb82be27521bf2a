import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastWeek, weekWindow } from '@herald/reddit/reports';
import { seedReportFixture } from '@herald/reddit/reports/testing';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { repoRoot } from './harness.js';

const run = promisify(execFile);
const zone = 'America/Chicago';

/** `node apps/web/dist/main.js …` (the built app, as `pnpm --filter @herald/web report` runs it): its exit code and outputs. */
async function web(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(repoRoot, 'apps/web/dist/main.js'), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('web --report (the seed’s -report)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('herald_report_cli');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await seedReportFixture(client);
      // One comment in last week (the week of now − 7 days in the zone), a day after it starts.
      const start = weekWindow(lastWeek(new Date(), zone), { timezone: zone, leeway: 0 }).start;
      await client.query(
        `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ('lw1', 'carol', -321, '/r/test/comments/lw/t/lw1/', 'test', $1, 'last week')`,
        [new Date(start.getTime() + 86_400_000).toISOString().replace('T', ' ').replace('Z', '')],
      );
    } finally {
      await client.end();
    }
    env = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', HERALD_TIMEZONE: zone, LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await database.drop();
  });

  it('prints last week’s Markdown report and exits 0', async () => {
    const { code, stdout, stderr } = await web(['--report'], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\*\*1\*\* comments under -50 from /);
    expect(stdout).toContain('Score: **-321**');
    expect(stdout).toContain('> last week\n');
  });

  it('prints the week given with --week', async () => {
    const { code, stdout } = await web(['--report', '--week', '2019/36'], env);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('**8** comments under -50 from 02 Sep 19 00:00 CDT to 09 Sep 19 00:00 CDT.');
    expect(stdout).toContain('Top 5 total negative karma change:');
    expect(stdout.match(/^# \\#\d+$/gm)).toHaveLength(8);
  });

  it('exits 1 with "empty report" on stderr for a week without one', async () => {
    const { code, stdout, stderr } = await web(['--report', '--week', '2019/30'], env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('empty report\n');
  });

  it('refuses a week that does not exist, or --week alone, as a usage error (exit 2)', async () => {
    const bad = await web(['--report', '--week', '2019/53'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('config error: --week: Week must be between 1 and 52 for 2019.\n');
    const malformed = await web(['--report', '--week', 'last'], env);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('config error: --week: must be YEAR/WEEK (an ISO week), e.g. 2019/36; got "last"');
    const alone = await web(['--week', '2019/36'], env);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^config error: --week: only goes with --report\nUsage: web/);
  });
});
