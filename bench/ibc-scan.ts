/**
 * Full scans of one monitored chain by the built ibc-poller, at Herald's default settings
 * (concurrency 16, request timeout 10 s): `--connections` open connections (default 300, i.e. 600
 * clients: both ends) to a counterparty chain, both RPCs answering every request after `--latency` ms
 * (default 20), then the same with `--large` connections (default 3,000). Wall time and requests come
 * from the poller's own `ibc poll` log line (first poll since start); the peak RSS is the kernel's
 * high-water mark (VmHWM) of the poller process after the scan.
 *
 *   node --conditions=source --import tsx bench/ibc-scan.ts [--connections 300] [--large 3000] [--latency 20] [--json PATH]
 */
import { FakeCosmosChain, linkChains } from '@herald/testkit';
import { chainEntry, createIbcStack } from '../tests/e2e/ibc-harness.js';
import { rssHighWaterKb } from './lib/proc.js';
import { benchArgs, ms, report } from './lib/results.js';
import { logLines } from './lib/stack.js';

const { values: params, json } = benchArgs({ connections: 300, large: 3000, latency: 20 });
const goals = { scanMs: 5000, rssMb: 150 };

interface ScanFigures {
  connections: number;
  clients: number;
  scanMs: number;
  requests: number;
  requestsPerClient: number;
  peakRssMb: number;
  clientsStored: number;
}

async function scan(connections: number): Promise<ScanFigures> {
  const stack = await createIbcStack();
  const hub = await FakeCosmosChain.start({ chainId: 'hub-1' });
  const osmo = await FakeCosmosChain.start({ chainId: 'osmo-1' });
  try {
    linkChains(hub, osmo, { count: connections });
    hub.setLatency(params.latency);
    osmo.setLatency(params.latency);
    // Default settings but a long poll interval, so exactly one scan is measured.
    stack.configure({ chains: [chainEntry(hub), chainEntry(osmo)], monitor: [{ chainId: 'hub-1' }], pollInterval: '1h' });
    const poller = stack.start('ibc-poller', [], { LOG_LEVEL: 'info' });
    await poller.waitFor(/"msg":"ibc poll"/, 300_000);
    const line = logLines(poller).find((l) => l.msg === 'ibc poll')!;
    const peakRssMb = Math.round((rssHighWaterKb(poller.child.pid!) ?? 0) / 1024);
    const stored = await stack.query<{ n: string }>('SELECT count(*) AS n FROM ibc_clients');
    const clients = connections * 2;
    const requests = Number(line.requests);
    return {
      connections,
      clients,
      scanMs: Number(line.ms),
      requests,
      requestsPerClient: Math.round((requests / clients) * 100) / 100,
      peakRssMb,
      clientsStored: Number(stored[0]!.n),
    };
  } finally {
    await stack.close();
    await Promise.all([hub.close(), osmo.close()]);
  }
}

const small = await scan(params.connections);
console.log('  small scan:', JSON.stringify(small));
const large = await scan(params.large);
console.log('  large scan:', JSON.stringify(large));

report(
  {
    benchmark: 'ibc-scan',
    command: 'node --conditions=source --import tsx bench/ibc-scan.ts',
    parameters: { ...params, concurrency: 16, requestTimeout: '10s' },
    figures: { small, large },
    summary: [
      { figure: `scan of ${small.connections} connections (${small.clients} clients), ${params.latency} ms RPC`, value: ms(small.scanMs), goal: `≤ ${ms(goals.scanMs)}`, met: small.scanMs <= goals.scanMs && small.clientsStored === small.clients },
      { figure: 'RPC requests per client', value: String(small.requestsPerClient) },
      { figure: `scan of ${large.connections} connections (${large.clients} clients)`, value: ms(large.scanMs) },
      { figure: `ibc-poller peak RSS, ${large.connections} connections`, value: `${large.peakRssMb} MB`, goal: `≤ ${goals.rssMb} MB`, met: large.peakRssMb <= goals.rssMb && large.clientsStored === large.clients },
    ],
  },
  json,
);
