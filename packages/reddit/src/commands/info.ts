/**
 * `info <name>` (seed-behaviour §3.6): what Herald stores about a tracked user, in the seed's
 * `Information about /u/<Name>` embed. Dates are Discord timestamps (`<t:…:F>`), which each reader
 * sees in their own time zone (the seed printed RFC 850 in its configured zone). `Last scan` appears
 * only once the user has been scanned (the seed showed 1970), `Registered by` when known; a user has
 * one `registered_by`, so the seed's crash on two (§3.14.5) cannot happen.
 */
import type { APIEmbedField } from 'discord-api-types/v10';
import { userLink } from '../render/renderers.js';
import { stripUserPrefix } from '../users/names.js';
import { findTrackedUser, type TrackedUser } from '../users/queries.js';
import { COLOR, define, nameOption, refusal, shownName } from './common.js';

/** Discord's timestamp markdown, full date and time in the reader's zone. */
const when = (at: Date) => `<t:${Math.floor(at.getTime() / 1000)}:F>`;

export const info = define({
  name: 'info',
  description: 'Shows what Herald stores about a tracked Reddit user.',
  permission: 'everyone',
  options: { name: nameOption },
  async run(ctx, options) {
    const name = stripUserPrefix(options.name.trim());
    const user = await findTrackedUser(ctx.deps.db, name);
    if (!user) return refusal(`user "${shownName(name)}" not found in the database.`);
    return { embeds: [{ color: COLOR, title: `Information about ${userLink(user.name)}`, fields: infoFields(user) }] };
  },
});

function infoFields(user: TrackedUser): APIEmbedField[] {
  const field = (name: string, value: string): APIEmbedField => ({ name, value, inline: true });
  const fields = [
    field('Created', user.createdAt ? when(user.createdAt) : 'unknown'),
    field('Added', when(user.addedAt)),
    field('Hidden', String(user.hidden)),
    field('Suspended', String(user.suspended)),
    field('Deleted', String(user.notFound)),
    field('Active', String(!user.inactive)),
  ];
  if (user.lastScanAt) fields.push(field('Last scan', when(user.lastScanAt)));
  if (user.registeredBy !== null) fields.push(field('Registered by', `<@${user.registeredBy}>`));
  return fields;
}
