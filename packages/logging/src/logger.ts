import { pino, type ChildLoggerOptions, type Logger, type LevelWithSilent } from 'pino';
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
 * A logger on stdout with secrets and personal data scrubbed (see redact.ts) from everything a line
 * can carry: the message and its `%s`/`%d`/`%o`/`%j` arguments, the merged object (an `err` among
 * it), a child's bindings, and a message pino takes from an error. The scrubbing happens before a line
 * is written, so it applies to JSON and pretty lines alike.
 */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      base: { app: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (object) => redactValue(object) as Record<string, unknown>,
        // pino applies this to the root's bindings only (a child resets it): children are covered in `child` below.
        bindings: (bindings) => redactValue(bindings) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactLogArguments(args) as Parameters<typeof method>);
        },
      },
      // The merged object, `err` included, is already plain and redacted (formatters.log runs
      // first); this only keeps pino's own error serializer from reshaping it.
      serializers: { err: (err: unknown) => err },
    },
    output(options),
  );
  // Children are created from the logger as their prototype, so this one override covers every
  // generation. pino writes a child's bindings once, at creation, through no hook of its own.
  const child = logger.child;
  const setBindings = logger.setBindings;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactValue(bindings) as typeof bindings, childOptions && redactChildOptions(childOptions));
  } as Logger['child'];
  logger.setBindings = function redactedSetBindings(this: Logger, bindings) {
    setBindings.call(this, redactValue(bindings) as typeof bindings);
  };
  return logger;
}

/** A child's options with its message prefix scrubbed and its own `formatters.log` (if any) fed redacted objects. */
function redactChildOptions<T extends ChildLoggerOptions>(childOptions: T): T {
  const log = childOptions.formatters?.log;
  return {
    ...childOptions,
    ...(childOptions.msgPrefix !== undefined && { msgPrefix: redact(childOptions.msgPrefix) }),
    ...(log && { formatters: { ...childOptions.formatters, log: (object: Record<string, unknown>) => log(redactValue(object) as Record<string, unknown>) } }),
  };
}

/**
 * A log call's arguments (`[mergeObject?, message?, ...interpolationValues]`, as pino takes them) with
 * the message replaced by its redacted, fully interpolated text. Interpolating here, not in pino, lets
 * a secret that only appears once the values are in (`postgres://u:%s@h`) be caught, and objects
 * interpolated with `%o`/`%O`/`%j` be redacted by key. A message pino would take from an error (no
 * message given) is supplied here, redacted. The merged object is left to `formatters.log`.
 */
function redactLogArguments(args: readonly unknown[]): unknown[] {
  const first = args[0];
  if (first === null && args.length === 1) return [...args];
  const merged = typeof first === 'object' ? [first] : [];
  let [message, ...values] = args.slice(merged.length);
  if (message === undefined && first instanceof Error) message = first.message;
  else if (message === undefined && first !== null && typeof first === 'object' && (first as { msg?: unknown }).msg === undefined) {
    const fromError = (first as { err?: { message?: unknown } }).err?.message;
    if (typeof fromError === 'string') message = fromError;
  }
  if (typeof message === 'string') return [...merged, redact(values.length === 0 ? message : interpolate(message, values))];
  if (message === undefined) return [...merged];
  return [...merged, redactValue(message), ...values.map(redactValue)];
}

/**
 * pino's interpolation (quick-format-unescaped, the same rules: `%s` String(), `%d`/`%f` Number(),
 * `%i` an integer, `%o`/`%O`/`%j` JSON — a string quoted, a function its name —, `%%` a percent
 * sign; values without a placeholder are dropped), except that objects are redacted before they are
 * written as JSON.
 */
function interpolate(template: string, values: readonly unknown[]): string {
  let out = '';
  let copied = -1;
  let a = 0;
  for (let i = 0; i < template.length; i++) {
    if (template.charCodeAt(i) !== 37 || i + 1 >= template.length) continue;
    copied = copied > -1 ? copied : 0;
    const value = values[a];
    let text: string | undefined;
    switch (template[i + 1]) {
      case 'd':
      case 'f':
        if (a < values.length && value != null) text = String(Number(value));
        break;
      case 'i':
        if (a < values.length && value != null) text = String(Math.floor(Number(value)));
        break;
      case 'O':
      case 'o':
      case 'j':
        if (a < values.length && value !== undefined) text = typeof value === 'string' ? `'${value}'` : typeof value === 'function' ? value.name || '<anonymous>' : json(value);
        break;
      case 's':
        if (a < values.length) text = printable(value);
        break;
      case '%':
        text = '%';
        a--;
        break;
    }
    a++;
    if (text === undefined) continue;
    out += template.slice(copied, i) + text;
    copied = i + 2;
    i++;
  }
  return copied === -1 ? template : out + template.slice(copied);
}

function json(value: unknown): string {
  try {
    return JSON.stringify(redactValue(value), (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined';
  } catch {
    return '"[unprintable]"';
  }
}

function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[unprintable]';
  }
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
