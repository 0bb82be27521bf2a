import { FakeCosmosChain } from '../fake-cosmos/fake-cosmos.js';
import {
  demoChains,
  demoLinks,
  demoOutage,
  demoTimings,
  demoWallets,
  type DemoChainSpec,
  type Upkeep,
} from './scenario.js';
import { demoWallet, spend, type DemoWallet } from './wallets.js';
import { WallClockTicker } from '../wall-clock-ticker.js';

/** One simulated light client: where it lives, what it tracks, and how the relayer treats it. */
export interface DemoClient {
  chainId: string;
  clientId: string;
  connectionId: string;
  trackedChainId: string;
  trustingPeriodSeconds: number;
  upkeep: Upkeep;
  /** Block time of the tracked chain at the client's last update (its consensus state's timestamp). */
  lastUpdate: Date;
}

export interface IbcDemoOptions {
  /** The demo's clock at start (default: now); `tick(now)` moves it. */
  start?: Date;
  /** Told what the simulated relayer, governance and wallets do, in one line each (for the demo's log). */
  onActivity?: (line: string) => void;
}

const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

/**
 * The demo's simulated Cosmos: three fake chains (see scenario.ts) whose block time follows the
 * clock given to `tick`, a relayer that updates their light clients by policy, governance that
 * revives an expired client, wallets that pay fees every block (one is topped up), and a chain
 * outage. Deterministic: the same ticks give the same chain states (tests step it; `run()` ticks
 * it in real time for `npm start`).
 */
export class IbcDemo {
  readonly clients: DemoClient[] = [];
  private readonly wallets: DemoWallet[];
  private readonly ticker = new WallClockTicker();
  private outageOn = false;

  private constructor(
    readonly chains: ReadonlyMap<string, FakeCosmosChain>,
    readonly start: Date,
    private readonly onActivity: (line: string) => void,
  ) {
    this.wallets = demoWallets.map(demoWallet);
  }

  static async start(options: IbcDemoOptions = {}): Promise<IbcDemo> {
    const start = options.start ?? new Date();
    const chains = new Map<string, FakeCosmosChain>();
    try {
      for (const spec of demoChains) {
        const chain = await FakeCosmosChain.start({ chainId: spec.chainId, height: 100_000, time: start, bech32Prefix: spec.bech32Prefix, mintDenom: spec.denom, moniker: `${spec.chainId}-validator` });
        for (let i = 1; i < spec.endpoints; i++) await chain.addEndpoint();
        chains.set(spec.chainId, chain);
      }
    } catch (error) {
      await Promise.all([...chains.values()].map((c) => c.close()));
      throw error;
    }
    const demo = new IbcDemo(chains, start, options.onActivity ?? (() => undefined));
    demo.link();
    for (const w of demo.wallets) demo.chain(w.chainId).setBalance(w.address, demo.spec(w.chainId).denom, w.current);
    return demo;
  }

  /** The chain specs with the URLs of their running endpoints. */
  get chainEndpoints(): Array<DemoChainSpec & { rpc: string[] }> {
    return demoChains.map((spec) => ({ ...spec, rpc: this.chain(spec.chainId).endpoints.map((e) => e.url) }));
  }

  /** Current balance of a demo wallet, in base units. */
  balance(address: string): bigint {
    const wallet = this.wallets.find((w) => w.address === address);
    if (!wallet) throw new Error(`fake-cosmos-demo: no wallet ${address}`);
    return wallet.current;
  }

  /**
   * Moves the demo to `now`: each chain produces the blocks up to it (block time = `now`), then the
   * relayer, governance, the wallets and the outage schedule act on that time. Earlier times are ignored.
   */
  tick(now: Date): void {
    for (const chain of this.chains.values()) {
      const dt = seconds(chain.block.time, now);
      if (dt > 0) chain.advance(dt, Math.max(1, Math.round(dt / 2)));
    }
    for (const client of this.clients) this.upkeep(client, now);
    for (const wallet of this.wallets) {
      if (spend(wallet, now, this.start) === 'topped-up') this.onActivity(`topped up wallet ${wallet.address} on ${wallet.chainId}`);
      this.chain(wallet.chainId).setBalance(wallet.address, this.spec(wallet.chainId).denom, wallet.current);
    }
    this.outage(now);
  }

