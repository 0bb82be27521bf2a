import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigErrors } from './errors.js';
import { applyEnvOverrides, parseConfig } from './load.js';
import { retentionEnvMapping, retentionSection } from './retention.js';

const schema = z.object({ retention: retentionSection });
const parse = (retention: unknown) => parseConfig(schema, retention === undefined ? {} : { retention }).retention;
const day = 86_400_000;

describe('retention settings', () => {
  it('defaults to 90 days of events and deliveries, 30 of attempts and personal data, hourly runs of 1,000-row batches', () => {
    expect(parse(undefined)).toEqual({ events: 90 * day, deliveries: 90 * day, attempts: 30 * day, personalData: 30 * day, interval: 3_600_000, batchSize: 1000 });
  });

  it('reads ages as durations, and 0/off/never/forever as keep forever', () => {
    expect(parse({ events: '180d', deliveries: '180d', attempts: '1d12h', personalData: '12h' })).toMatchObject({ events: 180 * day, deliveries: 180 * day, attempts: 1.5 * day, personalData: 12 * 3_600_000 });
    expect(parse({ events: 'off', deliveries: 'Off', attempts: '0', personalData: false })).toMatchObject({ events: null, deliveries: null, attempts: null, personalData: null });
    expect(parse({ events: 'never', deliveries: 'FOREVER', attempts: 0 })).toMatchObject({ events: null, deliveries: null, attempts: null });
  });

  it('cuts the default of deliveries and attempts to the table they belong to: RETENTION_EVENTS=1d alone is fine', () => {
    expect(parse({ events: '1d' })).toMatchObject({ events: day, deliveries: day, attempts: day });
    expect(parse({ events: '60d' })).toMatchObject({ events: 60 * day, deliveries: 60 * day, attempts: 30 * day });
    expect(parse({ deliveries: '10d' })).toMatchObject({ events: 90 * day, deliveries: 10 * day, attempts: 10 * day });
    expect(parse({ events: 'off' })).toMatchObject({ events: null, deliveries: 90 * day, attempts: 30 * day });
    expect(parse({ events: 'off', deliveries: 'off' })).toMatchObject({ events: null, deliveries: null, attempts: 30 * day });
    expect(fromEnv({ RETENTION_EVENTS: '1d' })).toMatchObject({ events: day, deliveries: day, attempts: day });
  });

  it('names the setting when an age is malformed or a table set to outlive the one it belongs to', () => {
    expect(problems({ events: '3 months' })).toEqual([expect.stringMatching(/^retention\.events: "3 months" is not a duration .*0\/off to keep forever/)]);
    expect(problems({ events: '30d', deliveries: '60d', attempts: '10d' })).toEqual(['retention.deliveries: 60d is longer than retention.events (30d): a delivery is deleted with its event']);
    expect(problems({ deliveries: 'off', attempts: '10d' })).toEqual([
      'retention.deliveries: keeping rows forever is longer than retention.events (RETENTION_EVENTS), 90d by default: a delivery is deleted with its event',
    ]);
    expect(problems({ attempts: '100d' })).toEqual([
      'retention.attempts: 100d is longer than retention.deliveries (RETENTION_DELIVERIES), 90d by default: an attempt is deleted with its delivery',
    ]);
    expect(problems({ events: '1d', attempts: '2d' })).toEqual([
      'retention.attempts: 2d is longer than retention.deliveries (RETENTION_DELIVERIES), 1d by default: an attempt is deleted with its delivery',
    ]);
    expect(problems({ batchSize: 5 })).toHaveLength(1);
    expect(problems({ typo: '1d' })).toHaveLength(1);
  });

  it('names both settings as the user wrote them: the variable that set one, else its path in the file', () => {
    expect(envProblems({ RETENTION_EVENTS: '30d', RETENTION_DELIVERIES: '60d' })).toEqual(['RETENTION_DELIVERIES: 60d is longer than RETENTION_EVENTS (30d): a delivery is deleted with its event']);
    expect(envProblems({ RETENTION_EVENTS: '30d' }, { deliveries: '60d' })).toEqual(['retention.deliveries: 60d is longer than RETENTION_EVENTS (30d): a delivery is deleted with its event']);
    expect(envProblems({ RETENTION_ATTEMPTS: '45d' }, { deliveries: '40d' })).toEqual(['RETENTION_ATTEMPTS: 45d is longer than retention.deliveries (40d): an attempt is deleted with its delivery']);
  });

  it("says what is wrong with an age or the interval in the settings' units, not in milliseconds", () => {
    expect(envProblems({ RETENTION_INTERVAL: '30s' })).toEqual(['RETENTION_INTERVAL: must be at least 1m (got 30s)']);
    expect(envProblems({ RETENTION_EVENTS: '30s' })).toEqual(['RETENTION_EVENTS: must be at least 1m, or 0/off to keep forever (got 30s)']);
  });
});

function problems(input: unknown): string[] {
  try {
    parse(input);
    return [];
  } catch (error) {
    return (error as ConfigErrors).errors.map((e) => e.message);
  }
}

/** The section as the notifier reads it: `file` (the YAML's `retention:`) under the environment. */
function fromEnv(env: Record<string, string>, file: Record<string, unknown> = {}) {
  return parseConfig(schema, applyEnvOverrides({ retention: { ...file } }, env, retentionEnvMapping)).retention;
}

function envProblems(env: Record<string, string>, file: Record<string, unknown> = {}): string[] {
  try {
    fromEnv(env, file);
    return [];
  } catch (error) {
    return (error as ConfigErrors).errors.map((e) => e.message);
  }
}
