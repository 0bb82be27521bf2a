import { z } from 'zod';
import { duration, flag, intFromString, urlWithProtocol } from './blocks.js';

/**
 * A Discord id (snowflake). YAML reads long unquoted numbers as floats and silently changes
 * their last digits, so ids must be quoted strings; a number gets a message saying so.
 */
export const discordId = () =>
  z.unknown().transform((value, ctx) => {
    if (typeof value === 'number' || typeof value === 'bigint') {
      ctx.addIssue({ code: 'custom', message: `put Discord ids in quotes ('${String(value)}'): as a bare number YAML changes their last digits` });
      return z.NEVER;
    }
    if (typeof value !== 'string' || !/^\d{15,21}$/.test(value.trim())) {
      ctx.addIssue({ code: 'custom', message: 'must be a Discord id (15 to 21 digits, in quotes)' });
      return z.NEVER;
    }
    return value.trim();
  });

/** The bot: optional; without a token Herald delivers through webhooks only and answers no commands. */
export const botSection = z.strictObject({
  token: z.string().trim().min(1).optional(),
  /** Read from Discord (GET /applications/@me) when not set. */
  applicationId: discordId().optional(),
  /** Slash commands are registered in this server only (instant), else globally. Also the server whose owner is privileged. */
  guildId: discordId().optional(),
  /** Members with this role may use privileged commands; without it only the server owner may. */
  privilegedRole: discordId().optional(),
  /** Prefix commands (e.g. `!help`) need Discord's privileged message-content intent, so they are opt-in. */
  messageContent: flag().default(false),
  /** Prefix commands: delete answered command messages and error replies after this long (the seeds: 15s). Off when unset. */
  tidyAfter: duration({ min: 1000, max: 3_600_000 }).optional(),
  prefix: z
    .string()
    .min(1)
    .max(5)
    .regex(/^\S+$/, 'may not contain spaces')
    .default('!'),
});
export type BotSettings = z.infer<typeof botSection>;

/** Discord settings shared by every app; `bot` matters to the notifier only. */
export const discordSection = z
  .strictObject({
    /** Base of the Discord HTTP API; point it at a self-hosted proxy (or the fake, in tests). */
    apiBaseUrl: urlWithProtocol(['http', 'https']).default('https://discord.com/api'),
    /** Discord's global limit. Raise it only behind a proxy that enforces Discord's limits itself. */
    globalRequestsPerSecond: intFromString({ min: 1, max: 100_000 }).default(50),
    /** How long one request may take before it counts as failed (and is retried: nonces make that safe in channels). */
    requestTimeout: duration({ min: 100, max: 120_000 }).default(15_000),
    bot: botSection.optional(),
  })
  .default({ apiBaseUrl: 'https://discord.com/api', globalRequestsPerSecond: 50, requestTimeout: 15_000 });
