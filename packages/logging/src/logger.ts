import { pino, type Logger, type LevelWithSilent } from 'pino';
import { redact, redactValue } from './redact.js';

export type { Logger };

export interface LoggerOptions {
  name: string;
  level?: LevelWithSilent;
  /** Where to write; defaults to stdout. Tests pass a stream to inspect output. */
  destination?: NodeJS.WritableStream;
}

/** JSON logs on stdout with secrets and personal data scrubbed from every message and field. */
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
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
