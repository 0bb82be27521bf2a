import { parseArgs as parseArgv } from 'node:util';
import { redact, redactValue } from '@herald/logging';
import { isConfigError } from './load.js';
import { ConfigError, ConfigErrors } from './errors.js';

/**
 * Runs an app's start function. A configuration error is printed with its key and the process
 * exits 2 (the seed monitor's exit code for config errors) before anything has started. An error
 * nothing caught later (an uncaught exception, an unhandled rejection) also ends the process through
 * {@link exitWith}, so it is redacted like every other line instead of printed raw by Node.
 */
export async function runMain(start: () => Promise<void>): Promise<void> {
  process.on('uncaughtException', (error) => exitWith(error));
  process.on('unhandledRejection', (reason) => exitWith(reason));
  try {
    await start();
  } catch (error) {
    exitWith(error);
  }
}

/**
 * Ends the process for an error found at start-up (or, like a wrong password behind an outage,
 * only once a server first answers): `config error: <key>: <problem>` lines and exit 2 for a
 * configuration error, `fatal: <stack>` (and the stacks of its causes) and exit 1 for anything else.
 * Both are redacted (@herald/logging): a connection error may quote a DSN, an HTTP error a token,
 * and under compose nothing else scrubs an app's stderr.
 */
export function exitWith(error: unknown): never {
  process.stderr.write(describeFailure(error));
  process.exit(isConfigError(error) ? 2 : 1);
}

/** The text {@link exitWith} writes for `error`, redacted, one `\n`-terminated line or more. */
export function describeFailure(error: unknown): string {
  if (isConfigError(error)) {
    const lines = error instanceof ConfigErrors ? error.errors.map((e) => e.message) : [error.message];
    return lines.map((line) => `config error: ${redact(line)}\n`).join('');
  }
  let text = `fatal: ${describeError(error)}`;
  // Node prints an error's causes too: the reason behind "poll failed" is in its cause.
  const seen = new Set<unknown>([error]);
  for (let cause = causeOf(error); cause !== undefined && !seen.has(cause) && seen.size <= 8; cause = causeOf(cause)) {
    seen.add(cause);
    text += `\n[cause]: ${describeError(cause)}`;
  }
  return `${text}\n`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return redact(error.stack ?? `${error.name}: ${error.message}`);
  try {
    return typeof error === 'object' && error !== null ? JSON.stringify(redactValue(error)) : redact(String(error));
  } catch {
    return '(an unprintable value)';
  }
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/** What a command line accepts, by long name: `dry-run` is `--dry-run`, `config` is `--config PATH`. */
export interface CommandLineSpec {
  /** Switches that take no value. */
  flags: readonly string[];
  /** Options that take one value, as `--name value` or `--name=value`; given twice, the last wins. */
  options: readonly string[];
  /** One-letter spellings, e.g. `{ '-c': 'config' }` (then `-c PATH` and `-cPATH` work too). */
  aliases?: Readonly<Record<string, string>>;
}

/** A parsed command line: the flags given, and each option's value. */
export interface CommandLine {
  flags: Set<string>;
  options: Map<string, string>;
}

/**
 * Parses argv (without node and the script) with node:util's parseArgs. Herald's commands take no
 * positional arguments. Throws a {@link UsageError} naming the argument as typed: `unknown argument
 * --frobnicate`, `--backfill needs a value`, `--dry-run takes no value`, `unexpected argument foo`.
 */
export function parseArgs(argv: readonly string[], spec: CommandLineSpec): CommandLine {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const name of spec.flags) options[name] = { type: 'boolean' };
  for (const name of spec.options) options[name] = { type: 'string' };
  for (const [alias, name] of Object.entries(spec.aliases ?? {})) {
    const short = /^-([A-Za-z])$/.exec(alias)?.[1];
    if (short === undefined || options[name] === undefined) throw new Error(`parseArgs: alias ${alias} must be -<letter> for a declared flag or option`);
    options[name].short = short;
  }
  // Not strict: node's own errors would suggest `-- <positional>`, which no Herald command takes; the
  // tokens let each problem be reported here, naming the argument as the user typed it.
  const { tokens } = parseArgv({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const result: CommandLine = { flags: new Set(), options: new Map() };
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') throw new UsageError(`unexpected argument ${token.value}`);
    const type = options[token.name]?.type;
    if (type === undefined) throw new UsageError(`unknown argument ${token.rawName}`);
    if (type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      result.flags.add(token.name);
    } else {
      // `--backfill --verbose` is a forgotten value, not the value "--verbose" (`--name=-x` passes one).
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) throw new UsageError(`${token.rawName} needs a value`);
      result.options.set(token.name, token.value);
    }
  }
  return result;
}

/**
 * An app's command line: {@link parseArgs}, with `--help`/`-h` printing `usage` and exiting 0, and a
 * malformed argument stopping start-up as a config error (exit 2 through {@link exitWith}) that
 * carries the usage.
 */
export function parseCommandLine(argv: readonly string[], spec: CommandLineSpec, usage: string): CommandLine {
  let args: CommandLine;
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

/** A malformed command line (see {@link parseArgs}); {@link parseCommandLine} turns it into a ConfigError. */
export class UsageError extends Error {
  override name = 'UsageError';
}
