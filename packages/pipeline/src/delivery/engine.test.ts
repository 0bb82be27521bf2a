import { seededRandom } from '@herald/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account, embedTitles, engineFixture, unfittedPacker, type EngineFixture } from '../test-support.js';

let f: EngineFixture;
beforeEach(async () => {
  f = await engineFixture();
});
afterEach(async () => {
  await f.close();
});

const titles = (ids: number[]) => ids.map((i) => `account user${i}`);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The order jobs run in, shuffled from a fixed seed so a failure replays exactly; HERALD_TEST_SEED
 * tries another order. Fisher–Yates: a random sort comparator is biased and not a shuffle.
 */
const ShuffleSeed = Number(process.env.HERALD_TEST_SEED ?? 0x5eed);
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('delivery engine', () => {
  it('posts one message per event when there is no backlog, and records the Discord message id', async () => {
    const [id] = await f.record([account(1)]);
    await expect(f.engine().deliverEvent(id!)).resolves.toEqual({ kind: 'done' });
    const [message] = f.discord.messages();
    const delivery = await f.db.delivery.findFirstOrThrow({ where: { eventId: id! } });
    expect(delivery).toMatchObject({ status: 'delivered', discordMessageId: message!.id, attempts: 1 });
    expect(message!.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('groups a backlog oldest first, at most 10 embeds per message, each event exactly once, whatever order jobs run in', async () => {
    const ids = await f.record(range(1, 25).map((i) => account(i)));
    const engine = f.engine();
    const shuffled = shuffle(ids, ShuffleSeed);
    expect(shuffled, 'the shuffle must change the order, or the test proves nothing').not.toEqual(ids);
    await Promise.all(shuffled.map((id) => engine.deliverEvent(id)));
    expect(embedTitles(f.discord), `job order from HERALD_TEST_SEED=${ShuffleSeed}`).toEqual(titles(range(1, 25)));
    expect(f.discord.messages().every((m) => m.embeds.length <= 10)).toBe(true);
    expect(f.discord.messages().length).toBeLessThanOrEqual(4);
    expect(await f.db.delivery.count({ where: { status: 'delivered' } })).toBe(25);
  });

  it('removes e-mail addresses from stored events once delivered', async () => {
    const [id] = await f.record([account(1)]);
    const stored = async () => (await f.db.event.findUniqueOrThrow({ where: { id: id! } })).payload;
    expect(await stored()).toMatchObject({ name: 'user1', email: 'user1@example.org' });
    // Not before: a failed attempt leaves the address (a later one still needs it).
    f.discord.injectFaults({ webhookId: f.webhookId }, [{ status: 500 }]);
    const engine = f.engine({ retryDelay: () => 0 });
    expect((await engine.deliverEvent(id!)).kind).toBe('retry');
    expect(await stored()).toMatchObject({ email: 'user1@example.org' });
    await expect(engine.deliverEvent(id!)).resolves.toEqual({ kind: 'done' });
    expect(await f.db.delivery.findFirstOrThrow({ where: { eventId: id! } })).toMatchObject({ status: 'delivered' });
    expect(embedTitles(f.discord)).toEqual(titles([1]));
    // Only the address goes: the rest of the event stays.
    expect(await stored()).toEqual({ source: 'test', accountId: 1, name: 'user1', registeredAt: null });
  });

  it('retries a failing destination later without skipping ahead, then delivers in order', async () => {
    const ids = await f.record([account(1), account(2)]);
    f.discord.injectFaults({ webhookId: f.webhookId }, [{ status: 500 }]);
    const engine = f.engine({ batchSize: 1 });
    const first = await engine.deliverEvent(ids[1]!);
    expect(first.kind).toBe('retry');
    expect(f.discord.messages()).toHaveLength(0);
    const destination = await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } });
    expect(destination.failureStreak).toBe(1);
    // Before retryAt nothing is sent at all (one request per backoff period, not one per job).
    const requestsBefore = f.discord.stats().requests;
    expect((await engine.deliverEvent(ids[0]!)).kind).toBe('retry');
    expect(f.discord.stats().requests).toBe(requestsBefore);
    // Time is what is tested here: after retryAt the destination is tried again.
    if (first.kind === 'retry') await new Promise((r) => setTimeout(r, Math.max(0, first.at.getTime() - Date.now()) + 20));
    await expect(engine.deliverEvent(ids[1]!)).resolves.toEqual({ kind: 'done' });
    expect(embedTitles(f.discord)).toEqual(titles([1, 2]));
    const attempts = await f.db.deliveryAttempt.findMany({ orderBy: { id: 'asc' } });
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered', 'delivered']);
  });

  it('quarantines a destination after the first 404 and never retries it in a loop', async () => {
    const ids = await f.record([account(1), account(2)]);
    f.discord.setPermanentStatus({ webhookId: f.webhookId }, 404);
    const engine = f.engine();
    await expect(engine.deliverEvent(ids[0]!)).resolves.toEqual({ kind: 'done' });
    await expect(engine.deliverEvent(ids[1]!)).resolves.toEqual({ kind: 'done' });
    expect(f.discord.stats().requests).toBe(1);
    const destination = await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } });
    expect(destination).toMatchObject({ status: 'quarantined' });
    expect(destination.quarantineReason).toMatch(/404/);
    expect(await f.db.delivery.count({ where: { status: 'pending' } })).toBe(2);
  });

  it('dead-letters only the event Discord rejects (400) and delivers its neighbours in order', async () => {
    const ids = await f.record([account(1), account(2, 'POISON'), account(3)]);
    const engine = f.engine({ pack: unfittedPacker });
    await Promise.all(ids.map((id) => engine.deliverEvent(id)));
    expect(embedTitles(f.discord)).toEqual(titles([1, 3]));
    const statuses = await f.db.delivery.findMany({ orderBy: { eventId: 'asc' }, select: { status: true, lastError: true } });
    expect(statuses.map((s) => s.status)).toEqual(['delivered', 'dead', 'delivered']);
    expect(statuses[1]!.lastError).toMatch(/400/);
  });

  it('fits an oversized embed to Discord\'s limits instead of letting Discord reject it', async () => {
    const [id] = await f.record([account(1, 'POISON')]);
    await f.engine().deliverEvent(id!);
    const [title] = embedTitles(f.discord);
    expect(title).toHaveLength(256);
    expect(title!.endsWith('…')).toBe(true);
  });

  it('resends a delivery whose request was in flight when the notifier died, recording that the outcome was in doubt', async () => {
    const [sent, claimedOnly] = await f.record([account(1), account(2)]);
    await f.db.delivery.updateMany({ data: { status: 'sending', attempts: 1 } });
    const inFlight = await f.db.delivery.findFirstOrThrow({ where: { eventId: sent! } });
    await f.db.destination.update({ where: { id: f.destinationId }, data: { inFlight: [inFlight.id] } });
    await f.engine({ batchSize: 1 }).deliverEvent(claimedOnly!);
    expect(embedTitles(f.discord)).toEqual(titles([1, 2]));
    const attempts = await f.db.deliveryAttempt.findMany({ orderBy: { id: 'asc' } });
    // Only the delivery the in-flight marker listed is in doubt; the other was claimed but never sent.
    expect(attempts.map((a) => [a.deliveryId, a.outcome])).toEqual([[inFlight.id, 'in_doubt'], [inFlight.id, 'delivered'], [inFlight.id + 1n, 'delivered']]);
  });

  it('keeps order and sends each event once with two notifier replicas racing', async () => {
    const ids = await f.record(range(1, 30).map((i) => account(i)));
    const a = f.engine({ owner: 'replica-a' });
    const b = f.engine({ owner: 'replica-b' });
    const deliverUntilDone = async (engine: typeof a, id: bigint) => {
      for (;;) {
        const outcome = await engine.deliverEvent(id);
        if (outcome.kind === 'done') return;
        // As the job queue would: the job comes back at the time the engine named, not before.
        await new Promise((r) => setTimeout(r, Math.max(0, outcome.at.getTime() - Date.now())));
      }
    };
    await Promise.all(ids.flatMap((id) => [deliverUntilDone(a, id), deliverUntilDone(b, id)]));
    expect(embedTitles(f.discord)).toEqual(titles(range(1, 30)));
  });
});
