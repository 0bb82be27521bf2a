import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { startTcpProxy, type TcpProxy } from '@herald/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account, embedTitles, engineFixture, unfittedPacker, type EngineFixture } from '../test-support.js';
import type { DeliveryEngine } from './engine.js';
import type { MessageSender } from './sender.js';

let f: EngineFixture;
let proxy: TcpProxy | undefined;
let proxiedPool: SqlPool | undefined;
beforeEach(async () => {
  f = await engineFixture();
});
afterEach(async () => {
  await proxiedPool?.end().catch(() => undefined);
  await proxy?.close();
  proxy = undefined;
  proxiedPool = undefined;
  await f.close();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function statuses(): Promise<Record<string, number>> {
  const rows = await f.db.delivery.groupBy({ by: ['status'], _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

async function outcomes(): Promise<string[]> {
  return (await f.db.deliveryAttempt.findMany({ orderBy: { id: 'asc' } })).map((a) => a.outcome);
}

async function deliverUntilDone(engine: DeliveryEngine, id: bigint, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const outcome = await engine.deliverEvent(id);
    if (outcome.kind === 'done') return;
    // As the job queue would: the job comes back at the time the engine named, not before.
    await new Promise((r) => setTimeout(r, Math.max(0, outcome.at.getTime() - Date.now()) + 5));
  }
  throw new Error('not delivered in time');
}

describe('delivery engine under faults', () => {
  it('dead-letters a single-event message Discord refuses (400) after one request, and sends the next event at once', async () => {
    const ids = await f.record([account(1), account(2, 'POISON'), account(3)]);
    const engine = f.engine({ pack: unfittedPacker, batchSize: 1, retryDelay: () => 60_000 });
    await expect(engine.deliverEvent(ids[0]!)).resolves.toEqual({ kind: 'done' });
    await expect(engine.deliverEvent(ids[1]!)).resolves.toEqual({ kind: 'done' });
    await expect(engine.deliverEvent(ids[2]!)).resolves.toEqual({ kind: 'done' });
    expect(embedTitles(f.discord)).toEqual(['account user1', 'account user3']);
    expect(f.discord.requests().filter((r) => r.status === 400)).toHaveLength(1);
    const poison = await f.db.delivery.findFirstOrThrow({ where: { eventId: ids[1]! } });
    expect(poison.status).toBe('dead');
    expect(poison.lastError).toMatch(/HTTP 400/);
    expect(await outcomes()).toEqual(['delivered', 'dead', 'delivered']);
  });

  it('a stop mid-request leaves exactly the message in flight in doubt: claimed rows go back in line, the lease is released', async () => {
    const ids = await f.record(range(1, 25).map((i) => account(i)));
    let sends = 0;
    let hanging!: () => void;
    const hung = new Promise<void>((resolve) => (hanging = resolve));
    // A request that hangs until aborted: the engine's shutdown signal is its only way out.
    const hangingSender: MessageSender = {
      send: (destination, body, options = {}) =>
        sends + 1 === 2
          ? (sends++,
            // The request leaves (its hook runs), then no answer ever comes.
            void options.hooks?.beforeRequest?.().then(hanging),
            new Promise((resolve) => options.signal!.addEventListener('abort', () => resolve({ ok: false, kind: 'transient', error: 'AbortError: aborted' }))))
          : (sends++, f.sender.send(destination, body, options)),
    };
    const engine = f.engine({ sender: hangingSender });
    const delivering = engine.deliverEvent(ids[24]!);
    await hung;
    // Message 1 went out and is recorded while message 2 is in flight; the last 5 are claimed for the next message.
    await expect.poll(statuses).toEqual({ delivered: 10, sending: 15 });
    const stopped = performance.now();
    await engine.stop();
    expect(performance.now() - stopped).toBeLessThan(1000);
    expect((await delivering).kind).toBe('retry');
    expect(await statuses()).toEqual({ delivered: 10, sending: 10, pending: 5 });
    const destination = await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } });
    expect(destination.leaseOwner).toBeNull();

    const next = f.engine();
    await deliverUntilDone(next, ids[24]!);
    expect(await statuses()).toEqual({ delivered: 25 });
    expect((await outcomes()).filter((o) => o === 'in_doubt')).toHaveLength(10);
  });

  it('keeps what Discord answered during a Postgres outage and records it once Postgres is back: never resent, never in doubt', async () => {
    const direct = new URL(f.testDb.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    direct.hostname = proxy.host;
    direct.port = String(proxy.port);
    proxiedPool = createSqlPool({ url: direct.toString(), max: 4 });
    const [id] = await f.record([account(1)]);
    let first = true;
    const sender: MessageSender = {
      async send(destination, body, options = {}) {
        const before = options.hooks?.beforeRequest;
        const hooks = {
          ...options.hooks,
          async beforeRequest() {
            await before?.();
            if (first) proxy!.outage(); // Postgres goes away while Discord is storing the message
            first = false;
          },
        };
        return f.sender.send(destination, body, { ...options, hooks });
      },
    };
    const engine = f.engine({ db: proxiedPool, sender, leaseMs: 60_000 });
    const outcome = await engine.deliverEvent(id!);
    expect(outcome.kind).toBe('retry');
    expect(engine.unrecorded()).toBe(1);
    expect(f.discord.messages()).toHaveLength(1);
    proxy.setMode('forward');
    await deliverUntilDone(engine, id!);
    expect(f.discord.messages()).toHaveLength(1);
    expect(engine.unrecorded()).toBe(0);
    const delivery = await f.db.delivery.findFirstOrThrow({ where: { eventId: id! } });
    expect(delivery).toMatchObject({ status: 'delivered', discordMessageId: f.discord.messages()[0]!.id });
    expect(await outcomes()).toEqual(['delivered']);
    await engine.stop();
  });

  it('an unanswered request (connection cut) is in doubt at the next attempt; an answered failure (503) is not', async () => {
    const engine = f.engine({ retryDelay: () => 20 });
    f.discord.injectFaults({ webhookId: f.webhookId }, [{ status: 503 }]);
    await deliverUntilDone(engine, (await f.record([account(1)]))[0]!);
    expect(await outcomes()).toEqual(['retry', 'delivered']);
    f.discord.injectFaults({ webhookId: f.webhookId }, [{ drop: true }]);
    await deliverUntilDone(engine, (await f.record([account(2)]))[0]!);
    expect(await outcomes()).toEqual(['retry', 'delivered', 'retry', 'in_doubt', 'delivered']);
  });

  it('a request refused with a 429 and waiting to be retried is not in doubt: stopping then resends it without the flag', async () => {
    const [id] = await f.record([account(1)]);
    f.discord.setStickyFault({ webhookId: f.webhookId }, { status: 429, headerless: true });
    const engine = f.engine();
    const delivering = engine.deliverEvent(id!);
    await expect.poll(() => f.discord.requests().filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(1);
    // Answered and waiting behind the refusal floor: nothing of it is on its way to Discord.
    await expect.poll(async () => (await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } })).inFlight).toEqual([]);
    await engine.stop();
    expect((await delivering).kind).toBe('retry');
    f.discord.setStickyFault({ webhookId: f.webhookId }, null);
    await deliverUntilDone(f.engine(), id!);
    expect(f.discord.messages()).toHaveLength(1);
    // The stopped attempt is a plain retry, not in doubt; the resend is delivered.
    expect(await outcomes()).toEqual(['retry', 'delivered']);
  });
});
