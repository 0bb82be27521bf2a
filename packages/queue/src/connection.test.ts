import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '@herald/logging/testing';
import { createRedis, reportRedisOutages } from './connection.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('reportRedisOutages', () => {
  it('logs a connection that cannot reach Redis once (not each retry) as JSON, instead of ioredis printing raw lines', async () => {
    const { logger, lines } = captureLogs();
    const redis = reportRedisOutages(createRedis(`redis://127.0.0.1:${await closedPort()}`, 'worker'), logger, 'Redis (test)');
    let errors = 0;
    redis.on('error', () => (errors += 1));
    try {
      await expect.poll(() => errors, { timeout: 10_000, interval: 50 }).toBeGreaterThanOrEqual(3);
    } finally {
      redis.disconnect();
    }
    expect(lines.filter((l) => l.msg === 'Redis (test) unavailable; retrying until it is back')).toHaveLength(1);
  });
});
