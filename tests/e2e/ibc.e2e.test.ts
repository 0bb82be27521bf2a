import { afterEach, describe, expect, it } from 'vitest';
import { FakeCosmosChain, linkChains } from '@herald/testkit';
import { chainEntry, createIbcStack, eventually, type IbcStack } from './ibc-harness.js';
import type { AppProcess } from './harness.js';
import { waitForQuiet } from './quiet.js';

// Block times start now, and haltedAfter is long (below): a chain whose latest block is older than
// haltedAfter by the wall clock counts as halted, and these fake chains make no block by themselves
// (a fixed date here turned every chain halted once the real clock was 10 minutes past it).
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let stack: IbcStack;
const chains: FakeCosmosChain[] = [];
afterEach(async () => {
  await stack?.close();
  await Promise.all(chains.splice(0).map((c) => c.close()));
});

async function twoChains() {
  const hub = await FakeCosmosChain.start({ chainId: 'hub-1', time: T0 });
  const osmo = await FakeCosmosChain.start({ chainId: 'osmo-1', time: T0 });
  chains.push(hub, osmo);
  return { hub, osmo };
}

const baseIbc = (...fakes: FakeCosmosChain[]) => ({
  chains: fakes.map((c) => chainEntry(c)),
  pollInterval: '1s',
  requestTimeout: '1s',
  thresholds: { warningElapsed: 0.8, criticalLeft: '1000s' },
  haltedAfter: '24h',
});

/** Resolves after the poller has finished `count` more polls of `chainId` (source health rows move on every poll). */
async function pollsOf(s: IbcStack, chainId: string, count: number) {
  const read = async () => (await s.query<{ at: Date | null }>('SELECT last_poll_at AS at FROM source_cursors WHERE source_key = $1', [`ibc:${chainId}`]))[0]?.at?.getTime() ?? 0;
  for (let i = 0; i < count; i++) {
    const before = await read();
    await eventually(read, (t) => t > before, 20_000, `a poll of ${chainId}`);
  }
}

/** Waits until nothing is owed to Discord any more, not even after a reconciliation (see waitForQuiet). */
const quiet = (s: IbcStack) => waitForQuiet(s, 20_000);

async function startHerald(s: IbcStack, env: Record<string, string> = {}): Promise<{ poller: AppProcess; notifier: AppProcess }> {
  const poller = s.start('ibc-poller', [], env);
  const notifier = s.start('notifier');
  await Promise.all([poller.waitFor(/ibc poller started/), notifier.waitFor(/notifier started/)]);
  return { poller, notifier };
}

const alertsMatching = (s: IbcStack, pattern: RegExp) => s.alertTexts().filter((t) => pattern.test(t));

