import { describe, expect, it } from 'vitest';
import { fingerprint, jobIdFor, parseJobData, parseEventPayload } from './index.js';

describe('fingerprint', () => {
  it('joins safe segments with dots', () => {
    expect(fingerprint('servatrice', 'default', 'account', 42, 1700000000)).toBe('servatrice.default.account.42.1700000000');
  });
  it('refuses segments that would make an invalid job id', () => {
    expect(() => fingerprint('a:b')).toThrow(/must match/);
    expect(() => fingerprint('a.b')).toThrow(/must match/);
  });
  it('job ids never contain a colon nor are plain integers', () => {
    expect(jobIdFor('ev', 'x.1')).toBe('ev.x.1');
    // BullMQ keys jobs with colons and reads a plain integer id as its own counter's: both are refused.
    expect(() => jobIdFor('ev', 'a:b')).toThrow('invalid job id ev.a:b');
    expect(() => jobIdFor('ev:x', '1')).toThrow('invalid job id ev:x.1');
    // Digits on both sides still make a dotted id, never a plain integer.
    const numeric = jobIdFor('1', '2');
    expect(numeric).toBe('1.2');
    expect(numeric).not.toMatch(/^\d+$/);
  });
});

describe('catalogue validation', () => {
  it('rejects a deliver job without a decimal event id', () => {
    expect(() => parseJobData('events.deliver', { events: [{ eventId: 'abc', fingerprint: 'f' }], destinations: [1] })).toThrow(/decimal id/);
    expect(() => parseJobData('events.deliver', { events: [], destinations: [1] })).toThrow();
    const data = { events: [{ eventId: '12', fingerprint: 'f' }], destinations: [1] };
    expect(parseJobData('events.deliver', data)).toEqual(data);
  });
  it('rejects an account event with a malformed timestamp', () => {
    expect(() =>
      parseEventPayload('servatrice.account.registered', { source: 'a', accountId: 1, name: 'x', registeredAt: 'yesterday' }),
    ).toThrow();
  });
});
