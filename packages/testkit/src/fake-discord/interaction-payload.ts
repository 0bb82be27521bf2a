/** The INTERACTION_CREATE payload fields every interaction type shares (slash, autocomplete, component). */
import { channelObject, interactionMemberObject } from './guild-objects.js';
import { permissionsOf, type FakeGuildUser } from './guild.js';
import type { FakeInteraction } from './interactions.js';
import type { FakeState } from './routes.js';

/**
 * Everything but `data` (and `message` for components): ids, token, the invoking member with their
 * permissions, the channel with the member's permissions in it, the bot's permissions, locales.
 */
export function interactionEnvelope(state: FakeState, interaction: FakeInteraction, user: FakeGuildUser): Record<string, unknown> {
  const { guild } = state;
  const channel = state.store.channels.get(interaction.channelId);
  return {
    id: interaction.id,
    application_id: guild.applicationId,
    type: interaction.type,
    token: interaction.token,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel_id: interaction.channelId,
    channel: {
      ...channelObject(guild.id, { id: interaction.channelId, name: channel?.name ?? 'channel' }),
      permissions: permissionsOf(guild, user.id).toString(),
    },
    member: interactionMemberObject(guild, user),
    app_permissions: permissionsOf(guild, guild.bot.id).toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { 0: guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}
