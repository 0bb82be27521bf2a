import { FakeCosmosChain } from '@herald/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChainQueryError, ChainUnreachableError, type ChainRpc } from '../types.js';
import { createChainRpc } from './chain-rpc.js';
import { testChain } from './test-support.js';

const BLOCK_TIME = new Date('2026-11-30T12:00:00.000Z');

describe('createChainRpc: endpoints, failover and errors', () => {
  let chain: FakeCosmosChain;
  let other: FakeCosmosChain;
  let second: string;
  const rpcs: ChainRpc[] = [];
  const open = (urls: string[], options: Partial<Parameters<typeof createChainRpc>[1]> = {}): ChainRpc => {
    const rpc = createChainRpc(testChain('host-1', urls), { timeoutMs: 2000, ...options });
    rpcs.push(rpc);
    return rpc;
  };

  beforeEach(async () => {
    chain = await FakeCosmosChain.start({ chainId: 'host-1', height: 500, time: BLOCK_TIME });
    second = (await chain.addEndpoint()).url;
    other = await FakeCosmosChain.start({ chainId: 'other-7' });
  });

  afterEach(async () => {
    for (const rpc of rpcs.splice(0)) rpc.close();
    await Promise.all([chain.close(), other.close()]);
  });

  it('uses the first endpoint while it answers, and counts every request sent', async () => {
    const rpc = open([chain.url, second]);
    const block = await rpc.latestBlock();
    expect(block).toEqual({ chainId: 'host-1', height: 500n, time: BLOCK_TIME });
    await rpc.latestBlock();
    expect(chain.requests({ endpoint: 1 })).toHaveLength(0);
    expect(rpc.requestCount).toBe(3); // chain-id check on first contact + 2 × status
    expect(chain.requests({ endpoint: 0 })).toHaveLength(3);
  });

  it('fails over to the next endpoint when the first is down, without an error, and stays there', async () => {
    chain.endpoints[0]?.setDown(true);
    const rpc = open([chain.url, second]);
    expect((await rpc.latestBlock()).height).toBe(500n);
    chain.clearRequests();
    await rpc.balance('cosmos1abc', 'uatom');
    expect(chain.requests().map((r) => r.endpoint)).toEqual([1]); // sticky: the dead one is not tried first again
  });

  it('goes back to the preferred (first) endpoint after preferredRetryMs', async () => {
    let now = 0;
    const rpc = open([chain.url, second], { preferredRetryMs: 60_000, now: () => now });
    chain.endpoints[0]?.setDown(true);
    await rpc.latestBlock();
    chain.endpoints[0]?.setDown(false);
    chain.clearRequests();
    now = 59_000;
    await rpc.latestBlock();
    expect(chain.requests().map((r) => r.endpoint)).toEqual([1]);
    now = 60_000;
    await rpc.latestBlock();
    expect(chain.requests().map((r) => r.endpoint).slice(1)).toEqual([0, 0]); // chain-id check again, then status
    chain.clearRequests();
    await rpc.latestBlock();
    expect(chain.requests().map((r) => r.endpoint)).toEqual([0]);
  });

  it('times out a hanging endpoint and answers from the next one', async () => {
    chain.endpoints[0]?.setHang(true);
    const rpc = open([chain.url, second], { timeoutMs: 200 });
    const started = Date.now();
    expect((await rpc.latestBlock()).height).toBe(500n);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('treats an HTTP error status as an endpoint failure', async () => {
    chain.endpoints[0]?.setHttpStatus(502);
    const rpc = open([chain.url, second]);
    expect(await rpc.balance('cosmos1abc', 'uatom')).toBe(0n);
    chain.endpoints[1]?.setHttpStatus(503);
    const failure = await open([chain.url, second]).latestBlock().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChainUnreachableError);
    expect((failure as ChainUnreachableError).failures).toEqual([`${chain.url}: HTTP 502`, `${second}: HTTP 503`]);
  });

  it('rejects with ChainUnreachableError listing every endpoint, without credentials, paths or queries', async () => {
    chain.setDown(true);
    const withSecrets = chain.url.replace('http://', 'http://relayer:hunter2@') + '/apikey-123?token=s3cret';
    const dead = await FakeCosmosChain.start({ chainId: 'host-1' });
    await dead.close(); // nothing listens there any more: connection refused
    const rpc = open([withSecrets, second, dead.url]);
    const failure = await rpc.client('07-tendermint-0').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChainUnreachableError);
    const { failures, chainId, message } = failure as ChainUnreachableError;
    expect(chainId).toBe('host-1');
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(new RegExp(`^${chain.url}: connection failed \\(ECONNRESET\\)$`));
    expect(failures[2]).toBe(`${dead.url}: connection failed (ECONNREFUSED)`);
    expect(message).not.toMatch(/hunter2|relayer|apikey|s3cret/);
  });

  it('sends the user info of an RPC URL as basic auth (fetch refuses URLs with credentials)', async () => {
    const rpc = open([chain.url.replace('http://', 'http://relayer:hunter2@')]);
    expect((await rpc.latestBlock()).height).toBe(500n);
  });

  it('refuses an endpoint serving another chain, saying which, and uses the next one', async () => {
    const alone = await open([other.url]).latestBlock().catch((e: unknown) => e);
    expect(alone).toBeInstanceOf(ChainUnreachableError);
    expect((alone as Error).message).toContain(`${other.url}: serves other-7, not host-1`);
    const rpc = open([other.url, chain.url]);
    expect((await rpc.latestBlock()).chainId).toBe('host-1');
    expect(other.requests({ method: 'abci_query' })).toHaveLength(0);
  });

  it('turns an ABCI error code into ChainQueryError without trying other endpoints', async () => {
    chain.setPathError('/cosmos.bank.v1beta1.Query/Balance', { code: 22, log: 'boom' });
    const rpc = open([chain.url, second]);
    const failure = await rpc.balance('cosmos1abc', 'uatom').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChainQueryError);
    expect(failure).toMatchObject({ chainId: 'host-1', code: 22, message: 'host-1: boom' });
    expect(chain.requests({ endpoint: 1 })).toHaveLength(0);
  });
});
