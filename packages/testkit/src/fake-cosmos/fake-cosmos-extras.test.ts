import { QueryClient, setupIbcExtension } from '@cosmjs/stargate';
import { Comet38Client, HttpClient } from '@cosmjs/tendermint-rpc';
import { Bech32PrefixRequest, Bech32PrefixResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { QueryParamsRequest, QueryParamsResponse } from 'cosmjs-types/cosmos/mint/v1beta1/query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCosmosChain } from './fake-cosmos.js';
import { linkChains } from './link.js';

const DAY = 86_400;

describe('FakeCosmosChain: endpoints, latency, clock, module parameters and linked chains', () => {
  let hub: FakeCosmosChain;
  let osmo: FakeCosmosChain;
  const clients: Comet38Client[] = [];
  const queries = (url: string, timeoutMs = 2000) => {
    const comet = Comet38Client.create(new HttpClient(url, timeoutMs));
    clients.push(comet);
    return QueryClient.withExtensions(comet, setupIbcExtension);
  };

  beforeEach(async () => {
    hub = await FakeCosmosChain.start({ chainId: 'hub-4', height: 9000, time: new Date('2026-11-30T12:00:00Z'), bech32Prefix: 'cosmos', mintDenom: 'uatom' });
    osmo = await FakeCosmosChain.start({ chainId: 'osmo-1', height: 7000, time: new Date('2026-11-30T12:00:00Z') });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await Promise.all([hub.close(), osmo.close()]);
  });

  it('answers Bech32Prefix and mint Params (what register_chain checks); a chain without mint answers code 6', async () => {
    const q = queries(hub.url);
    const prefix = await q.queryAbci('/cosmos.auth.v1beta1.Query/Bech32Prefix', Bech32PrefixRequest.encode({}).finish());
    expect(Bech32PrefixResponse.decode(prefix.value).bech32Prefix).toBe('cosmos');
    const mint = await q.queryAbci('/cosmos.mint.v1beta1.Query/Params', QueryParamsRequest.encode({}).finish());
    expect(QueryParamsResponse.decode(mint.value).params.mintDenom).toBe('uatom');
    hub.setMintDenom(null);
    await expect(q.queryAbci('/cosmos.mint.v1beta1.Query/Params', new Uint8Array())).rejects.toThrow(/Query failed with \(6\): unknown query path/);
  });

  it('serves one state from several endpoints, each with its own faults, and logs which one was asked', async () => {
    const second = await hub.addEndpoint();
    hub.endpoints[0]?.setDown(true);
    const q = queries(second.url);
    expect((await q.ibc.connection.connections()).connections).toEqual([]);
    await expect(queries(hub.url).ibc.connection.connections()).rejects.toThrow('fetch failed');
    expect(hub.requests({ endpoint: 1 })).toHaveLength(1);
    second.setHttpStatus(502);
    await expect(q.ibc.connection.connections()).rejects.toThrow('Bad status on response: 502');
    second.setHttpStatus(null);
    hub.setDown(true); // chain level: every endpoint
    await expect(q.ibc.connection.connections()).rejects.toThrow('fetch failed');
  });

  it('waits setLatency ms before each answer (an endpoint’s own latency wins)', async () => {
    hub.setLatency(120);
    let started = Date.now();
    await queries(hub.url).ibc.connection.connections();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    hub.endpoints[0]?.setLatency(0);
    started = Date.now();
    await queries(hub.url).ibc.connection.connections();
    expect(Date.now() - started).toBeLessThan(110);
  });

  it('links two chains with mirrored clients and connections, continuing after existing ids', async () => {
    hub.addClient({ clientId: '07-tendermint-4', counterpartyChainId: 'x-1', trustingPeriodSeconds: DAY, latestHeight: 1, lastUpdate: new Date() });
    const links = linkChains(hub, osmo, { count: 2, trustingPeriodSeconds: 10 * DAY, lastUpdate: new Date('2026-11-25T00:00:00Z') });
    expect(links[0]).toEqual({
      a: { chainId: 'hub-4', clientId: '07-tendermint-5', connectionId: 'connection-0' },
      b: { chainId: 'osmo-1', clientId: '07-tendermint-0', connectionId: 'connection-0' },
    });
    expect(links[1]?.a.clientId).toBe('07-tendermint-6');
    const onHub = await queries(hub.url).ibc.client.stateTm('07-tendermint-5');
    expect(onHub.chainId).toBe('osmo-1');
    expect(onHub.latestHeight).toEqual({ revisionNumber: 1n, revisionHeight: 7000n });
    const onOsmo = (await queries(osmo.url).ibc.connection.connection('connection-1')).connection;
    expect(onOsmo?.clientId).toBe('07-tendermint-1');
    expect(onOsmo?.counterparty).toMatchObject({ clientId: '07-tendermint-6', connectionId: 'connection-1' });
  });

  it('advances the clock; updateClient brings an expired client back with a new height and consensus state', async () => {
    const [link] = linkChains(hub, osmo, { trustingPeriodSeconds: DAY, lastUpdate: new Date('2026-11-30T00:00:00Z') });
    const clientId = link?.a.clientId ?? '';
    hub.advance(12 * 3600);
    expect(hub.block).toEqual({ height: 9000 + 7200, time: new Date('2026-12-01T00:00:00Z') });
    expect(hub.clientStatus(clientId)).toBe('Expired');
    hub.updateClient(clientId, new Date('2026-11-30T23:59:00Z'));
    expect(hub.clientStatus(clientId)).toBe('Active');
    const q = queries(hub.url);
    const state = await q.ibc.client.stateTm(clientId);
    expect(state.latestHeight.revisionHeight).toBe(7001n);
    const consensus = await q.ibc.client.consensusStateTm(clientId, state.latestHeight);
    expect(Number(consensus.timestamp.seconds) * 1000).toBe(Date.parse('2026-11-30T23:59:00Z'));
  });

  it('pages 3,000 connections in store order, 30 requests', async () => {
    linkChains(hub, osmo, { count: 3000 });
    const all = await queries(hub.url).ibc.connection.allConnections();
    expect(all.connections).toHaveLength(3000);
    expect(all.connections.slice(0, 3).map((c) => c.id)).toEqual(['connection-0', 'connection-1', 'connection-10']);
    expect(hub.requests({ path: '/ibc.core.connection.v1.Query/Connections' })).toHaveLength(30);
  });
});
