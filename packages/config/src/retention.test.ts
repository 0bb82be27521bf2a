import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigErrors } from './errors.js';
import { parseConfig } from './load.js';
import { retentionSection } from './retention.js';

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

  it('names the setting when an age is malformed or a table would outlive the one it belongs to', () => {
    const problems = (input: unknown) => {
      try {
        parse(input);
        return [];
      } catch (error) {
        return (error as ConfigErrors).errors.map((e) => e.message);
      }
    };
    expect(problems({ events: '3 months' })).toEqual([expect.stringMatching(/^retention\.events: "3 months" is not a duration .*0\/off to keep forever/)]);
    expect(problems({ events: '30d', deliveries: '60d', attempts: '10d' })).toEqual([expect.stringMatching(/^retention\.deliveries: must not be longer than retention\.events/)]);
    expect(problems({ deliveries: 'off', attempts: '10d' })).toEqual([expect.stringMatching(/^retention\.deliveries: must not be longer/)]);
    expect(problems({ attempts: '100d' })).toEqual([expect.stringMatching(/^retention\.attempts: must not be longer than retention\.deliveries/)]);
    expect(problems({ batchSize: 5 })).toHaveLength(1);
    expect(problems({ typo: '1d' })).toHaveLength(1);
  });
});
