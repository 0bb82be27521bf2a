import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/abcd' };

describe('notifier config: the invalid request budget', () => {
  it('defaults to a 10-minute window, slowing at 2500 and stopping at 5000', () => {
    expect(loadConfig(base).notifier.invalidRequests).toEqual({ windowMs: 600_000, slowAt: 2500, stopAt: 5000 });
  });

  it('reads the environment', () => {
    const env = { ...base, NOTIFIER_INVALID_REQUEST_WINDOW: '5s', NOTIFIER_INVALID_REQUEST_SLOW_AT: '3', NOTIFIER_INVALID_REQUEST_STOP_AT: '6' };
    expect(loadConfig(env).notifier.invalidRequests).toEqual({ windowMs: 5000, slowAt: 3, stopAt: 6 });
  });

  it('refuses thresholds at or past Discord’s ban, or slowing after stopping', () => {
    expect(() => loadConfig({ ...base, NOTIFIER_INVALID_REQUEST_STOP_AT: '10000' })).toThrow(/notifier\.invalidRequests\.stopAt/);
    expect(() => loadConfig({ ...base, NOTIFIER_INVALID_REQUEST_SLOW_AT: '6000' })).toThrow(/notifier\.invalidRequests\.slowAt/);
  });
});
