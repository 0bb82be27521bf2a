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
    expect(() => jobIdFor('1', '2').replace('.', '')).not.toThrow();
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
