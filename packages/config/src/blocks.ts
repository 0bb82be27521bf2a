import { z } from 'zod';

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "1500", "1500ms", "2s", "5m", "1h30m" into milliseconds; returns undefined if malformed. */
export function parseDurationMs(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}

/**
 * Milliseconds written the way a duration setting is (the inverse of {@link parseDurationMs}): the
 * largest units first, each once: `1m`, `1h30m`, `90d`, `2s500ms`, `0` for none. So a message about
 * a setting speaks its units (`must be at least 1m`), and what it shows can be typed back.
 */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms}ms`;
  let rest = ms;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const count = Math.floor(rest / units[unit]!);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * units[unit]!;
  }
  // Below a millisecond only if the setting was (`0.5ms`); float noise from the subtractions is dropped.
  rest = Math.round(rest * 1000) / 1000;
  if (rest > 0) text += `${rest}ms`;
  return text || '0';
}

/**
 * A duration setting: a number of milliseconds or a string such as "2s". `min` and `max` are in
 * milliseconds; a value outside them is refused in the settings' own units (`must be at least 1m
 * (got 30s)`). `or` names another accepted value, added to both messages (`0/off to keep forever`).
 */
export const duration = (opts: { min?: number; max?: number; or?: string } = {}) =>
  z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      const ms = parseDurationMs(value);
      const or = opts.or === undefined ? '' : `, or ${opts.or}`;
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (use e.g. 500ms, 2s, 5m${or})` });
        return z.NEVER;
      }
      const got = ` (got ${typeof value === 'string' ? value.trim() : value})`;
      if (opts.min !== undefined && ms < opts.min) {
        ctx.addIssue({ code: 'custom', message: `must be at least ${formatDurationMs(opts.min)}${or}${got}` });
        return z.NEVER;
      }
      if (opts.max !== undefined && ms > opts.max) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${formatDurationMs(opts.max)}${or}${got}` });
        return z.NEVER;
      }
      return ms;
    });

/** An integer that may arrive as a string from the environment or an ini file. */
export const intFromString = (opts: { min?: number; max?: number } = {}) =>
  z.union([z.number(), z.string().trim().regex(/^-?\d+$/, 'must be a whole number')]).transform(Number).pipe(
    z
      .number()
      .int()
      .min(opts.min ?? Number.MIN_SAFE_INTEGER, `must be at least ${opts.min}`)
      .max(opts.max ?? Number.MAX_SAFE_INTEGER, `must be at most ${opts.max}`),
  );

export const port = () => intFromString({ min: 1, max: 65535 });

/** Booleans from env/ini: 1/true/yes/on and 0/false/no/off (case-insensitive). */
export const flag = () =>
  z.union([z.boolean(), z.string()]).transform((value, ctx) => {
    if (typeof value === 'boolean') return value;
    const v = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a boolean (use true or false)` });
    return z.NEVER;
  });

export const urlWithProtocol = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );

export const logLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Settings shared by every app: Postgres, Redis, logging. */
export const postgresSection = z.strictObject({
  // Missing: say where it comes from, rather than zod's "expected string, received undefined".
  url: urlWithProtocol(['postgres', 'postgresql'])
    .optional()
    .transform((url, ctx) => {
      if (url !== undefined) return url;
      ctx.addIssue({ code: 'custom', message: 'required: set DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/herald) or postgres.url in HERALD_CONFIG' });
      return z.NEVER;
    }),
});
export const redisSection = z.strictObject({
  url: urlWithProtocol(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  /** Key prefix for every BullMQ key; lets several Herald installs (or tests) share one Redis. */
  prefix: z.string().regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, - and _').default('herald'),
});
/**
 * How log lines are written: `json` (one object a line, for collectors), `pretty` (pino-pretty's
 * human-readable lines), or `auto`: pretty when stdout is a terminal, JSON otherwise. `npm start`
 * sets LOG_FORMAT for its apps (their stdout is a pipe to it) from whether its own stdout is a terminal.
 */
export const logFormat = () => z.enum(['auto', 'json', 'pretty']);
export const logSection = z
  .strictObject({ level: logLevel().default('info'), format: logFormat().default('auto') })
  .default({ level: 'info', format: 'auto' });
