// Types of reddit-demo.mjs for the TypeScript tests that import it (infra/reddit-demo.test.ts).
import type { ChildProcess } from 'node:child_process';

export interface RedditDemoState {
  /** The `reddit:` section of HERALD_CONFIG for the simulated Reddit (durations as text, e.g. "20s"). */
  reddit: Record<string, unknown> & { apiBase: string; clientId: string };
  /** The accounts to register: as typed, Reddit's canonical name, its creation (Unix seconds), who registered it. */
  users: Array<{ registeredAs: string; name: string; hidden: boolean; createdUtc: number; registeredBy: string }>;
}

export function redditSetupInEnv(env: Record<string, string | undefined>): boolean;
export function wantsRedditPoller(env: Record<string, string | undefined>): Promise<boolean>;
export function startRedditSimulator(launch: (name: string, file: string, args?: string[]) => ChildProcess, dir: string): Promise<RedditDemoState>;
/** `reddit`: the @herald/reddit module to use (default: the built one, packages/reddit/dist). Resolves to each registration. */
export function registerRedditDemo(
  databaseUrl: string,
  state: RedditDemoState,
  reddit?: { parseNameArgument: unknown; registerUser: unknown },
): Promise<Array<{ kind: string }>>;
