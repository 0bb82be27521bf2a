import { z } from 'zod';
import { urlWithProtocol } from './blocks.js';
import { discordId } from './discord.js';

const destinationName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use lowercase letters, digits, - and _ (at most 64)');

/** Where messages may go, by name. A webhook URL is a secret: pages and logs show only `label`. */
export const destinationsSection = z
  .record(
    z.string(),
    z
      .strictObject({
        webhook: urlWithProtocol(['https', 'http']).optional(),
        /** A text channel the bot posts in (needs `discord.bot.token` and the Send Messages permission there). */
        channel: discordId().optional(),
        /** Shown on the dashboard and in /status instead of the target. */
        label: z.string().min(1).max(100).optional(),
      })
      .superRefine((value, ctx) => {
        if ((value.webhook === undefined) === (value.channel === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of webhook or channel' });
      }),
  )
  .superRefine((destinations, ctx) => {
    for (const name of Object.keys(destinations)) {
      const checked = destinationName.safeParse(name);
      if (!checked.success) ctx.addIssue({ code: 'custom', path: [name], message: `bad name: ${checked.error.issues[0]!.message}` });
    }
  })
  .default({});
export type DestinationsSettings = z.infer<typeof destinationsSection>;

const mentions = z.strictObject({
  users: z.array(discordId()).max(100).default([]),
  roles: z.array(discordId()).max(100).default([]),
});

const severity = z.enum(['info', 'warning', 'critical']);

/** A destination's name alone, or the name with mentions and a minimum severity. */
const routeTarget = z.preprocess(
  (value) => (typeof value === 'string' ? { destination: value } : value),
  z.strictObject({
    destination: destinationName,
    /** Pinged with every event this route sends. Text from a source can never ping anyone. */
    mentions: mentions.default({ users: [], roles: [] }),
    minSeverity: severity.default('info'),
  }),
);

const eventPattern = z.string().regex(/^[a-z0-9_.*-]+$/, 'an event type such as servatrice.account.registered, where * matches anything');

/**
 * Which events go where. An event goes to every destination of every route whose patterns match
 * its type and whose `minSeverity` it reaches; each destination gets it once, with the union of
 * the routes' mentions.
 */
export const routesSection = z
  .array(
    z.strictObject({
      events: z.union([eventPattern.transform((p) => [p]), z.array(eventPattern).min(1)]),
      to: z.array(routeTarget).min(1),
    }),
  )
  .default([]);
export type RoutesSettings = z.infer<typeof routesSection>;
export type RouteTargetSettings = RoutesSettings[number]['to'][number];
