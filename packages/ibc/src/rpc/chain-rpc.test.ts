import { FakeCosmosChain } from '@herald/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChainQueryError, type ChainRpc } from '../types.js';
import { createChainRpc } from './chain-rpc.js';
import { testChain } from './test-support.js';

const BLOCK_TIME = new Date('2026-11-30T12:00:00.000Z');
const DAY = 86_400;
const CLIENT_STATUS = '/ibc.core.client.v1.Query/ClientStatus';

describe('createChainRpc: what a chain says about its light clients, connections and balances', () => {
  let chain: FakeCosmosChain;
  let rpc: ChainRpc;

  beforeEach(async () => {
    chain = await FakeCosmosChain.start({ chainId: 'host-1', height: 500, time: BLOCK_TIME });
    rpc = createChainRpc(testChain('host-1', [chain.url]), { timeoutMs: 2000 });
    await rpc.latestBlock(); // first contact (chain-id check) out of the way
    chain.clearRequests();
  });

  afterEach(async () => {
    rpc.close();
    await chain.close();
  });

  it('reads status, client state and the consensus state at the latest height (revision 3 too) in 3 requests', async () => {
    // Revision 3: cosmjs's number-only helpers would ask revision 0 and miss it.
    chain.addClient({ clientId: '07-tendermint-4', counterpartyChainId: 'other-3', trustingPeriodSeconds: 14 * DAY, latestHeight: 777, lastUpdate: new Date('2026-11-20T10:00:00.123Z') });
    const observation = await rpc.client('07-tendermint-4');
    expect(observation).toEqual({
      clientId: '07-tendermint-4',
      status: 'Active',
      trackedChainId: 'other-3',
      trustingPeriodSeconds: 14 * DAY,
      latestHeight: '3-777',
      frozen: false,
      lastUpdateAt: new Date('2026-11-20T10:00:00.123Z'),
    });
    expect(chain.requests().map((r) => r.path).sort()).toEqual(['/ibc.core.client.v1.Query/ClientState', CLIENT_STATUS, '/ibc.core.client.v1.Query/ConsensusState']);
  });

  it('reports expired (by the host block time) and frozen clients', async () => {
    chain.addClient({ clientId: '07-tendermint-0', counterpartyChainId: 'a-1', trustingPeriodSeconds: DAY, latestHeight: 9, lastUpdate: new Date('2026-11-01T00:00:00Z') });
    chain.addClient({ clientId: '07-tendermint-1', counterpartyChainId: 'b-1', trustingPeriodSeconds: DAY, latestHeight: 9, lastUpdate: BLOCK_TIME, frozen: true });
    expect(await rpc.client('07-tendermint-0')).toMatchObject({ status: 'Expired', frozen: false, lastUpdateAt: new Date('2026-11-01T00:00:00Z') });
    expect(await rpc.client('07-tendermint-1')).toMatchObject({ status: 'Frozen', frozen: true });
  });

  it('with statusOnly sends one request', async () => {
    chain.addClient({ clientId: '07-tendermint-0', counterpartyChainId: 'a-1', trustingPeriodSeconds: DAY, latestHeight: 9, lastUpdate: new Date('2026-11-01T00:00:00Z') });
    expect(await rpc.client('07-tendermint-0', { statusOnly: true })).toEqual({
      clientId: '07-tendermint-0', status: 'Expired', trackedChainId: null, trustingPeriodSeconds: null, latestHeight: null, frozen: false, lastUpdateAt: null,
    });
    expect(chain.requests()).toHaveLength(1);
  });

  it('does not throw on 09-localhost or wasm clients: they track no chain', async () => {
    chain.addOtherClient({ clientId: '09-localhost', type: 'localhost' });
    chain.addOtherClient({ clientId: '08-wasm-3', type: 'wasm', status: 'Expired' });
    expect(await rpc.client('09-localhost')).toEqual({ clientId: '09-localhost', status: 'Active', trackedChainId: null, trustingPeriodSeconds: null, latestHeight: null, frozen: false, lastUpdateAt: null });
    expect(await rpc.client('08-wasm-3')).toMatchObject({ status: 'Expired', trackedChainId: null, lastUpdateAt: null });
  });

  it('keeps status and client state when the consensus state at the latest height is gone (ibc-go then says Expired)', async () => {
    chain.addClient({ clientId: '07-tendermint-0', counterpartyChainId: 'a-1', trustingPeriodSeconds: DAY, latestHeight: 9, lastUpdate: BLOCK_TIME });
    chain.pruneConsensusState('07-tendermint-0', 9);
    expect(await rpc.client('07-tendermint-0')).toMatchObject({ status: 'Expired', trackedChainId: 'a-1', latestHeight: '1-9', lastUpdateAt: null });
  });

  it('rejects an unknown client with ChainQueryError (code 38, not found)', async () => {
    await expect(rpc.client('07-tendermint-404')).rejects.toMatchObject({ name: 'ChainQueryError', code: 38 });
  });

  it('reads exact balances as bigint (0 when the account holds none)', async () => {
    chain.setBalance('cosmos1abc', 'aevmos', '123456789012345678901234567890');
    expect(await rpc.balance('cosmos1abc', 'aevmos')).toBe(123456789012345678901234567890n);
    expect(await rpc.balance('cosmos1abc', 'uatom')).toBe(0n);
  });

  it('pages through 3,000 connections with pagination.key: every one with its state, one request per page', async () => {
    chain.addConnections(Array.from({ length: 3000 }, (_, i) => ({
      connectionId: `connection-${i}`,
      clientId: `07-tendermint-${i}`,
      state: i % 10 === 0 ? 'STATE_TRYOPEN' as const : 'STATE_OPEN' as const,
      counterparty: { clientId: `07-tendermint-${i + 7}`, connectionId: `connection-${i + 9}` },
    })));
    const before = rpc.requestCount;
    const all = await rpc.connections('all');
    expect(all).toHaveLength(3000);
    expect(new Set(all.map((c) => c.connectionId)).size).toBe(3000);
    expect(all.filter((c) => c.state === 'STATE_OPEN')).toHaveLength(2700);
    expect(all.find((c) => c.connectionId === 'connection-42')).toEqual({
      connectionId: 'connection-42', clientId: '07-tendermint-42', state: 'STATE_OPEN', counterparty: { clientId: '07-tendermint-49', connectionId: 'connection-51' },
    });
    expect(rpc.requestCount - before).toBe(30); // 100 per page (the SDK default)
  });

  it('stops paging after maxPages instead of looping on a node that never ends', async () => {
    chain.addConnections(Array.from({ length: 250 }, (_, i) => ({ connectionId: `connection-${i}`, clientId: '07-tendermint-0', state: 'STATE_OPEN' as const, counterparty: { clientId: 'x', connectionId: 'y' } })));
    const capped = createChainRpc(testChain('host-1', [chain.url]), { timeoutMs: 2000, maxPages: 2 });
    await expect(capped.connections('all')).rejects.toThrow(/stopped after 2 pages \(200 connections\)/);
    capped.close();
  });

  it('reads listed connections by id; a missing id rejects with ChainQueryError', async () => {
    chain.addConnection({ connectionId: 'connection-5', clientId: '07-tendermint-2', state: 'STATE_INIT', counterparty: { clientId: '07-tendermint-8', connectionId: '' } });
    expect(await rpc.connections(['connection-5'])).toEqual([
      { connectionId: 'connection-5', clientId: '07-tendermint-2', state: 'STATE_INIT', counterparty: { clientId: '07-tendermint-8', connectionId: '' } },
    ]);
    const missing = await rpc.connections(['connection-5', 'connection-77']).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ChainQueryError);
    expect((missing as Error).message).toMatch(/connection-77/);
  });
});
