import type { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueName, type JobData } from '@herald/contracts';
import { createQueue, createRedis } from '@herald/queue';
import { createTestRedisPrefix, type TestRedisPrefix } from '@herald/testkit';
import { pauseDestination, resumeDestination, syncDestinations } from '../destinations.js';
import { reconcileOutbox } from '../reconcile.js';
import { account, embedTitles, engineFixture, silentLogger, type EngineFixture } from '../test-support.js';

let f: EngineFixture;
let space: TestRedisPrefix;
let redis: ReturnType<typeof createRedis>;
let deliverQueue: Queue;
beforeEach(async () => {
  f = await engineFixture();
  space = createTestRedisPrefix();
  redis = createRedis(space.url, 'producer');
  deliverQueue = createQueue(QueueName.deliver, { connection: redis, prefix: space.prefix, logger: silentLogger });
});
afterEach(async () => {
  await deliverQueue.close();
  redis.disconnect();
  await space.cleanup();
  await f.close();
});

const titles = (ids: number[]) => ids.map((i) => `account user${i}`);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const countDeliveries = (status: string) => f.db.delivery.count({ where: { status } });

/** Runs the deliver jobs reconcile queued, oldest first, as the notifier's worker would. */
async function runQueuedDeliverJobs(engine: ReturnType<EngineFixture['engine']>): Promise<number> {
  const jobs = (await deliverQueue.getJobs(['waiting', 'prioritized', 'delayed'])).sort((a, b) => Number(a.timestamp - b.timestamp));
  for (const job of jobs) {
    const data = job.data as JobData<'events.deliver'>;
    await expect(engine.deliverEvents(data.events.map((e) => BigInt(e.eventId)), data.destinations)).resolves.toEqual({ kind: 'done' });
    await job.remove();
  }
  return jobs.length;
}

describe('a paused destination', () => {
  it('gets nothing while paused; its deliveries wait (none dead, none retried) and go out in order after resume', async () => {
    const ids = await f.record(range(1, 3).map((i) => account(i)));
    expect(await pauseDestination(f.pool, f.destinationId)).toEqual({ kind: 'changed' });
    const engine = f.engine();
    await expect(engine.deliverEvents(ids, [f.destinationId])).resolves.toEqual({ kind: 'done' });
    for (const id of ids) await expect(engine.deliverEvent(id)).resolves.toEqual({ kind: 'done' });
    expect(f.discord.stats().requests).toBe(0);
    expect(await countDeliveries('pending')).toBe(3);
    expect(await f.db.deliveryAttempt.count()).toBe(0);
    // Nothing is owed to a paused destination, so reconcile does not bring its jobs back in a loop.
    expect(await reconcileOutbox(f.pool, deliverQueue, silentLogger)).toBe(0);

    expect(await resumeDestination(f.pool, f.destinationId)).toEqual({ kind: 'changed' });
    expect(await reconcileOutbox(f.pool, deliverQueue, silentLogger)).toBe(3);
    expect(await runQueuedDeliverJobs(engine)).toBeGreaterThan(0);
    expect(embedTitles(f.discord)).toEqual(titles([1, 2, 3]));
    expect(await countDeliveries('delivered')).toBe(3);
  });

  it('stops a backlog before the next message once paused; the rest follows after resume, each event once, in order', async () => {
    const ids = await f.record(range(1, 6).map((i) => account(i)));
    let sends = 0;
    const engine = f.engine({
      batchSize: 1,
      sender: {
        async send(destination, body, options) {
          sends += 1;
          if (sends === 1) await pauseDestination(f.pool, f.destinationId);
          return f.sender.send(destination, body, options);
        },
      },
    });
    await expect(engine.deliverEvent(ids[0]!)).resolves.toEqual({ kind: 'done' });
    // deliverEvent returns once event 1 is recorded, which happens while the next message may still
    // be on its way; event 2's own job settles only when that drain is over (sent, or never claimed).
    await expect(engine.deliverEvent(ids[1]!, [f.destinationId])).resolves.toEqual({ kind: 'done' });
    // The message on its way when the pause came, and at most the one claimed while it was sent.
    const sentWhilePausing = f.discord.messages().length;
    expect(sentWhilePausing).toBeGreaterThanOrEqual(1);
    expect(sentWhilePausing).toBeLessThanOrEqual(2);
    expect(await countDeliveries('pending')).toBe(6 - sentWhilePausing);
    expect(await countDeliveries('sending')).toBe(0);

    await resumeDestination(f.pool, f.destinationId);
    await reconcileOutbox(f.pool, deliverQueue, silentLogger);
    await runQueuedDeliverJobs(engine);
    expect(embedTitles(f.discord)).toEqual(titles(range(1, 6)));
    expect(await countDeliveries('delivered')).toBe(6);
  });

  it('stays paused when its configuration changes (a quarantine ends then; a pause only by resume)', async () => {
    await pauseDestination(f.pool, f.destinationId);
    const moved = f.discord.createWebhook();
    await syncDestinations(f.pool, [{ key: 'test', kind: 'webhook', target: moved.url, label: 'moved' }]);
    expect(await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } })).toMatchObject({ status: 'paused', label: 'moved' });

    await resumeDestination(f.pool, f.destinationId);
    await f.db.destination.update({ where: { id: f.destinationId }, data: { status: 'quarantined', quarantineReason: '404' } });
    await syncDestinations(f.pool, [{ key: 'test', kind: 'webhook', target: f.discord.createWebhook().url, label: 'again' }]);
    expect(await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } })).toMatchObject({ status: 'active', quarantineReason: null });
  });

  it('pauses only an active destination and resumes only a paused or quarantined one', async () => {
    expect(await resumeDestination(f.pool, f.destinationId)).toEqual({ kind: 'conflict', status: 'active' });
    await pauseDestination(f.pool, f.destinationId);
    expect(await pauseDestination(f.pool, f.destinationId)).toEqual({ kind: 'conflict', status: 'paused' });
    expect(await pauseDestination(f.pool, 987_654)).toEqual({ kind: 'not-found' });
    expect(await resumeDestination(f.pool, 987_654)).toEqual({ kind: 'not-found' });
    await f.db.destination.update({ where: { id: f.destinationId }, data: { status: 'quarantined', quarantineReason: '404', failureStreak: 3, retryAt: new Date() } });
    expect(await pauseDestination(f.pool, f.destinationId)).toEqual({ kind: 'conflict', status: 'quarantined' });
    expect(await resumeDestination(f.pool, f.destinationId)).toEqual({ kind: 'changed' });
    expect(await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } })).toMatchObject({
      status: 'active',
      quarantineReason: null,
      failureStreak: 0,
      retryAt: null,
    });
  });
});
