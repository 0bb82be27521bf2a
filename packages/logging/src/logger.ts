import { pino, type Logger, type LevelWithSilent } from 'pino';
import { build as prettyStream } from 'pino-pretty';
import { redact, redactValue } from './redact.js';

export type { Logger };

/** `json`: one JSON object a line. `pretty`: pino-pretty's lines. `auto`: pretty on a terminal, else JSON. */
export type LogFormat = 'auto' | 'json' | 'pretty';

export interface LoggerOptions {
  name: string;
  level?: LevelWithSilent;
  /** Default `auto`: pretty when stdout is a terminal, or HERALD_LOG_TTY=1 says so (never for a `destination` stream). */
  format?: LogFormat;
  /** Where to write; defaults to stdout. Tests pass a stream to inspect output. */
  destination?: NodeJS.WritableStream;
}

/**
 * A logger on stdout with secrets and personal data scrubbed from every message and field (the
 * scrubbing happens before a line is written, so it applies to JSON and pretty lines alike).
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      base: { app: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (err: unknown) => redactValue(err) },
    },
    output(options),
  );
}

/**
 * Whether a person reads stdout. Under `npm start` an app's stdout is a pipe to the supervisor, which
 * knows whether its own output is a terminal and says so in HERALD_LOG_TTY (1 or 0).
 */
function stdoutIsTerminal(): boolean {
  const hint = process.env.HERALD_LOG_TTY;
  return hint === undefined ? Boolean(process.stdout.isTTY) : hint === '1';
}

function output(options: LoggerOptions): NodeJS.WritableStream | pino.DestinationStream {
  const pretty = options.format === 'pretty' || ((options.format ?? 'auto') === 'auto' && options.destination === undefined && stdoutIsTerminal());
  if (!pretty) return options.destination ?? pino.destination({ fd: 1, sync: false });
  return prettyStream({
    destination: options.destination ?? 1,
    // Synchronous on stdout: a terminal reader, low volume, and nothing is lost at process.exit.
    sync: options.destination === undefined,
    // One line an entry (fields inline) keeps lines of several apps interleaved readably under
    // `npm start`, which tags each line with its app: pid, hostname and the app name would repeat it.
    singleLine: true,
    ignore: 'pid,hostname,app,name',
    translateTime: 'SYS:HH:MM:ss.l',
    // Colours follow pino-pretty's own detection (a terminal, FORCE_COLOR, NO_COLOR).
  });
}