  /** Ticks with the wall clock every `blockSeconds` until `stop()` (a chained timeout: ticks never overlap). */
  run(blockSeconds = 2): void {
    this.ticker.start((now) => this.tick(now), blockSeconds * 1000);
  }

  stop(): void {
    this.ticker.stop();
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all([...this.chains.values()].map((c) => c.close()));
  }

  private link(): void {
    for (const spec of demoLinks) {
      const a = this.chain(spec.a);
      const b = this.chain(spec.b);
      const ids = (chain: FakeCosmosChain) => ({ clientId: chain.allocateClientId(), connectionId: chain.allocateConnectionId() });
      const endA = ids(a);
      const endB = ids(b);
      for (const [host, end, other, otherEnd, upkeep] of [
        [a, endA, b, endB, spec.endA],
        [b, endB, a, endA, spec.endB],
      ] as const) {
        const lastUpdate = new Date(this.start.getTime() - upkeep.elapsedAtStart * 1000);
        host.addClient({ clientId: end.clientId, counterpartyChainId: other.chainId, trustingPeriodSeconds: spec.trustingPeriodSeconds, latestHeight: this.heightAt(other, lastUpdate), lastUpdate });
        host.addConnection({ connectionId: end.connectionId, clientId: end.clientId, state: 'STATE_OPEN', counterparty: otherEnd });
        this.clients.push({ chainId: host.chainId, ...end, trackedChainId: other.chainId, trustingPeriodSeconds: spec.trustingPeriodSeconds, upkeep: upkeep.upkeep, lastUpdate });
      }
    }
  }

  /** The relayer's (or governance's) move for one client at `now`, by its upkeep policy. */
  private upkeep(client: DemoClient, now: Date): void {
    const elapsed = seconds(client.lastUpdate, now);
    const period = client.trustingPeriodSeconds;
    const due: Record<Upkeep, boolean> = {
      steady: elapsed >= period / 2,
      late: elapsed >= period * demoTimings.warningElapsed + demoTimings.lateBySeconds,
      lazy: period - elapsed <= demoTimings.lazyLeftSeconds,
      abandoned: elapsed >= period + demoTimings.reviveAfterSeconds,
    };
    if (!due[client.upkeep]) return;
    const tracked = this.chain(client.trackedChainId);
    this.chain(client.chainId).updateClient(client.clientId, tracked.block.time, tracked.block.height);
    client.lastUpdate = tracked.block.time;
    if (client.upkeep === 'abandoned') this.onActivity(`governance revived expired client ${client.clientId} on ${client.chainId} (tracking ${client.trackedChainId})`);
    else if (client.upkeep !== 'steady') this.onActivity(`relayer updated client ${client.clientId} on ${client.chainId} (${client.upkeep}: ${Math.round(period - elapsed)} s were left)`);
  }

  private outage(now: Date): void {
    const since = seconds(this.start, now) - demoOutage.startSeconds;
    const down = since >= 0 && since % demoOutage.everySeconds < demoOutage.seconds;
    const chain = this.chain(demoOutage.chainId);
    if (down === this.outageOn) return;
    this.outageOn = down;
    chain.setDown(down);
    this.onActivity(down ? `every RPC endpoint of ${chain.chainId} is down for ${demoOutage.seconds} s` : `${chain.chainId} answers again`);
  }

  /** The tracked chain's height at `at`, counting back from its current block at one block per 2 s. */
  private heightAt(chain: FakeCosmosChain, at: Date): number {
    return Math.max(1, chain.block.height - Math.round(seconds(at, chain.block.time) / 2));
  }

  private chain(chainId: string): FakeCosmosChain {
    const chain = this.chains.get(chainId);
    if (!chain) throw new Error(`fake-cosmos-demo: no chain ${chainId}`);
    return chain;
  }

  private spec(chainId: string): DemoChainSpec {
    return demoChains.find((c) => c.chainId === chainId)!;
  }
}
