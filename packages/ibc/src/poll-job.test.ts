import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from '@herald/logging/testing';
import type { RecordedEvent } from '@herald/pipeline';
import { linkChains } from '@herald/testkit';
import { createIbcJobHandlers, MonitoredChainUnreachableError } from './poll-job.js';
import { DAY, ibcFixture, type IbcFixture } from './test-harness.js';

let f: IbcFixture;
let enqueued: RecordedEvent[][];
let refreshes: number;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('IBC job handlers', () => {
  beforeEach(async () => {
    f = await ibcFixture();
    enqueued = [];
    refreshes = 0;
  });
  afterEach(async () => {
    await f.close();
  });

  const handlers = (logger = captureLogs().logger) => {
    const { monitor: _monitor, ...poll } = f.pollOptions('hub-1', { logger });
    return createIbcJobHandlers({
      poll,
      monitors: [{ chainId: 'hub-1', connections: 'all' }],
      wallets: f.walletOptions(),
      enqueue: async (events) => void enqueued.push(events),
      refreshStatus: async () => void refreshes++,
      logger,
    });
  };

  it('enqueues what a poll recorded, asks for a status refresh after every poll, and logs at info only when something happened', async () => {
    linkChains(f.hub, f.osmo);
    const { logger, lines } = captureLogs();
    const jobs = handlers(logger);
    await jobs.pollChain('hub-1');
    await jobs.pollChain('hub-1');
    f.hub.advance(12 * DAY);
    await jobs.pollChain('hub-1');
    await jobs.pollWallets();
    expect(enqueued.map((batch) => batch.map((e) => e.fingerprint))).toEqual([[], [], ['ibc.client.hub-1.07-tendermint-0.1'], []]);
    expect(refreshes).toBe(4);
    expect(await jobs.pollChain('gone-1')).toBeNull();
    await tick();
    const polls = lines.filter((l) => l.msg === 'ibc poll').map((l) => [l.level, l.recorded]);
    expect(polls).toEqual([
      [30, 0], // the first poll since start
      [30, 1],
    ]);
  });

  it('records and enqueues what it found, then reports a monitored chain that cannot be read as a failure', async () => {
    linkChains(f.hub, f.osmo);
    const jobs = handlers();
    await jobs.pollChain('hub-1');
    f.hub.setDown(true);
    const failure = await jobs.pollChain('hub-1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MonitoredChainUnreachableError);
    expect((failure as MonitoredChainUnreachableError).chainId).toBe('hub-1');
    expect(enqueued.at(-1)!.map((e) => e.fingerprint)).toEqual(['ibc.chain.hub-1.1']);
    expect(refreshes).toBe(2);
  });
});
