import { FakeCosmosChain, linkChains, type FakeCosmosLink } from '@herald/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChainRpc } from './rpc/chain-rpc.js';
import { testChain } from './rpc/test-support.js';
import { scanMonitoredChain, type ClientPlan, type ScanInput } from './scan.js';
import type { Chain, ChainRpc } from './types.js';

const STATUS = '/ibc.core.client.v1.Query/ClientStatus';
const STATE = '/ibc.core.client.v1.Query/ClientState';

describe('scanMonitoredChain: plans, outages and scale', () => {
  let hub: FakeCosmosChain;
  let osmo: FakeCosmosChain;
  let chains: Map<string, Chain>;
  let rpcs: ChainRpc[];
  let link: FakeCosmosLink;

  const scan = (overrides: Partial<ScanInput> = {}, timeoutMs = 2000) => {
    const created = new Map<string, ChainRpc>();
    const rpcFor = (chainId: string): ChainRpc => {
      let rpc = created.get(chainId);
      if (rpc === undefined) {
        created.set(chainId, (rpc = createChainRpc(chains.get(chainId) as Chain, { timeoutMs })));
        rpcs.push(rpc);
      }
      return rpc;
    };
    return scanMonitoredChain({ monitor: { chainId: 'hub-4', connections: 'all' }, chains, rpcFor, concurrency: 16, ...overrides });
  };

  beforeEach(async () => {
    hub = await FakeCosmosChain.start({ chainId: 'hub-4', time: new Date('2026-11-30T12:00:00Z') });
    osmo = await FakeCosmosChain.start({ chainId: 'osmo-1', time: new Date('2026-11-30T12:00:00Z') });
    chains = new Map([['hub-4', testChain('hub-4', [hub.url])], ['osmo-1', testChain('osmo-1', [osmo.url])]]);
    rpcs = [];
    [link] = linkChains(hub, osmo) as [FakeCosmosLink];
  });

  afterEach(async () => {
    for (const rpc of rpcs) rpc.close();
    await Promise.all([hub.close(), osmo.close()]);
  });

  it('honours plan: skip sends nothing, status sends one query, on either side', async () => {
    const plans: Record<string, ClientPlan> = { [`hub-4/${link.a.clientId}`]: 'status', [`osmo-1/${link.b.clientId}`]: 'skip' };
    const result = await scan({ plan: (chainId, clientId) => plans[`${chainId}/${clientId}`] ?? 'full', trackedChainOf: () => 'osmo-1' });
    expect(result.clients.map((f) => [f.chainId, f.skipped ?? false, f.observation?.status])).toEqual([['hub-4', false, 'Active'], ['osmo-1', true, undefined]]);
    expect(result.clients[0]?.observation?.trustingPeriodSeconds).toBeNull();
    expect(hub.requests({ path: STATUS })).toHaveLength(1);
    expect(hub.requests({ path: STATE })).toHaveLength(0);
    expect(osmo.requests()).toHaveLength(0);
  });

  it('reads a host client fully when plan says status but nothing tells which chain it tracks', async () => {
    const result = await scan({ plan: (chainId) => (chainId === 'hub-4' ? 'skip' : 'status') });
    expect(result.clients.map((f) => [f.chainId, f.skipped ?? false, f.observation?.trackedChainId])).toEqual([['hub-4', false, 'osmo-1'], ['osmo-1', false, null]]);
    expect(osmo.requests({ path: STATUS })).toHaveLength(1);
    expect(osmo.requests({ path: STATE })).toHaveLength(0);
  });

  it('returns an unreachable monitored chain with no findings', async () => {
    hub.setDown(true);
    const result = await scan();
    expect(result.clients).toEqual([]);
    expect([...result.unreachable.keys()]).toEqual(['hub-4']);
    expect(result.unreachable.get('hub-4')).toMatch(/every RPC endpoint failed .*connection failed/);
    expect(result.reachable.size).toBe(0);
  });

  it('marks the clients of an unreachable counterparty chain unreachable, asking it once', async () => {
    linkChains(hub, osmo, { count: 20 });
    osmo.setHang(true);
    const started = Date.now();
    const result = await scan({}, 300);
    expect(Date.now() - started).toBeLessThan(2000); // one timeout, not one per client
    expect(result.unreachable.has('osmo-1')).toBe(true);
    expect(result.reachable.has('osmo-1')).toBe(false);
    const cp = result.clients.filter((f) => f.chainId === 'osmo-1');
    expect(cp).toHaveLength(21);
    expect(cp.every((f) => f.unreachable === true && f.observation === undefined)).toBe(true);
    expect(result.clients.filter((f) => f.chainId === 'hub-4' && f.observation?.status === 'Active')).toHaveLength(21);
  });

  it('fails over inside a scan without a trace in the result', async () => {
    const backup = await hub.addEndpoint();
    chains.set('hub-4', testChain('hub-4', [hub.url, backup.url]));
    hub.endpoints[0]?.setDown(true);
    const result = await scan();
    expect(result.unreachable.size).toBe(0);
    expect(result.clients.every((f) => f.observation?.status === 'Active')).toBe(true);
  });

  it('handles 3,000 connections (no 300 cap), every client once', async () => {
    linkChains(hub, osmo, { count: 2999 });
    // Skipping every client keeps this test light (the client reads are timed in bench/): what is tested
    // is that every page is read and both ends of every connection are found once.
    const result = await scan({ plan: () => 'skip', trackedChainOf: (chainId) => (chainId === 'hub-4' ? 'osmo-1' : 'hub-4') });
    expect(result.connections).toBe(3000);
    expect(result.clients).toHaveLength(6000);
    expect(new Set(result.clients.map((f) => `${f.chainId}/${f.clientId}`)).size).toBe(6000);
    expect(result.clients.filter((f) => f.chainId === 'osmo-1')).toHaveLength(3000);
    expect(result.clients.every((f) => f.skipped === true)).toBe(true);
    expect(result.requests).toBe(30 + 2); // 30 pages + chain-id check and latest block
  });
});
