import type { IbcClientState } from '@herald/contracts';
import { describe, expect, it } from 'vitest';
import { decideClientTransition, type StoredAlertState } from './transitions.js';

const t0 = new Date('2026-12-01T00:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const stored = (state: IbcClientState, more: Partial<StoredAlertState> = {}): StoredAlertState => ({ state, alertedState: null, stateSince: t0, lastReminderAt: null, ...more });
const kindOf = (prior: IbcClientState, judged: IbcClientState) => decideClientTransition(stored(prior), judged, at(1), 0).event?.kind ?? null;

describe('decideClientTransition', () => {
  it('alerts when a client gets worse, once per transition', () => {
    expect(kindOf('ok', 'warning')).toBe('warning');
    expect(kindOf('ok', 'critical')).toBe('critical');
    expect(kindOf('warning', 'critical')).toBe('critical');
    expect(kindOf('critical', 'expired')).toBe('expired');
    expect(kindOf('ok', 'frozen')).toBe('frozen');
    for (const state of ['ok', 'warning', 'critical', 'expired', 'frozen'] as const) expect(kindOf(state, state)).toBeNull();
  });

  it('stores critical → warning silently (e.g. a threshold change)', () => {
    const next = decideClientTransition(stored('critical', { alertedState: 'critical' }), 'warning', at(1), 0);
    expect(next).toMatchObject({ state: 'warning', changed: true, event: null, alertedState: 'critical' });
  });

  it('resolves warning/critical → ok with the severity of the worst state alerted', () => {
    expect(decideClientTransition(stored('warning', { alertedState: 'warning' }), 'ok', at(1), 0).event).toEqual({ kind: 'resolved', from: 'warning', to: 'ok', severity: 'warning' });
    expect(decideClientTransition(stored('warning', { alertedState: 'critical' }), 'ok', at(1), 0).event).toMatchObject({ kind: 'resolved', severity: 'critical' });
    expect(decideClientTransition(stored('critical', { alertedState: 'critical' }), 'ok', at(1), 0)).toMatchObject({ state: 'ok', alertedState: null });
  });

  it('announces a governance revival (expired/frozen → Active) as reactivated', () => {
    expect(decideClientTransition(stored('expired', { alertedState: 'expired' }), 'ok', at(1), 0).event).toEqual({ kind: 'reactivated', from: 'expired', to: 'ok', severity: 'critical' });
    expect(kindOf('frozen', 'ok')).toBe('reactivated');
    expect(decideClientTransition(stored('expired'), 'warning', at(1), 0)).toMatchObject({ state: 'warning', alertedState: 'warning', event: { kind: 'reactivated' } });
  });

  it('never turns an unreadable client into a change: unknown keeps the judged state', () => {
    for (const state of ['ok', 'warning', 'critical', 'expired', 'frozen'] as const) {
      expect(decideClientTransition(stored(state), 'unknown', at(1), 0)).toMatchObject({ state, changed: false, event: null });
    }
  });

  it('records a client first seen ok silently, and alerts once for one first seen in trouble', () => {
    expect(decideClientTransition(stored('unknown'), 'ok', at(1), 0)).toMatchObject({ state: 'ok', changed: true, event: null });
    expect(decideClientTransition(stored('unknown'), 'warning', at(1), 0).event).toMatchObject({ kind: 'warning', from: 'unknown', to: 'warning' });
    expect(kindOf('unknown', 'expired')).toBe('expired');
    expect(kindOf('unknown', 'unknown')).toBeNull();
  });

  it('reminds every interval while critical, and not when reminders are off', () => {
    const critical = stored('critical', { alertedState: 'critical', stateSince: t0 });
    expect(decideClientTransition(critical, 'critical', at(59), 60 * 60_000).event).toBeNull();
    const first = decideClientTransition(critical, 'critical', at(60), 60 * 60_000);
    expect(first).toMatchObject({ lastReminderAt: at(60), event: { kind: 'reminder', from: 'critical', to: 'critical', severity: 'critical' } });
    const after = { ...critical, lastReminderAt: first.lastReminderAt };
    expect(decideClientTransition(after, 'critical', at(119), 60 * 60_000).event).toBeNull();
    expect(decideClientTransition(after, 'critical', at(120), 60 * 60_000).event?.kind).toBe('reminder');
    expect(decideClientTransition(critical, 'critical', at(10_000), 0).event).toBeNull();
    expect(decideClientTransition(stored('warning'), 'critical', at(1), 60_000).lastReminderAt).toBeNull();
  });

  it('gives alerts the severity of their state', () => {
    expect(decideClientTransition(stored('ok'), 'warning', at(1), 0).event?.severity).toBe('warning');
    expect(decideClientTransition(stored('ok'), 'critical', at(1), 0).event?.severity).toBe('critical');
    expect(decideClientTransition(stored('ok'), 'expired', at(1), 0).event?.severity).toBe('critical');
  });
});
