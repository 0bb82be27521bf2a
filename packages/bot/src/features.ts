import type { GuildMember, Message, PartialGuildMember } from 'discord.js';

/** Gateway intents a feature may need beyond `Guilds` (which the bot always has). */
export type FeatureIntent = 'GuildMembers' | 'GuildMessages' | 'MessageContent';

/**
 * Something the bot does on gateway events other than commands, e.g. welcome messages or the DAB
 * seed's reddit link logging. Handlers get the discord.js objects (REST through `message.client` /
 * `member.client`, or the deps the app gave the feature). A handler that throws is logged; the bot
 * stays connected.
 */
export interface GatewayFeature {
  /** Named in logs and in the missing-intent error, e.g. 'welcome messages (community.welcome)'. */
  readonly name: string;
  /** The gateway intents it needs beyond Guilds; privileged ones are named at start when Discord refuses them. */
  readonly intents: readonly FeatureIntent[];
  /**
   * A guild message not from this bot (other bots and webhooks included), before command parsing
   * (the seed logs reddit links instead of running them as commands). Resolve true when handled:
   * the message is then not parsed as a command, nor offered to later features.
   */
  onMessage?(message: Message<true>): Promise<boolean>;
  /** A member joined a guild (needs GuildMembers). */
  onMemberAdd?(member: GuildMember): Promise<void>;
  /** A member left or was kicked or banned (needs GuildMembers); partial when they were not cached. */
  onMemberRemove?(member: GuildMember | PartialGuildMember): Promise<void>;
}
