/**
 * The community chores that answer the gateway rather than a command (seed-behaviour §3.2): link
 * logging in the general channel, the welcome message, the goodbye message. Each is a
 * GatewayFeature of @herald/bot, on only when its setting is, and asks for the intents it needs.
 */
import type { GatewayFeature } from '@herald/bot';
import { truncate } from '@herald/discord/text';
import type { Logger } from '@herald/logging';
import type { CommunityDiscord } from './discord/chores.js';
import { isLoggableLink, pickReaction, repostText, unescapeUnderscores } from './link-log.js';
import type { CommunitySettings } from './settings.js';
import { goodbyeText, welcomeTemplate, welcomeValues, type MemberLike, type TemplateChannels } from './welcome.js';

/** A Discord message as link logging reads it (a discord.js Message has these). */
export interface LinkMessage {
  readonly id: string;
  readonly channelId: string;
  readonly content: string;
  readonly author: MemberLike;
}

export interface CommunityFeatureOptions {
  readonly settings: CommunitySettings;
  readonly discord: CommunityDiscord;
  /** The bot's command prefix: `<prefix>nolog` keeps a link out of the log. */
  readonly prefix: string;
  /** The channel ids welcome templates may print; `general` and `log` default to the settings'. */
  readonly channels?: TemplateChannels;
  readonly logger: Logger;
  /** [0, 1), for the reaction; Math.random by default. */
  readonly random?: () => number;
}

/**
 * Handles a message of the general channel: a Reddit comment link without `<prefix>nolog` gets a
 * random reaction and, with `logChannel`, a repost there (`<name>: <content>`, no pings). Resolves
 * true when the message was such a link (then it is not read as a command, as in the seed). A
 * failed reaction or repost is logged, and the other is still tried.
 */
export async function logRedditLink(message: LinkMessage, options: CommunityFeatureOptions): Promise<boolean> {
  const { settings, discord, logger } = options;
  if (settings.generalChannel === undefined || message.channelId !== settings.generalChannel) return false;
  const content = unescapeUnderscores(message.content);
  if (!isLoggableLink(content, options.prefix)) return false;
  const reaction = pickReaction(options.random);
  await discord.react(message.channelId, message.id, reaction).catch((err: unknown) => logger.warn({ err, messageId: message.id }, 'could not react to a logged Reddit link'));
  if (settings.logChannel !== undefined) {
    await discord
      .post(settings.logChannel, repostText(message.author, content))
      .catch((err: unknown) => logger.error({ err, messageId: message.id }, 'could not repost a Reddit link to community.logChannel'));
  }
  logger.info({ messageId: message.id, reposted: settings.logChannel !== undefined }, 'Reddit link logged');
  return true;
}

/** The features the settings turn on (none when the section is empty). */
export function communityFeatures(options: CommunityFeatureOptions): GatewayFeature[] {
  const { settings, discord, logger } = options;
  const channels: TemplateChannels = { general: settings.generalChannel, log: settings.logChannel, ...options.channels };
  const features: GatewayFeature[] = [];
  if (settings.generalChannel !== undefined) {
    features.push({
      name: 'Reddit link logging (community.generalChannel)',
      intents: ['GuildMessages', 'MessageContent'],
      onMessage: (message) => logRedditLink(message, options),
    });
  }
  const { welcome, generalChannel, goodbyeChannel } = settings;
  if (welcome !== undefined && generalChannel !== undefined) {
    const template = welcomeTemplate(welcome);
    features.push({
      name: 'welcome messages (community.welcome)',
      intents: ['GuildMembers'],
      async onMemberAdd(member) {
        // A bot in several servers welcomes only to the server whose channel is configured.
        if (!member.guild.channels.cache.has(generalChannel)) return;
        const text = template.render(welcomeValues(member.user, channels, member.client.user.id));
        // The new member is the one user a welcome may ping; `@everyone` written in it pings nobody.
        await discord.post(generalChannel, truncate(text, 2000), [member.id]);
        logger.info({ memberId: member.id }, 'welcome message posted');
      },
    });
  }
  if (goodbyeChannel !== undefined) {
    features.push({
      name: 'goodbye messages (community.goodbyeChannel)',
      intents: ['GuildMembers'],
      async onMemberRemove(member) {
        if (!member.guild.channels.cache.has(goodbyeChannel)) return;
        const user = member.user as Partial<MemberLike> | null;
        await discord.post(goodbyeChannel, goodbyeText({ id: member.id, username: user?.username ?? 'unknown name', discriminator: user?.discriminator }));
        logger.info({ memberId: member.id }, 'goodbye message posted');
      },
    });
  }
  return features;
}
