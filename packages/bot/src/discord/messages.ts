import type { MessageMentionOptions } from 'discord.js';
import type { OutgoingReply } from '../reply.js';

/** discord.js message options for a reply: never pings beyond the users/roles the command named. */
export function messageOptions(reply: OutgoingReply) {
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
  };
}
