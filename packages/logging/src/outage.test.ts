import { describe, expect, it } from 'vitest';
import { captureLogs } from './capture.js';
import { createOutageReporter } from './outage.js';

describe('createOutageReporter', () => {
  it('logs an outage once when it starts, briefly while it lasts, and once when it ends', async () => {
    const { lines, logger } = captureLogs('t');
    let clock = 0;
    const outage = createOutageReporter({ logger, what: 'Postgres', remindEveryMs: 10_000, now: () => clock, context: { source: 'x' } });
    outage.succeeded(); // healthy: nothing to say
    for (let i = 0; i < 30; i++) {
      outage.failed(new Error(`connect ECONNREFUSED postgresql://herald:secret@127.0.0.1:5432/herald`));
      clock += 1000;
    }
    expect(outage.state.failures).toBe(30);
    expect(outage.state.since).toEqual(new Date(0));
    outage.succeeded();
    expect(outage.state).toEqual({ since: null, failures: 0, lastError: null });
    await new Promise((r) => setImmediate(r));
    const messages = lines.map((l) => l.msg);
    expect(messages).toEqual(['Postgres unavailable; retrying until it is back', 'Postgres still unavailable', 'Postgres still unavailable', 'Postgres is back']);
    expect(lines[0]).toMatchObject({ level: 50, source: 'x' });
    expect(lines[3]).toMatchObject({ level: 30, failures: 30, downForSeconds: 30 });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
