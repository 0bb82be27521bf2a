import { FakeCosmosChain, linkChains } from '@herald/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChainRpc } from './rpc/chain-rpc.js';
import { testChain } from './rpc/test-support.js';
import { scanMonitoredChain, type ScanInput } from './scan.js';
import type { Chain, ChainRpc } from './types.js';

const HUB_TIME = new Date('2026-11-30T12:00:00.000Z');
const OSMO_TIME = new Date('2026-11-30T11:59:00.000Z');
const DAY = 86_400;

describe('scanMonitoredChain', () => {
  let hub: FakeCosmosChain;
  let osmo: FakeCosmosChain;
  let chains: Map<string, Chain>;
  let rpcs: Map<string, ChainRpc>;

  const rpcFor = (chainId: string): ChainRpc => {
    let rpc = rpcs.get(chainId);
    if (rpc === undefined) {
      const chain = chains.get(chainId);
      if (chain === undefined) throw new Error(`test: no chain ${chainId}`);
      rpcs.set(chainId, (rpc = createChainRpc(chain, { timeoutMs: 2000 })));
    }
    return rpc;
  };
  const scan = (overrides: Partial<ScanInput> = {}) =>
    scanMonitoredChain({ monitor: { chainId: 'hub-4', connections: 'all' }, chains, rpcFor, concurrency: 8, ...overrides });

  beforeEach(async () => {
    hub = await FakeCosmosChain.start({ chainId: 'hub-4', height: 9000, time: HUB_TIME });
    osmo = await FakeCosmosChain.start({ chainId: 'osmo-1', height: 7000, time: OSMO_TIME });
    chains = new Map([['hub-4', testChain('hub-4', [hub.url])], ['osmo-1', testChain('osmo-1', [osmo.url])]]);
    rpcs = new Map();
  });

  afterEach(async () => {
    for (const rpc of rpcs.values()) rpc.close();
    await Promise.all([hub.close(), osmo.close()]);
  });

  it('scan-all: both ends of every open connection, each judged by its own host block time, 3 requests per client', async () => {
    const links = linkChains(hub, osmo, { count: 3, trustingPeriodSeconds: 14 * DAY, lastUpdate: new Date('2026-11-20T00:00:00Z') });
    linkChains(hub, osmo, { count: 2, state: 'STATE_TRYOPEN' });
    hub.addConnection({ connectionId: 'connection-99', clientId: '07-tendermint-0', state: 'STATE_INIT', counterparty: { clientId: '', connectionId: '' } });
    const result = await scan();

    expect(result.connections).toBe(3);
    expect(result.warnings).toEqual([]);
    expect(result.unreachable.size).toBe(0);
    expect([...result.reachable.keys()].sort()).toEqual(['hub-4', 'osmo-1']);
    expect(result.clients).toHaveLength(6);
    const [first] = links;
    expect(result.clients.find((f) => f.chainId === 'hub-4' && f.clientId === first?.a.clientId)).toEqual({
      chainId: 'hub-4', clientId: first?.a.clientId, monitoredChainId: 'hub-4',
      connectionId: first?.a.connectionId, counterpartyConnectionId: first?.b.connectionId, counterpartyClientId: first?.b.clientId,
      observation: { clientId: first?.a.clientId, status: 'Active', trackedChainId: 'osmo-1', trustingPeriodSeconds: 14 * DAY, latestHeight: '1-7000', frozen: false, lastUpdateAt: new Date('2026-11-20T00:00:00Z') },
      hostTime: HUB_TIME,
    });
    expect(result.clients.find((f) => f.chainId === 'osmo-1' && f.clientId === first?.b.clientId)).toMatchObject({
      monitoredChainId: 'hub-4', connectionId: first?.b.connectionId, counterpartyConnectionId: first?.a.connectionId, counterpartyClientId: first?.a.clientId,
      observation: { trackedChainId: 'hub-4', latestHeight: '4-9000' }, hostTime: OSMO_TIME,
    });
    // 6 clients × 3 queries + 1 page + (chain-id check + latest block) per chain
    expect(result.requests).toBe(6 * 3 + 1 + 2 * 2);
  });

  it('configured mode resolves the counterparty too (the seed crashed there), and warns about missing or unopened ids', async () => {
    const [open, other] = linkChains(hub, osmo, { count: 2 });
    const [tryopen] = linkChains(hub, osmo, { state: 'STATE_TRYOPEN' });
    const result = await scan({ monitor: { chainId: 'hub-4', connections: [open?.a.connectionId ?? '', tryopen?.a.connectionId ?? '', 'connection-404'] } });

    expect(result.connections).toBe(1);
    expect(result.clients.map((f) => `${f.chainId}/${f.clientId}`)).toEqual([`hub-4/${open?.a.clientId}`, `osmo-1/${open?.b.clientId}`]);
    expect(result.clients.map((f) => f.observation?.status)).toEqual(['Active', 'Active']);
    expect(result.clients.some((f) => f.clientId === other?.a.clientId)).toBe(false);
    expect(result.warnings.map((w) => w.key).sort()).toEqual(['connection-not-found:hub-4:connection-404', `connection-not-open:hub-4:${tryopen?.a.connectionId}`]);
    expect(result.warnings.find((w) => w.key.startsWith('connection-not-open'))?.message).toContain('STATE_TRYOPEN');
  });

  it('reads the counterparty client even when the host client has expired (the seed skipped it)', async () => {
    const [link] = linkChains(hub, osmo, { trustingPeriodSeconds: DAY, lastUpdate: new Date('2026-11-01T00:00:00Z') });
    osmo.updateClient(link?.b.clientId ?? '', new Date('2026-11-30T10:00:00Z'));
    const result = await scan();
    expect(result.clients.map((f) => [f.chainId, f.observation?.status])).toEqual([['hub-4', 'Expired'], ['osmo-1', 'Active']]);
    expect(result.clients[1]?.observation?.lastUpdateAt).toEqual(new Date('2026-11-30T10:00:00Z'));
  });

  it('warns once about a counterparty chain missing from ibc.chains, naming it and its connections', async () => {
    const juno = await FakeCosmosChain.start({ chainId: 'juno-1' });
    try {
      const links = linkChains(hub, juno, { count: 2 });
      linkChains(hub, osmo);
      const result = await scan();
      expect(result.warnings).toHaveLength(1);
      const [warning] = result.warnings;
      expect(warning?.key).toBe('counterparty-not-configured:hub-4:juno-1');
      expect(warning?.message).toContain('juno-1');
      expect(warning?.message).toContain('ibc.chains');
      for (const link of links) expect(warning?.message).toContain(link.a.connectionId);
      expect(result.clients.filter((f) => f.chainId === 'juno-1')).toEqual([]);
      expect(result.clients.filter((f) => f.chainId === 'hub-4')).toHaveLength(3); // the hub's own clients are still judged
      expect(juno.requests()).toHaveLength(0);
    } finally {
      await juno.close();
    }
  });

  it('reads a client shared by several connections once, on each side', async () => {
    const [link] = linkChains(hub, osmo);
    hub.addConnection({ connectionId: 'connection-50', clientId: link?.a.clientId ?? '', state: 'STATE_OPEN', counterparty: { clientId: link?.b.clientId ?? '', connectionId: 'connection-60' } });
    const result = await scan();
    expect(result.connections).toBe(2);
    expect(result.clients).toHaveLength(2);
    expect(hub.requests({ path: '/ibc.core.client.v1.Query/ClientStatus' })).toHaveLength(1);
    expect(osmo.requests({ path: '/ibc.core.client.v1.Query/ClientStatus' })).toHaveLength(1);
  });

  it('keeps a 09-localhost connection as a finding that tracks no chain, without failing the scan', async () => {
    hub.addOtherClient({ clientId: '09-localhost', type: 'localhost' });
    hub.addConnection({ connectionId: 'connection-localhost', clientId: '09-localhost', state: 'STATE_OPEN', counterparty: { clientId: '09-localhost', connectionId: 'connection-localhost' } });
    linkChains(hub, osmo);
    const result = await scan();
    expect(result.clients.find((f) => f.clientId === '09-localhost')).toMatchObject({ chainId: 'hub-4', observation: { status: 'Active', trackedChainId: null } });
    expect(result.clients).toHaveLength(3);
  });

  it('puts a per-client refusal in that finding’s error', async () => {
    const [link] = linkChains(hub, osmo);
    hub.addConnection({ connectionId: 'connection-70', clientId: link?.a.clientId ?? '', state: 'STATE_OPEN', counterparty: { clientId: '07-tendermint-404', connectionId: 'connection-71' } });
    const result = await scan();
    expect(result.clients.find((f) => f.clientId === '07-tendermint-404')).toMatchObject({ chainId: 'osmo-1', error: expect.stringContaining('not found') });
    expect(result.clients.filter((f) => f.observation !== undefined)).toHaveLength(2);
  });
});
