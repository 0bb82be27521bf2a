// Types of ibc-demo.mjs for the TypeScript tests that import it (infra/ibc-demo.test.ts).
import type { ChildProcess } from 'node:child_process';

export interface IbcDemoState {
  /** The `ibc:` section of HERALD_CONFIG for the simulated chains (durations as text, e.g. "10s"). */
  ibc: Record<string, unknown> & { chains: Array<{ chainId: string; rpc: string[] }> };
  /** Subscriptions to register: threshold in base units, as a decimal string. */
  wallets: Array<{ address: string; chainId: string; ownerId: string; threshold: string }>;
}

export interface DemoGuildLike {
  channels: { alerts: { id: string }; general: { id: string } };
  roles: { moderator: { id: string } };
}

/** `reddit`: the `reddit:` section of the simulated Reddit (RedditDemoState['reddit'] in reddit-demo.d.mts). */
export function demoHeraldYaml(guild: DemoGuildLike, ibc?: IbcDemoState['ibc'], reddit?: Record<string, unknown>): Promise<string>;
export function firstJsonLine(child: ChildProcess, what: string): Promise<unknown>;
export function startIbcSimulator(launch: (name: string, file: string, args?: string[]) => ChildProcess, dir: string): Promise<IbcDemoState>;
/** `ibc`: the @herald/ibc module to use (default: the built one, packages/ibc/dist). */
export function registerIbcDemo(
  databaseUrl: string,
  state: IbcDemoState,
  ibc?: { syncConfiguredChains: unknown; registerWallet: unknown; ibcSection: unknown },
): Promise<void>;
export function wantsIbcPoller(heraldConfigPath: string | undefined): Promise<boolean>;
