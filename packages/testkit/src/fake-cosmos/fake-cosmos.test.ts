import { QueryClient, setupBankExtension, setupIbcExtension, StargateClient, createProtobufRpcClient } from '@cosmjs/stargate';
import { Comet38Client, HttpClient, connectComet } from '@cosmjs/tendermint-rpc';
import { QueryClientImpl as IbcClientQuery, QueryClientStatusRequest, QueryClientStatusResponse } from 'cosmjs-types/ibc/core/client/v1/query';
import { State } from 'cosmjs-types/ibc/core/connection/v1/connection';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCosmosChain } from './fake-cosmos.js';

const ADDR = 'cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu';
const BLOCK_TIME = new Date('2026-11-30T12:00:00.000Z');
const DAY = 86_400;

describe('FakeCosmosChain with the real cosmjs 0.39 clients', () => {
  let chain: FakeCosmosChain;
  const toClose: Array<{ disconnect(): void }> = [];

  beforeEach(async () => {
    chain = await FakeCosmosChain.start({ chainId: 'hostchain-2', height: 12345, time: BLOCK_TIME });
    chain.setBalance(ADDR, 'uatom', '1500000');
    chain.setBalance(ADDR, 'ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2', 7);
    chain.addClient({
      clientId: '07-tendermint-0',
      counterpartyChainId: 'otherchain-1',
      trustingPeriodSeconds: 14 * DAY,
      latestHeight: 999,
      lastUpdate: new Date('2026-11-20T10:00:00.000Z'),
    });
    chain.addClient({
      clientId: '07-tendermint-1',
      counterpartyChainId: 'stale-3',
      trustingPeriodSeconds: 1 * DAY,
      latestHeight: { revisionNumber: 3, revisionHeight: 50 },
      lastUpdate: new Date('2026-11-01T00:00:00.000Z'),
    });
    chain.addClient({
      clientId: '07-tendermint-2',
      counterpartyChainId: 'evil-1',
      trustingPeriodSeconds: 14 * DAY,
      latestHeight: 10,
      lastUpdate: new Date('2026-11-29T00:00:00.000Z'),
      frozen: true,
    });
  });

  afterEach(async () => {
    for (const c of toClose.splice(0)) c.disconnect();
    await chain.close();
  });

  async function ibcQueries(timeoutMs = 2000) {
    const comet = Comet38Client.create(new HttpClient(chain.url, timeoutMs));
    toClose.push(comet);
    return { comet, q: QueryClient.withExtensions(comet, setupIbcExtension, setupBankExtension) };
  }

  it('serves status and bank queries to StargateClient', async () => {
    const client = await StargateClient.connect(chain.url);
    toClose.push(client);
    expect(await client.getChainId()).toBe('hostchain-2');
    expect(await client.getHeight()).toBe(12345);
    expect(await client.getBalance(ADDR, 'uatom')).toEqual({ denom: 'uatom', amount: '1500000' });
    expect(await client.getBalance(ADDR, 'uosmo')).toEqual({ denom: 'uosmo', amount: '0' });
    const all = await client.getAllBalances(ADDR);
    expect(all.map((c) => c.denom)).toEqual(['ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2', 'uatom']);
    expect(chain.requests({ method: 'abci_query' }).map((r) => r.path)).toEqual([
      '/cosmos.bank.v1beta1.Query/Balance',
      '/cosmos.bank.v1beta1.Query/Balance',
      '/cosmos.bank.v1beta1.Query/AllBalances',
    ]);
  });

  it('picks Comet38 from node_info.version and reports settable height and block time', async () => {
    const comet = await connectComet(chain.url);
    toClose.push(comet);
    expect(comet).toBeInstanceOf(Comet38Client);
    let status = await comet.status();
    expect(status.nodeInfo.version).toBe('0.38.17');
    expect(status.syncInfo.latestBlockTime.toISOString()).toBe(BLOCK_TIME.toISOString());
    chain.setBlock({ height: 20000, time: new Date('2026-12-01T00:00:05.000Z') });
    status = await comet.status();
    expect(status.syncInfo.latestBlockHeight).toBe(20000);
    expect(status.syncInfo.latestBlockTime.toISOString()).toBe('2026-12-01T00:00:05.000Z');
  });

  it('serves IBC client state and consensus state (latest and by height)', async () => {
    const { q } = await ibcQueries();
    const state = await q.ibc.client.stateTm('07-tendermint-0');
    expect(state.chainId).toBe('otherchain-1');
    expect(state.trustingPeriod.seconds).toBe(BigInt(14 * DAY));
    expect(state.latestHeight).toEqual({ revisionNumber: 1n, revisionHeight: 999n });
    expect(state.frozenHeight.revisionHeight).toBe(0n);
    expect((await q.ibc.client.stateTm('07-tendermint-2')).frozenHeight.revisionHeight).toBe(1n);

    const latest = await q.ibc.client.consensusStateTm('07-tendermint-0');
    expect(Number(latest.timestamp.seconds) * 1000).toBe(Date.parse('2026-11-20T10:00:00.000Z'));

    chain.addConsensusState('07-tendermint-1', { revisionNumber: 3, revisionHeight: 40 }, new Date('2026-10-31T00:00:00.000Z'));
    const older = await q.ibc.client.consensusStateTm('07-tendermint-1', { revisionNumber: 3n, revisionHeight: 40n });
    expect(Number(older.timestamp.seconds) * 1000).toBe(Date.parse('2026-10-31T00:00:00.000Z'));
    await expect(q.ibc.client.consensusStateTm('07-tendermint-1', { revisionNumber: 3n, revisionHeight: 41n })).rejects.toThrow(
      /Query failed with \(38\).*consensus state not found/,
    );
    await expect(q.ibc.client.stateTm('07-tendermint-99')).rejects.toThrow(/Query failed with \(38\)/);
  });

  it('answers ClientStatus from the host block time, the frozen flag, or a forced status', async () => {
    const { comet, q } = await ibcQueries();
    const viaAbci = async (clientId: string): Promise<string> => {
      const res = await q.queryAbci('/ibc.core.client.v1.Query/ClientStatus', QueryClientStatusRequest.encode({ clientId }).finish());
      return QueryClientStatusResponse.decode(res.value).status;
    };
    const impl = new IbcClientQuery(createProtobufRpcClient(QueryClient.withExtensions(comet)));
    expect(await viaAbci('07-tendermint-0')).toBe('Active');
    expect((await impl.ClientStatus({ clientId: '07-tendermint-1' })).status).toBe('Expired');
    expect(await viaAbci('07-tendermint-2')).toBe('Frozen');
    expect(await viaAbci('07-tendermint-404')).toBe('Unknown');

    // Expiry follows the host chain's block time, not the wall clock.
    chain.setBlock({ time: new Date('2026-12-04T10:00:00.000Z') });
    expect(await viaAbci('07-tendermint-0')).toBe('Expired');
    chain.setClientStatus('07-tendermint-0', 'Active');
    expect(await viaAbci('07-tendermint-0')).toBe('Active');
    chain.setClientStatus('07-tendermint-0', 'Unknown');
    expect(await viaAbci('07-tendermint-0')).toBe('Unknown');
  });

  it('serves Connection, ConnectionClientState and 250 connections with key pagination in store order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      const connectionId = `connection-${i}`;
      ids.push(connectionId);
      chain.addConnection({
        connectionId,
        clientId: '07-tendermint-0',
        state: i % 3 === 0 ? 'STATE_OPEN' : i % 3 === 1 ? 'STATE_INIT' : 'STATE_TRYOPEN',
        counterparty: { clientId: `07-tendermint-${i + 100}`, connectionId: `connection-${i + 500}` },
      });
    }
    const storeOrder = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(storeOrder.slice(0, 4)).toEqual(['connection-0', 'connection-1', 'connection-10', 'connection-100']);

    const { q } = await ibcQueries();
    chain.clearRequests();
    const all = await q.ibc.connection.allConnections();
    expect(all.connections.map((c) => c.id)).toEqual(storeOrder);
    expect(all.height).toEqual({ revisionNumber: 2n, revisionHeight: 12345n });
    expect(chain.requests({ path: '/ibc.core.connection.v1.Query/Connections' })).toHaveLength(3); // 100 + 100 + 50

    const first = await q.ibc.connection.connections();
    expect(first.connections).toHaveLength(100);
    expect(first.pagination?.total).toBe(250n);
    const second = await q.ibc.connection.connections(first.pagination?.nextKey);
    expect(second.connections[0]?.id).toBe(storeOrder[100]);
    expect(second.pagination?.total).toBe(0n);

    const one = await q.ibc.connection.connection('connection-8');
    expect(one.connection?.state).toBe(State.STATE_TRYOPEN);
    expect(one.connection?.counterparty.connectionId).toBe('connection-508');
    const cs = await q.ibc.connection.clientState('connection-7');
    expect(cs.identifiedClientState?.clientId).toBe('07-tendermint-0');
    expect(cs.identifiedClientState?.clientState?.typeUrl).toBe('/ibc.lightclients.tendermint.v1.ClientState');
  });

  it('answers a non-zero code for unknown paths and for a per-path error', async () => {
    const { q } = await ibcQueries();
    await expect(q.queryAbci('/cosmos.staking.v1beta1.Query/Validators', new Uint8Array())).rejects.toThrow(
      /Query failed with \(6\): unknown query path/,
    );
    chain.setPathError('/cosmos.bank.v1beta1.Query/Balance', { code: 22, log: 'boom' });
    await expect(q.bank.balance(ADDR, 'uatom')).rejects.toThrow('Query failed with (22): boom');
    chain.setPathError('/cosmos.bank.v1beta1.Query/Balance', null);
    expect((await q.bank.balance(ADDR, 'uatom')).amount).toBe('1500000');
  });

  it('setDown resets connections; setHang makes a client with a timeout fail', async () => {
    const { comet } = await ibcQueries(300);
    expect((await comet.status()).nodeInfo.network).toBe('hostchain-2');

    chain.setDown(true);
    await expect(comet.status()).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
    await expect(StargateClient.connect(chain.url)).rejects.toThrow();
    chain.setDown(false);
    expect((await comet.status()).nodeInfo.network).toBe('hostchain-2');

    chain.setHang(true);
    const started = Date.now();
    await expect(comet.status()).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(chain.requests({ method: 'status' }).length).toBeGreaterThanOrEqual(3);
    chain.setHang(false);
    expect((await comet.status()).syncInfo.latestBlockHeight).toBe(12345);
  });
});
