import { z } from 'zod';
import { armFailpoints } from '@herald/logging';
import { checkConfigFlag, ConfigError, loadHeraldSettings, parseCommandLine, parseConfig, pipelineSections, sharedEnvVars } from '@herald/config';
import { ibcEnvMapping, ibcSection } from '@herald/ibc';
import { checkRoutes } from '@herald/pipeline';

/** The only module of this app that reads process.env and argv. */
export const usage = `Usage: ibc-poller [--verbose] [--once] [--check-config]
       ibc-poller --import-seed DIR [--import-rpc CHAIN_ID=URL[,CHAIN_ID=URL...]] [--check-config]

  --once              poll every monitored chain and the wallets once, then exit (0: polled, 1: a poll failed)
  --import-seed DIR   import the seed IBC bot's chains.py and tracked_wallets.py from DIR, print what was
                      done with each entry, and exit (0: all imported or already there, 1: something was not)
  --import-rpc LIST   with --import-seed: the CometBFT RPC URL of seed chains that are not in ibc.chains
                      (the seed's "api" is a REST/LCD URL, which Herald cannot use)
  --check-config      check the settings, print {"config":"ok"} and exit 0 (2: a problem, named); connects to nothing
  --verbose           debug logging (one line per poll)
  -h, --help          this text

Settings come from the YAML file in $HERALD_CONFIG (the ibc: section: chains, monitor, intervals,
thresholds) and the environment (DATABASE_URL, REDIS_URL, ${Object.keys(ibcEnvMapping).join(', ')}); see the README.`;

const fileSchema = z.object({ ...pipelineSections, ibc: ibcSection });
// Importing needs Postgres only.
const importSchema = fileSchema.omit({ redis: true });

/** Every environment variable the poller reads (checked against docker-compose.yml by a test). */
export const envVars = [...sharedEnvVars, ...Object.keys(ibcEnvMapping), 'HERALD_FAILPOINTS'];

export type Mode = { kind: 'run'; once: boolean } | { kind: 'import-seed'; dir: string; rpc: Map<string, string[]> };

export interface PollerConfig {
  mode: Mode;
  /** `--check-config`: the settings were checked (as for `mode`); report and exit without connecting. */
  checkOnly: boolean;
  herald: z.infer<typeof importSchema> & { redis?: z.infer<typeof fileSchema>['redis'] };
}

/** Parses argv and the settings once; throws ConfigError (exit 2) naming the argument or setting. */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): PollerConfig {
  armFailpoints((env.HERALD_FAILPOINTS ?? '').split(','));
  const args = parseCommandLine(argv, { flags: ['verbose', 'once', checkConfigFlag], options: ['import-seed', 'import-rpc'] }, usage);
  const seedDir = args.options.get('import-seed');
  if (args.options.has('import-rpc') && seedDir === undefined) throw new ConfigError('--import-rpc', 'only goes with --import-seed DIR');
  if (seedDir !== undefined && args.flags.has('once')) throw new ConfigError('--once', 'cannot be combined with --import-seed');
  const raw = loadHeraldSettings(env, ibcEnvMapping);
  if (args.flags.has('verbose')) raw.log = { ...(raw.log as object | undefined), level: 'debug' };
  const herald = seedDir === undefined ? parseConfig(fileSchema, raw) : parseConfig(importSchema, raw);
  checkRoutes(herald.routes, Object.keys(herald.destinations));
  const mode: Mode = seedDir === undefined ? { kind: 'run', once: args.flags.has('once') } : { kind: 'import-seed', dir: seedDir, rpc: parseImportRpc(args.options.get('import-rpc')) };
  return { mode, checkOnly: args.flags.has(checkConfigFlag), herald };
}

/** `hub-1=https://rpc.example,osmo-1=http://10.0.0.2:26657` → chain id → URLs (a chain may be named twice). */
export function parseImportRpc(value: string | undefined): Map<string, string[]> {
  const rpc = new Map<string, string[]>();
  if (value === undefined) return rpc;
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = item.indexOf('=');
    const chainId = item.slice(0, eq);
    const url = item.slice(eq + 1);
    if (eq <= 0 || !/^https?:\/\/[^\s]+$/.test(url)) {
      throw new ConfigError('--import-rpc', `"${item.replace(/\/\/[^@/]*@/, '//***@')}" is not CHAIN_ID=URL (e.g. osmo-test-5=https://rpc.example:26657)`);
    }
    rpc.set(chainId, [...(rpc.get(chainId) ?? []), url]);
  }
  return rpc;
}
