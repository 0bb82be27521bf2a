// What `npm start` makes of its children's output besides the apps' log lines (scripts/lib/child-output.mjs):
// the demo's stand-ins' activity as the apps' log lines, the migration step's report as one line of progress.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@herald/logging';
import { describe, expect, it } from 'vitest';
import { logFormatOf, migrationSummary, standInActivityLog } from '../scripts/lib/child-output.mjs';

/** The lines `standInActivityLog` hands on for `texts` logged by the stand-in `name`, once pino has written them. */
async function logged(format: 'json' | 'pretty', name: string, texts: string[]): Promise<string[]> {
  const written: string[] = [];
  const log = standInActivityLog(createLogger, format)(name, (line) => written.push(line));
  for (const text of texts) log(text);
  // pino-pretty writes through a stream: give it its turn.
  await new Promise((resolve) => setImmediate(resolve));
  return written;
}

describe("the demo's stand-ins' activity, as the apps' log lines", () => {
  it('piped: one JSON log entry a line with the fields of the apps\' lines (level, time, app, msg), redacted as theirs', async () => {
    const lines = await logged('json', 'cosmos', ['relayer updated client 07-tendermint-0 on demo-hub-1', 'posted to https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV']);
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 30, app: 'cosmos', msg: 'relayer updated client 07-tendermint-0 on demo-hub-1' });
    expect(new Date(first!.time as string).toISOString()).toBe(first!.time);
    expect(second!.msg).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it('on a terminal: the short pretty line of the apps (time, level, message)', async () => {
    const [line, ...more] = await logged('pretty', 'reddit-sim', ['the comment t1_10a0css by /u/DownvoteDan is at -85']);
    expect(more).toEqual([]);
    // Colours only where pino-pretty finds a terminal: compare the text.
    expect(line!.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: the comment t1_10a0css by \/u\/DownvoteDan is at -85$/);
  });

  it("follows the apps' log format: LOG_FORMAT or log.format when json or pretty, else the terminal decides", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-log-format-'));
    try {
      const settings = join(dir, 'herald.yaml');
      writeFileSync(settings, 'log: { format: json }\n');
      expect(await logFormatOf({}, true)).toBe('pretty');
      expect(await logFormatOf({}, false)).toBe('json');
      expect(await logFormatOf({ LOG_FORMAT: 'json' }, true)).toBe('json');
      expect(await logFormatOf({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
      expect(await logFormatOf({ LOG_FORMAT: 'auto' }, false)).toBe('json');
      expect(await logFormatOf({ HERALD_CONFIG: settings }, true)).toBe('json');
      expect(await logFormatOf({ HERALD_CONFIG: settings, LOG_FORMAT: '' }, true)).toBe('json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the migration step's report, as one line of progress", () => {
  it('counts what was applied and what already was', () => {
    const report = (applied: string[], alreadyApplied: number) => JSON.stringify({ msg: 'migrations applied', applied, alreadyApplied });
    expect(migrationSummary(`${report(['0001_init', '0002_more'], 0)}\n`)).toBe('2 migrations applied');
    expect(migrationSummary(`${report(['0003_x'], 1)}\n`)).toBe('1 migration applied (1 already was)');
    expect(migrationSummary(`${report(['0003_x', '0004_y'], 10)}\n`)).toBe('2 migrations applied (10 already were)');
    expect(migrationSummary(`${report([], 12)}\n`)).toBe('the schema is current (12 migrations)');
  });

  it('reads the report as a log line too (level, time), among other lines, and says nothing without one', () => {
    const line = JSON.stringify({ level: 30, time: '2026-01-01T00:00:00.000Z', app: 'migrate', msg: 'migrations applied', applied: [], alreadyApplied: 3 });
    expect(migrationSummary(`{"level":30,"msg":"connecting"}\n${line}\n`)).toBe('the schema is current (3 migrations)');
    expect(migrationSummary('')).toBeUndefined();
    expect(migrationSummary('[12:00:00.000] INFO: migrations applied\n')).toBeUndefined();
  });
});
