import { describe, expect, it } from 'vitest';
import { DefaultExpiryThresholds, judgeExpiry, type ExpiryThresholds } from './expiry.js';
import { ibcSection } from './settings.js';
import type { ClientObservation } from './types.js';

const day = 86_400;
const host = new Date('2026-12-01T00:00:00Z');
/** A 14-day client last updated `ago` seconds before the host block time. */
const client = (ago: number, over: Partial<ClientObservation> = {}): ClientObservation => ({
  clientId: '07-tendermint-0',
  status: 'Active',
  trackedChainId: 'osmosis-1',
  trustingPeriodSeconds: 14 * day,
  latestHeight: '1-999',
  frozen: false,
  lastUpdateAt: new Date(host.getTime() - ago * 1000),
  ...over,
});

describe('judgeExpiry', () => {
  it('computes time left from the host block time: lastUpdate + trusting period − host time, in UTC', () => {
    const judged = judgeExpiry(client(4 * day), host);
    expect(judged).toMatchObject({ state: 'ok', secondsLeft: 10 * day, expiresAt: new Date('2026-12-11T00:00:00Z') });
    expect(judged.percentLeft).toBeCloseTo((10 / 14) * 100, 1);
  });

  it('judges by the host chain clock, not the wall clock', () => {
    const halted = new Date('2026-01-01T00:00:00Z'); // a host chain whose block time is far behind ours
    const observation = client(0, { lastUpdateAt: new Date('2025-12-31T00:00:00Z') });
    expect(judgeExpiry(observation, halted)).toMatchObject({ state: 'ok', secondsLeft: 13 * day });
  });

  it('is warning from 80% of the trusting period elapsed (the seed default), critical with 24 h or less left', () => {
    const tp = 14 * day;
    expect(judgeExpiry(client(Math.ceil(0.8 * tp) - 1), host).state).toBe('ok');
    expect(judgeExpiry(client(Math.ceil(0.8 * tp)), host).state).toBe('warning');
    expect(judgeExpiry(client(tp - day - 1), host).state).toBe('warning');
    expect(judgeExpiry(client(tp - day), host).state).toBe('critical');
  });

  it('follows configured thresholds', () => {
    const thresholds = { warningElapsed: 0.5, criticalLeftMs: 3 * day * 1000 };
    expect(judgeExpiry(client(6 * day), host, thresholds).state).toBe('ok');
    expect(judgeExpiry(client(7 * day), host, thresholds).state).toBe('warning');
    expect(judgeExpiry(client(11 * day), host, thresholds).state).toBe('critical');
  });

  it('does not call a short-trusting-period client critical right after its update (critical needs the warning condition)', () => {
    const short = { trustingPeriodSeconds: 10 * 3600 };
    expect(judgeExpiry(client(60, short), host).state).toBe('ok');
    expect(judgeExpiry(client(8 * 3600, short), host).state).toBe('critical');
  });

  it('takes ibc-go status as the authority', () => {
    expect(judgeExpiry(client(15 * day, { status: 'Expired' }), host)).toMatchObject({ state: 'expired', secondsLeft: -day, percentLeft: 0 });
    expect(judgeExpiry(client(day, { status: 'Frozen' }), host).state).toBe('frozen');
    expect(judgeExpiry(client(day, { frozen: true }), host).state).toBe('frozen');
    // Active but past its expiry by the host time we read: the status query saw another height; the next poll reads Expired.
    expect(judgeExpiry(client(14 * day + 5), host)).toMatchObject({ state: 'critical', secondsLeft: -5 });
  });

  it('is unknown when the status is not Active or the timing cannot be read', () => {
    expect(judgeExpiry(client(day, { status: 'Unknown' }), host)).toMatchObject({ state: 'unknown', reason: 'client status Unknown' });
    expect(judgeExpiry(client(day, { status: 'Unauthorized' }), host).state).toBe('unknown');
    expect(judgeExpiry(client(day, { lastUpdateAt: null }), host)).toMatchObject({ state: 'unknown', secondsLeft: null, percentLeft: null, expiresAt: null });
    expect(judgeExpiry(client(day, { trustingPeriodSeconds: null }), host).state).toBe('unknown');
  });

  it('judges an unconfigured poller (the ibc section\'s defaults) as judgeExpiry\'s own defaults, the seed\'s 80 % and 24 h', () => {
    const { thresholds } = ibcSection.parse({});
    // As the ibc-poller hands them over (apps/ibc-poller/src/run.ts).
    const configured = { warningElapsed: thresholds.warningElapsed, criticalLeftMs: thresholds.criticalLeft };
    const tp = 14 * day;
    const ages = [0, Math.ceil(0.8 * tp) - 1, Math.ceil(0.8 * tp), tp - day - 1, tp - day, tp + 5];
    const states = (t?: ExpiryThresholds) => ages.map((ago) => judgeExpiry(client(ago), host, t).state);
    expect(states()).toEqual(['ok', 'ok', 'warning', 'warning', 'critical', 'critical']);
    expect(states(configured)).toEqual(states());
    expect(states(DefaultExpiryThresholds)).toEqual(states());
  });
});
