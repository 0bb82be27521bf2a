import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyEnvOverrides, duration, flag, formatDurationMs, mentioning, parseConfig, parseDurationMs, ConfigErrors } from './index.js';

describe('durations', () => {
  it('accepts milliseconds and unit strings', () => {
    expect(parseDurationMs('1500')).toBe(1500);
    expect(parseDurationMs('2s')).toBe(2000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('2 seconds')).toBeUndefined();
  });
  it('names the key of a bad duration', () => {
    const schema = z.object({ servatrice: z.object({ pollInterval: duration({ min: 100 }) }) });
    expect(() => parseConfig(schema, { servatrice: { pollInterval: 'soon' } })).toThrow(/servatrice\.pollInterval: "soon" is not a duration/);
    expect(() => parseConfig(schema, { servatrice: { pollInterval: '10ms' } })).toThrow(/at least 100ms/);
  });
  it("says what a duration must be in the settings' own units, with the value as written", () => {
    const schema = z.object({ retention: z.object({ interval: duration({ min: 60_000, max: 86_400_000 }) }) });
    const message = (interval: unknown, env: Record<string, string> = {}) => {
      try {
        parseConfig(schema, applyEnvOverrides({ retention: { interval } }, env, { RETENTION_INTERVAL: 'retention.interval' }));
        return undefined;
      } catch (error) {
        return (error as ConfigErrors).message;
      }
    };
    expect(message(undefined, { RETENTION_INTERVAL: '30s' })).toBe('RETENTION_INTERVAL: must be at least 1m (got 30s)');
    expect(message('1d1s')).toBe('retention.interval: must be at most 1d (got 1d1s)');
    expect(message(59_999)).toBe('retention.interval: must be at least 1m (got 59999)');
    expect(message('1m')).toBeUndefined();
    expect(duration({ min: 60_000, or: '0 to turn it off' }).safeParse('1s').error?.issues[0]?.message).toBe('must be at least 1m, or 0 to turn it off (got 1s)');
  });
  it('formats milliseconds as a duration setting is written, which parses back to the same value', () => {
    const cases: Array<[number, string]> = [[0, '0'], [1, '1ms'], [100, '100ms'], [1000, '1s'], [1500, '1s500ms'], [60_000, '1m'], [90_000, '1m30s'], [3_600_000, '1h'], [5_400_000, '1h30m'], [86_400_000, '1d'], [90 * 86_400_000, '90d'], [86_400_000 + 1, '1d1ms'], [0.5, '0.5ms']];
    for (const [ms, text] of cases) {
      expect(formatDurationMs(ms)).toBe(text);
      expect(parseDurationMs(text)).toBe(ms);
    }
  });
});

describe('problems that mention another setting', () => {
  const schema = z.object({
    retention: z
      .object({ events: z.string(), deliveries: z.string() })
      .superRefine((r, ctx) => {
        if (r.deliveries > r.events) ctx.addIssue({ code: 'custom', path: ['deliveries'], message: 'must not be after retention.events (see retention.eventsKept)', params: mentioning('retention.events') });
      }),
  });
  const message = (input: Record<string, unknown>) => {
    try {
      parseConfig(schema, input);
      return undefined;
    } catch (error) {
      return (error as ConfigErrors).message;
    }
  };
  it('names the mentioned setting as the user wrote it: the variable that set it, else its path', () => {
    const fromEnv = applyEnvOverrides({ retention: { deliveries: 'b' } }, { RETENTION_EVENTS: 'a' }, { RETENTION_EVENTS: 'retention.events' });
    expect(message(fromEnv)).toBe('retention.deliveries: must not be after RETENTION_EVENTS (see retention.eventsKept)');
    expect(message({ retention: { events: 'a', deliveries: 'b' } })).toBe('retention.deliveries: must not be after retention.events (see retention.eventsKept)');
  });
  it('takes the key prefix off a mentioned path when a section is parsed on its own', () => {
    const section = schema.shape.retention;
    const input = applyEnvOverrides({ deliveries: 'b' }, { RETENTION_EVENTS: 'a' }, { RETENTION_EVENTS: 'events' });
    expect(() => parseConfig(section, input, 'retention')).toThrow('retention.deliveries: must not be after RETENTION_EVENTS (see retention.eventsKept)');
  });
});

describe('env overrides', () => {
  it('override only when non-empty and create missing sections', () => {
    const out = applyEnvOverrides({ a: { b: 'file' } }, { X: '', Y: 'env' }, { X: 'a.b', Y: 'c.d' });
    expect(out).toEqual({ a: { b: 'file' }, c: { d: 'env' } });
  });
  it('flags parse like the seed (1/true/yes)', () => {
    expect(flag().parse('YES')).toBe(true);
    expect(flag().parse('0')).toBe(false);
    expect(() => flag().parse('maybe')).toThrow();
  });
});

describe('config errors', () => {
  it('reports every problem at once', () => {
    const schema = z.object({ a: z.string(), b: z.number() });
    try {
      parseConfig(schema, {});
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigErrors).errors.map((e) => e.key)).toEqual(['a', 'b']);
    }
  });
});

describe('Herald settings file', () => {
  it('refuses an unknown section and an unknown key inside a section, naming them', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadHeraldSettings, redisSection } = await import('./index.js');
    const dir = mkdtempSync(join(tmpdir(), 'herald-config-'));
    writeFileSync(join(dir, 'typo.yaml'), 'servatrce:\n  pollInterval: 2s\n');
    expect(() => loadHeraldSettings({ HERALD_CONFIG: join(dir, 'typo.yaml') })).toThrow(/servatrce: unknown section/);
    expect(() => parseConfig(z.object({ redis: redisSection }), { redis: { url: 'redis://x:6379', prefx: 'a' } })).toThrow(/redis: Unrecognized key: "prefx"/);
  });
});
