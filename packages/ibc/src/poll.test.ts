import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCosmosChain, linkChains } from '@herald/testkit';
import type { OutboxStore } from '@herald/pipeline';
import { loadChains, syncConfiguredChains } from './chain-store.js';
import { forgetUnmonitoredClients } from './client-pruning.js';
import { pollMonitoredChain } from './poll.js';
import { pollWallets } from './wallets/monitor.js';
import { listClients } from './queries.js';
import { address, DAY, ibcFixture, T0, type IbcFixture } from './test-harness.js';

const STATUS_PATH = '/ibc.core.client.v1.Query/ClientStatus';
let f: IbcFixture;
const poll = (chainId = 'hub-1', more = {}) => pollMonitoredChain(f.pollOptions(chainId, more));
const types = async () => (await f.events()).map((e) => `${e.type} ${e.subject}`);

describe('IBC client poll', () => {
  beforeEach(async () => {
    f = await ibcFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('forgets the clients of a connection taken out of ibc.monitor, and those of a chain no longer monitored', async () => {
    const links = linkChains(f.hub, f.osmo, { count: 2 });
    await poll('hub-1');
    expect((await listClients(f.pollOptions('hub-1').db)).length).toBe(4);
    await poll('hub-1', { monitor: { chainId: 'hub-1', connections: [links[1]!.a.connectionId] } });
    expect((await listClients(f.pollOptions('hub-1').db)).map((c) => `${c.chainId}/${c.clientId}`).sort()).toEqual([`hub-1/${links[1]!.a.clientId}`, `osmo-1/${links[1]!.b.clientId}`]);
    f.hub.setDown(true); // an incomplete scan forgets nothing
    await poll('hub-1', { monitor: { chainId: 'hub-1', connections: [links[0]!.a.connectionId] } });
    expect(await listClients(f.pollOptions('hub-1').db)).toHaveLength(2);
    expect(await forgetUnmonitoredClients(f.pollOptions('hub-1').db, ['osmo-1'])).toBe(2);
    expect(await listClients(f.pollOptions('hub-1').db)).toEqual([]);
  });

  it("polls a configured chain through this process's own endpoints, whatever another process wrote into ibc_chains", async () => {
    linkChains(f.hub, f.osmo);
    const db = f.pollOptions('hub-1').db;
    const mine = (await loadChains(db)).get('hub-1')!;
    // Another poller, started with a wrong config, rewrote hub-1's row to point at osmo-1's node.
    await syncConfiguredChains(db, [{ ...mine, rpc: [f.osmo.url] }]);
    const result = await poll('hub-1', { configuredChains: [{ ...mine, rpc: [f.hub.url] }] });
    expect(result.summary).toMatchObject({ monitoredUnreachable: null, states: { ok: 2 } });
    expect((await loadChains(db, [{ ...mine, rpc: [f.hub.url] }])).get('hub-1')!.rpc).toEqual([f.hub.url]);
  });

  it('posts one halted alert when a chain answers without new blocks for ibc.haltedAfter, and one when blocks come again', async () => {
    linkChains(f.hub, f.osmo);
    // The wall clock runs on from the chains' latest block (hub-1 and osmo-1 start at the same time).
    const start = f.hub.block.time.getTime();
    let wall = new Date(start);
    const at = (minutes: number) => (wall = new Date(start + minutes * 60_000));
    const pollAt = (minutes: number) => poll('hub-1', { now: () => at(minutes), haltedAfterMs: 10 * 60_000 });
    await pollAt(0);
    await pollAt(9); // no new block for 9 minutes: not yet
    expect(await types()).toEqual([]);
    await pollAt(11);
    await pollAt(12);
    expect(await types()).toEqual(['ibc.chain.halted hub-1', 'ibc.chain.halted osmo-1']);
    f.hub.advance(6, 1);
    await pollAt(13);
    expect(await types()).toEqual(['ibc.chain.halted hub-1', 'ibc.chain.halted osmo-1', 'ibc.chain.resumed hub-1']);
    expect(wall.getTime()).toBeGreaterThan(0);
  });

  it('does not call a chain halted because the poller was away: its latest block is recent by its own time', async () => {
    linkChains(f.hub, f.osmo);
    const start = f.hub.block.time.getTime();
    await poll('hub-1', { now: () => new Date(start), haltedAfterMs: 10 * 60_000 });
    // An hour later (a poller restarted, a demo restarted at the same height): a fresh block time, same height.
    const later = new Date(start + 3_600_000);
    f.hub.setBlock({ time: later });
    f.osmo.setBlock({ time: later });
    await poll('hub-1', { now: () => later, haltedAfterMs: 10 * 60_000 });
    expect(await types()).toEqual([]);
  });

  it('alerts each transition once, resolves it, and records nothing new when nothing changed', async () => {
    linkChains(f.hub, f.osmo); // hub-1 07-tendermint-0 tracks osmo-1; osmo-1 07-tendermint-0 tracks hub-1
    const first = await poll();
    expect(first.summary).toMatchObject({ chainId: 'hub-1', connections: 1, states: { ok: 2 }, stale: 0, errors: 0 });
    expect(first.recorded).toEqual([]);
    expect((await poll()).recorded).toEqual([]);

    f.hub.advance(11.5 * DAY); // 82 % of 14 days elapsed on the host chain's clock
    expect((await poll()).recorded).toHaveLength(1);
    expect((await poll()).recorded).toEqual([]);
    const [warning] = await f.events();
    expect(warning).toMatchObject({ type: 'ibc.client.warning', subject: 'hub-1/07-tendermint-0', severity: 'warning', fingerprint: 'ibc.client.hub-1.07-tendermint-0.1' });
    expect(warning!.payload).toMatchObject({
      chainId: 'hub-1',
      chainName: 'Cosmos Hub',
      clientId: '07-tendermint-0',
      trackedChainId: 'osmo-1',
      trackedChainName: 'Osmosis',
      connectionId: 'connection-0',
      counterpartyConnectionId: 'connection-0',
      counterpartyClientId: '07-tendermint-0',
      from: 'ok',
      to: 'warning',
      secondsLeft: 2.5 * DAY,
      trustingPeriodSeconds: 14 * DAY,
      lastUpdateAt: T0.toISOString(),
      expiresAt: new Date(T0.getTime() + 14 * DAY * 1000).toISOString(),
    });
    expect(warning!.payload.percentLeft).toBeCloseTo((2.5 / 14) * 100, 1);

    f.hub.advance(1.6 * DAY);
    await poll();
    f.hub.updateClient('07-tendermint-0'); // a relayer updates the client
    await poll();
    await poll();
    const events = await f.events();
    expect(events.map((e) => [e.type, e.severity, e.fingerprint])).toEqual([
      ['ibc.client.warning', 'warning', 'ibc.client.hub-1.07-tendermint-0.1'],
      ['ibc.client.critical', 'critical', 'ibc.client.hub-1.07-tendermint-0.2'],
      ['ibc.client.resolved', 'critical', 'ibc.client.hub-1.07-tendermint-0.3'],
    ]);
    expect(events[2]!.payload).toMatchObject({ from: 'critical', to: 'ok' });
    expect(await f.client('hub-1', '07-tendermint-0')).toMatchObject({ state: 'ok', transitions: 3, alerted_state: null, last_error: null });
  });

  it('alerts nothing twice across a crash before commit and a restart', async () => {
    linkChains(f.hub, f.osmo);
    await poll();
    f.hub.advance(12 * DAY);
    const crashing: OutboxStore = {
      ...f.outbox,
      poll: (key, fn) =>
        f.outbox.poll(key, async (tx) => {
          await fn(tx);
          throw new Error('crash before commit');
        }),
    };
    await expect(poll('hub-1', { outbox: crashing })).rejects.toThrow('crash before commit');
    expect(await f.events()).toEqual([]);
    expect(await f.client('hub-1', '07-tendermint-0')).toMatchObject({ state: 'ok', transitions: 0 });

    f.restart();
    expect((await poll()).recorded).toHaveLength(1);
    f.restart();
    expect((await poll()).recorded).toEqual([]);
    expect(await types()).toEqual(['ibc.client.warning hub-1/07-tendermint-0']);
  });

  it('posts one unreachable and one recovered for a chain whose every endpoint fails, keeping its clients as they were', async () => {
    await f.osmo.addEndpoint();
    await f.pool.query('UPDATE ibc_chains SET rpc = $1 WHERE chain_id = $2', [f.osmo.endpoints.map((e) => e.url), 'osmo-1']);
    linkChains(f.hub, f.osmo);
    await poll();
    f.osmo.endpoints[0]!.setDown(true); // one endpoint down: failover, no alert
    expect((await poll()).recorded).toEqual([]);
    f.osmo.setDown(true);
    f.osmo.advance(20 * DAY); // would be expired, were it read: it is not, the chain is down
    const down = await poll();
    expect(down.summary).toMatchObject({ stale: 1, unreachable: ['osmo-1'], states: { ok: 1 } });
    await poll();
    expect(await types()).toEqual(['ibc.chain.unreachable osmo-1']);
    const [event] = await f.events();
    expect(event!.payload).toMatchObject({ chainId: 'osmo-1', chainName: 'Osmosis', endpoints: 2 });
    expect(String(event!.payload.error)).toContain('every RPC endpoint failed');
    const clients = await listClients(f.pool, { chainId: 'osmo-1' });
    expect(clients).toMatchObject([{ clientId: '07-tendermint-0', state: 'ok', stale: true }]);

    f.osmo.setBlock({ time: T0 });
    f.osmo.setDown(false);
    f.osmo.endpoints[0]!.setDown(false);
    await poll();
    await poll();
    expect(await types()).toEqual(['ibc.chain.unreachable osmo-1', 'ibc.chain.recovered osmo-1']);
    expect((await listClients(f.pool, { chainId: 'osmo-1' }))[0]).toMatchObject({ state: 'ok', stale: false });
  });

  it('keeps the last known states when the monitored chain itself is unreachable', async () => {
    linkChains(f.hub, f.osmo);
    await poll();
    f.hub.setDown(true);
    const result = await poll();
    expect(result.summary).toMatchObject({ connections: 0, unreachable: ['hub-1'] });
    expect(await types()).toEqual(['ibc.chain.unreachable hub-1']);
    expect((await listClients(f.pool)).map((c) => c.state)).toEqual(['ok', 'ok']);
  });

  it('alerts a client already expired at first sight once, re-checks it cheaply, and announces its revival', async () => {
    linkChains(f.hub, f.osmo, { lastUpdate: new Date(T0.getTime() - 20 * DAY * 1000) });
    await poll();
    expect(await types()).toEqual(['ibc.client.expired hub-1/07-tendermint-0', 'ibc.client.expired osmo-1/07-tendermint-0']);
    expect((await f.events())[0]!.payload).toMatchObject({ from: 'unknown', to: 'expired', secondsLeft: -6 * DAY });

    f.hub.clearRequests();
    f.osmo.clearRequests();
    expect((await poll()).summary.skipped).toBe(2); // within expiredPollInterval: not read at all
    expect([...f.hub.requests({ path: STATUS_PATH }), ...f.osmo.requests({ path: STATUS_PATH })]).toEqual([]);

    f.hub.updateClient('07-tendermint-0'); // revived by a governance proposal (client recovery)
    f.hub.advance(7200);
    f.osmo.advance(7200);
    await poll();
    await poll();
    expect(await types()).toEqual([
      'ibc.client.expired hub-1/07-tendermint-0',
      'ibc.client.expired osmo-1/07-tendermint-0',
      'ibc.client.reactivated hub-1/07-tendermint-0',
    ]);
    const reactivated = (await f.events())[2]!;
    expect(reactivated).toMatchObject({ severity: 'critical', payload: { from: 'expired', to: 'ok', trackedChainId: 'osmo-1' } });
    expect(await f.client('osmo-1', '07-tendermint-0')).toMatchObject({ state: 'expired', status: 'Expired', trusting_period_s: BigInt(14 * DAY) });
  });

  it('alerts a frozen client once', async () => {
    linkChains(f.hub, f.osmo);
    await poll();
    f.hub.setClientStatus('07-tendermint-0', 'Frozen');
    await poll();
    await poll();
    expect(await types()).toEqual(['ibc.client.frozen hub-1/07-tendermint-0']);
  });

  it('reminds while critical at the configured interval', async () => {
    linkChains(f.hub, f.osmo);
    const reminders = { reminderIntervalMs: 3_600_000 };
    await poll('hub-1', reminders);
    f.hub.advance(13.5 * DAY);
    await poll('hub-1', reminders);
    f.hub.advance(1800);
    await poll('hub-1', reminders);
    f.hub.advance(1860);
    await poll('hub-1', reminders);
    await poll('hub-1', reminders);
    expect(await types()).toEqual(['ibc.client.critical hub-1/07-tendermint-0', 'ibc.client.reminder hub-1/07-tendermint-0']);
  });

  it('alerts each client once when both ends are monitored and polled at the same time', async () => {
    linkChains(f.hub, f.osmo, { count: 3 });
    await Promise.all([poll('hub-1'), poll('osmo-1')]);
    f.hub.advance(12 * DAY);
    f.osmo.advance(12 * DAY);
    await Promise.all([poll('hub-1'), poll('osmo-1'), poll('hub-1')]);
    const events = await types();
    expect(events).toHaveLength(6);
    expect(new Set(events).size).toBe(6);
  });

  it('reports a counterparty chain that is not configured once, and forgets it when it is gone', async () => {
    const juno = await FakeCosmosChain.start({ chainId: 'juno-1', time: T0 });
    try {
      const [link] = linkChains(f.hub, juno);
      const first = await poll();
      expect(first.newWarnings.map((w) => w.key)).toEqual(['counterparty-not-configured:hub-1:juno-1']);
      expect((await poll()).newWarnings).toEqual([]);
      const { rows } = await f.pool.query('SELECT key, found_by FROM ibc_config_warnings');
      expect(rows).toEqual([{ key: 'counterparty-not-configured:hub-1:juno-1', found_by: ['hub-1'] }]);
      expect(await f.client('hub-1', link!.a.clientId)).toMatchObject({ state: 'ok', tracked_chain_id: 'juno-1' });

      f.hub.setConnectionState(link!.a.connectionId, 'STATE_INIT');
      await poll();
      expect((await f.pool.query('SELECT key FROM ibc_config_warnings')).rows).toEqual([]);
    } finally {
      await juno.close();
    }
  });

  it('records a failed read of one client in last_error, keeping its state', async () => {
    linkChains(f.hub, f.osmo);
    await poll();
    f.osmo.setPathError('/ibc.core.client.v1.Query/ClientState', { code: 38, log: 'client not found: key not found' });
    const result = await poll();
    expect(result.summary).toMatchObject({ errors: 1, states: { ok: 1 } });
    expect(await f.client('osmo-1', '07-tendermint-0')).toMatchObject({ state: 'ok', last_error: expect.stringContaining('client not found') });
    f.osmo.setPathError('/ibc.core.client.v1.Query/ClientState', null);
    await poll();
    expect(await f.client('osmo-1', '07-tendermint-0')).toMatchObject({ state: 'ok', last_error: null });
    expect(await f.events()).toEqual([]);
  });

  it('posts one unreachable event when a client poll and the wallet poll find the same chain down at once', async () => {
    linkChains(f.hub, f.osmo);
    await f.pool.query(`INSERT INTO ibc_wallets (address, chain_id, owner_id, threshold) VALUES ($1, 'osmo-1', '1', 1)`, [address('osmo', 1)]);
    await poll();
    f.osmo.setDown(true);
    await Promise.all([poll(), pollWallets(f.walletOptions()), poll('osmo-1')]);
    expect(await types()).toEqual(['ibc.chain.unreachable osmo-1']);
  });
});