describe('the IBC source, end to end (built ibc-poller and notifier against fake chains and a fake Discord)', () => {
  it('alerts each transition of a light client once (warning, critical, resolved), also across a poller crash', async () => {
    stack = await createIbcStack();
    const { hub, osmo } = await twoChains();
    const [link] = linkChains(hub, osmo, { count: 1, trustingPeriodSeconds: 10_000, lastUpdate: T0 });
    stack.configure({ ...baseIbc(hub, osmo), monitor: [{ chainId: 'hub-1' }] });
    let { poller } = await startHerald(stack);

    // First poll: both ends are judged ok and nothing is posted.
    await eventually(() => stack.query<{ state: string }>('SELECT state FROM ibc_clients'), (rows) => rows.length === 2 && rows.every((r) => r.state === 'ok'));
    await pollsOf(stack, 'hub-1', 1);
    expect(stack.alertTexts()).toEqual([]);

    // 81 % of the trusting period elapsed by the HOST chain's block time (the wall clock says otherwise).
    hub.setBlock({ time: at(8_100) });
    await eventually(() => stack.alertTexts(), (texts) => texts.length === 1);
    expect(stack.alertTexts()[0]).toMatch(/IBC client expiring in .* on HUB/);
    expect(stack.alertTexts()[0]).toContain(link!.a.clientId);

    // A crash and a restart re-alert nothing: the state is in Postgres.
    await poller.kill('SIGKILL');
    poller = stack.start('ibc-poller');
    await poller.waitFor(/ibc poller started/);
    await pollsOf(stack, 'hub-1', 3);

    hub.setBlock({ time: at(9_100) }); // 900 s left < criticalLeft 1000 s
    await eventually(() => stack.alertTexts(), (texts) => texts.length === 2);
    expect(stack.alertTexts()[1]).toMatch(/IBC client expires in .* on HUB/);

    hub.updateClient(link!.a.clientId, at(9_100)); // a relayer updated it
    await eventually(() => stack.alertTexts(), (texts) => texts.length === 3);
    expect(stack.alertTexts()[2]).toMatch(/IBC client updated, no longer critical: .* on HUB/);

    await pollsOf(stack, 'hub-1', 3);
    await quiet(stack);
    expect(stack.alertTexts()).toHaveLength(3);
    expect(alertsMatching(stack, / on OSMO/)).toEqual([]); // the other end never moved
  });

  it('a crash right after the poll committed its alert loses nothing and posts it once', async () => {
    stack = await createIbcStack();
    const { hub, osmo } = await twoChains();
    const [link] = linkChains(hub, osmo, { count: 1, trustingPeriodSeconds: 10_000, lastUpdate: at(-8_500) });
    stack.configure({ ...baseIbc(hub, osmo), monitor: [{ chainId: 'hub-1', connections: [link!.a.connectionId] }] });
    // The first poll sees the client already in warning, commits the alert and is killed before it enqueues it.
    const crashing = stack.start('ibc-poller', [], { HERALD_FAILPOINTS: 'ibc.poll.after-commit' });
    const notifier = stack.start('notifier');
    await Promise.all([crashing.exited, notifier.waitFor(/notifier started/)]);
    expect(crashing.child.signalCode).toBe('SIGKILL');
    stack.start('ibc-poller');
    await eventually(() => stack.alertTexts(), (texts) => texts.length >= 2);
    await pollsOf(stack, 'hub-1', 3);
    await quiet(stack);
    // Both ends were already in warning at first sight: one alert each, none repeated.
    expect(alertsMatching(stack, new RegExp(`${link!.a.clientId} on HUB`))).toHaveLength(1);
    expect(alertsMatching(stack, new RegExp(`${link!.b.clientId} on OSMO`))).toHaveLength(1);
    expect(stack.alertTexts()).toHaveLength(2);
  });

  it('in configured mode watches only the listed connections, resolving their counterparty chain (the seed crashed there)', async () => {
    stack = await createIbcStack();
    const { hub, osmo } = await twoChains();
    const links = linkChains(hub, osmo, { count: 3, trustingPeriodSeconds: 10_000, lastUpdate: at(-8_500) });
    stack.configure({ ...baseIbc(hub, osmo), monitor: [{ chainId: 'hub-1', connections: [links[1]!.a.connectionId] }] });
    await startHerald(stack);
    await eventually(() => stack.alertTexts(), (texts) => texts.length === 2);
    await pollsOf(stack, 'hub-1', 2);
    await quiet(stack);
    const texts = stack.alertTexts();
    expect(texts).toHaveLength(2);
    expect(texts.some((t) => t.includes(`${links[1]!.a.clientId} on HUB`) && t.includes('osmo-1'))).toBe(true);
    expect(texts.some((t) => t.includes(`${links[1]!.b.clientId} on OSMO`) && t.includes('hub-1'))).toBe(true);
    const rows = await stack.query<{ chain_id: string; client_id: string }>('SELECT chain_id, client_id FROM ibc_clients ORDER BY chain_id');
    expect(rows).toEqual([
      { chain_id: 'hub-1', client_id: links[1]!.a.clientId },
      { chain_id: 'osmo-1', client_id: links[1]!.b.clientId },
    ]);
  });

  it('scans all 3,000 open connections of a chain (no 300 cap), both ends, without a false alarm', async () => {
    stack = await createIbcStack();
    const { hub, osmo } = await twoChains();
    linkChains(hub, osmo, { count: 3_000, trustingPeriodSeconds: 14 * 86_400, lastUpdate: T0 });
    linkChains(hub, osmo, { count: 5, trustingPeriodSeconds: 14 * 86_400, lastUpdate: T0, state: 'STATE_TRYOPEN' });
    stack.configure({ ...baseIbc(hub, osmo), requestTimeout: '10s', pollInterval: '30s', monitor: [{ chainId: 'hub-1' }] });
    await startHerald(stack);
    const counted = async () => (await stack.query<{ chain_id: string; n: string }>('SELECT chain_id, count(*) AS n FROM ibc_clients GROUP BY chain_id ORDER BY chain_id')).map((r) => `${r.chain_id}:${r.n}`);
    // The scan took 27 s on 2 quiet cores (bench/results/ibc-scan.json); on a machine loaded by a parallel build it took over 60 s.
    await eventually(counted, (c) => c.join() === 'hub-1:3000,osmo-1:3000', 100_000, '6,000 clients stored');
    const states = await stack.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM ibc_clients GROUP BY state');
    expect(states).toEqual([{ state: 'ok', n: '6000' }]);
    // An alert would have been committed with the clients: once nothing is owed to Discord, none was.
    await quiet(stack);
    expect(stack.alertTexts()).toEqual([]);
  }, 180_000);

  it('fails over when one RPC endpoint is down (no alert); when all are, posts one unreachable and one recovered alert and never an expiry', async () => {
    stack = await createIbcStack();
    const { hub, osmo } = await twoChains();
    await hub.addEndpoint();
    linkChains(hub, osmo, { count: 2, trustingPeriodSeconds: 10_000, lastUpdate: T0 });
    stack.configure({ ...baseIbc(hub, osmo), monitor: [{ chainId: 'hub-1' }] });
    await startHerald(stack);
    await eventually(() => stack.query('SELECT 1 FROM ibc_clients'), (rows) => rows.length === 4);

    hub.endpoints[0]!.setDown(true);
    const before = hub.requests({ endpoint: 1 }).length;
    await pollsOf(stack, 'hub-1', 3);
    expect(hub.requests({ endpoint: 1 }).length).toBeGreaterThan(before);
    expect(stack.alertTexts()).toEqual([]);

    hub.setDown(true);
    await eventually(() => stack.alertTexts(), (texts) => texts.length === 1);
    expect(stack.alertTexts()[0]).toMatch(/Chain unreachable: HUB/);
    await pollsOf(stack, 'hub-1', 3);
    const kept = await stack.query<{ state: string }>(`SELECT state FROM ibc_clients WHERE chain_id = 'hub-1'`);
    expect(kept.map((r) => r.state)).toEqual(['ok', 'ok']); // an outage is not an expiry

    hub.setDown(false);
    await eventually(() => stack.alertTexts(), (texts) => texts.length === 2);
    expect(stack.alertTexts()[1]).toMatch(/Chain reachable again: HUB/);
    await pollsOf(stack, 'hub-1', 2);
    await quiet(stack);
    expect(stack.alertTexts()).toHaveLength(2);
  });

  it('remembers an expired client, re-checks it at its own slower rate, and announces it reactivated once governance revives it', async () => {
    stack = await createIbcStack();
    const { hub, osmo } = await twoChains();
    const [link] = linkChains(hub, osmo, { count: 1, trustingPeriodSeconds: 10_000, lastUpdate: at(-20_000) });
    stack.configure({ ...baseIbc(hub, osmo), expiredPollInterval: '2s', monitor: [{ chainId: 'hub-1' }] });
    await startHerald(stack);
    await eventually(() => alertsMatching(stack, /IBC client EXPIRED/), (texts) => texts.length === 2); // both ends expired at first sight
    await pollsOf(stack, 'hub-1', 2);

    hub.updateClient(link!.a.clientId, T0); // a client recovery proposal passed: Active again
    await eventually(() => alertsMatching(stack, /IBC client active again/), (texts) => texts.length === 1);
    expect(alertsMatching(stack, /IBC client active again/)[0]).toContain(`${link!.a.clientId} on HUB`);
    await pollsOf(stack, 'hub-1', 3);
    await quiet(stack);
    expect(stack.alertTexts()).toHaveLength(3);
  });
});
