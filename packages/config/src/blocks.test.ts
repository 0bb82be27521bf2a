import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyEnvOverrides, duration, flag, parseConfig, parseDurationMs, ConfigErrors } from './index.js';

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
