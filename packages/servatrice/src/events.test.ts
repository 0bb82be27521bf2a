import { parseEventPayload } from '@herald/contracts';
import { describe, expect, it } from 'vitest';
import { accountEvent } from './events.js';
import type { AccountRow } from './reader.js';

const row: AccountRow = { id: 42, name: 'alice', realName: '  Alice A.  ', email: 'alice@example.org', registrationDate: '2026-06-21T05:09:57.000Z' };
const epoch = Date.UTC(2026, 5, 21, 5, 9, 57) / 1000;

describe('accountEvent', () => {
  it('builds a registered event whose fingerprint includes the registration time', () => {
    const event = accountEvent(row, { source: 'main-server', showEmail: true, showRealName: true });
    expect(event).toEqual({
      fingerprint: `servatrice.main-server.account.42.${epoch}`,
      type: 'servatrice.account.registered',
      subject: 'alice',
      occurredAt: new Date('2026-06-21T05:09:57.000Z'),
      payload: { source: 'main-server', accountId: 42, name: 'alice', realName: 'Alice A.', email: 'alice@example.org', registeredAt: '2026-06-21T05:09:57.000Z' },
    });
    expect(parseEventPayload(event.type, event.payload)).toEqual(event.payload);
  });

  it('gives a reused id with a new registration time a new fingerprint', () => {
    const first = accountEvent(row, { source: 'default', showEmail: false, showRealName: false });
    const reused = accountEvent({ ...row, registrationDate: '2026-07-01T00:00:00.000Z' }, { source: 'default', showEmail: false, showRealName: false });
    expect(first.fingerprint).toBe(`servatrice.default.account.42.${epoch}`);
    expect(reused.fingerprint).toBe(`servatrice.default.account.42.${Date.UTC(2026, 6, 1) / 1000}`);
  });

  it('leaves personal data out unless allowed, and empty values out always', () => {
    const hidden = accountEvent(row, { source: 'default', showEmail: false, showRealName: false });
    expect(hidden.payload).toEqual({ source: 'default', accountId: 42, name: 'alice', registeredAt: row.registrationDate });
    const empty = accountEvent({ ...row, realName: '   ', email: '' }, { source: 'default', showEmail: true, showRealName: true });
    expect(empty.payload).not.toHaveProperty('realName');
    expect(empty.payload).not.toHaveProperty('email');
  });

  it('truncates real names to 1024 characters', () => {
    const event = accountEvent({ ...row, realName: 'x'.repeat(2000) }, { source: 'default', showEmail: false, showRealName: true });
    expect(event.payload.realName).toHaveLength(1024);
  });

  it('handles a zero registration date', () => {
    const event = accountEvent({ ...row, registrationDate: null }, { source: 'default', showEmail: false, showRealName: false });
    expect(event.occurredAt).toBeNull();
    expect(event.payload.registeredAt).toBeNull();
    expect(event.fingerprint).toBe('servatrice.default.account.42.0');
  });

  it('rejects a source name that cannot be part of a fingerprint', () => {
    expect(() => accountEvent(row, { source: 'my server', showEmail: false, showRealName: false })).toThrow(/source name/);
    expect(() => accountEvent(row, { source: '', showEmail: false, showRealName: false })).toThrow(/source name/);
  });
});
