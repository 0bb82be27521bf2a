import { isConfigError } from './load.js';
import { ConfigError, ConfigErrors } from './errors.js';

/**
 * Runs an app's start function. A configuration error is printed with its key and the process
 * exits 2 (the seed monitor's exit code for config errors) before anything has started.
 */
export async function runMain(start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    exitWith(error);
  }
}

/**
 * Ends the process for an error found at start-up (or, like a wrong password behind an outage,
 * only once a server first answers): `config error: <key>: <problem>` lines and exit 2 for a
 * configuration error, `fatal: …` and exit 1 for anything else.
 */
export function exitWith(error: unknown): never {
  if (isConfigError(error)) {
    const lines = error instanceof ConfigErrors ? error.errors.map((e) => e.message) : [error.message];
    for (const line of lines) process.stderr.write(`config error: ${line}\n`);
    process.exit(2);
  }
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

/** Minimal argv parser: `--flag`, `--key value`, `--key=value`, `-c value`. Unknown flags are errors. */
export function parseArgs(
  argv: string[],
  spec: { flags: string[]; options: string[]; aliases?: Record<string, string> },
): { flags: Set<string>; options: Map<string, string> } {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) [arg, inline] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const name = spec.aliases?.[arg] ?? arg.replace(/^--/, '');
    if (spec.flags.includes(name) && inline === undefined) flags.add(name);
    else if (spec.options.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('-')) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  return { flags, options };
}

/**
 * An app's command line: {@link parseArgs}, with `--help`/`-h` printing `usage` and exiting 0, and a
 * malformed argument stopping start-up as a config error (exit 2) that carries the usage.
 */
export function parseCommandLine(
  argv: string[],
  spec: { flags: string[]; options: string[]; aliases?: Record<string, string> },
  usage: string,
): { flags: Set<string>; options: Map<string, string> } {
  let args;
  try {
    args = parseArgs(argv, { ...spec, flags: [...spec.flags, 'help'], aliases: { '-h': 'help', ...spec.aliases } });
  } catch (error) {
    if (error instanceof UsageError) throw new ConfigError('arguments', `${error.message}\n${usage}`);
    throw error;
  }
  if (args.flags.has('help')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return args;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
