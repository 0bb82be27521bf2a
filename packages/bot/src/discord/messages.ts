import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type MessageMentionOptions } from 'discord.js';
import type { ConfirmButton } from '../confirm/store.js';
import type { OutgoingReply } from '../reply.js';

/**
 * discord.js message options for a reply: never pings beyond the users/roles the command named.
 * `clearButtons` (edits) sends an empty component list when the reply has no button, removing an
 * earlier one; new messages send components only when they have a button.
 */
export function messageOptions(reply: OutgoingReply, { clearButtons = false }: { clearButtons?: boolean } = {}) {
  const allowedMentions: MessageMentionOptions = {
    parse: [],
    ...(reply.allowedMentions.users ? { users: reply.allowedMentions.users } : {}),
    ...(reply.allowedMentions.roles ? { roles: reply.allowedMentions.roles } : {}),
    repliedUser: false,
  };
  return {
    ...(reply.content === undefined ? {} : { content: reply.content }),
    embeds: reply.embeds,
    allowedMentions,
    ...(reply.confirmButton ? { components: [buttonRow(reply.confirmButton)] } : clearButtons ? { components: [] } : {}),
  };
}

/** One action row holding the confirmation button (Discord: components are sent in rows). */
export function buttonRow(button: ConfirmButton): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        custom_id: button.customId,
        label: button.label,
        style: button.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Danger,
      },
    ],
  };
}
