/**
 * The start-up check of the community's channel ids (the seed checked each at Ready and stopped
 * on a bad one, seed-behaviour §3.6 "On Ready"): a channel that does not exist, that the bot cannot
 * see, or that holds no messages is reported naming its setting, and the bot stays up.
 */
import { ChannelType } from 'discord-api-types/v10';
import type { CommunityDiscord } from './discord/chores.js';
import { describeDiscordFailure } from './discord/errors.js';
import type { CommunitySettings } from './settings.js';

/** Channel types a bot can post messages in. */
const MESSAGE_CHANNELS: ReadonlySet<number> = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

export interface ChannelProblem {
  /** The setting, e.g. `community.logChannel`. */
  readonly setting: string;
  readonly channelId: string;
  /** e.g. `Discord refused: Unknown Channel`. */
  readonly problem: string;
}

/** Looks up every channel of `settings`; resolves to the problems (none when all are usable). Never rejects for Discord's answers. */
export async function checkCommunityChannels(settings: CommunitySettings, discord: Pick<CommunityDiscord, 'channel'>): Promise<ChannelProblem[]> {
  const configured: Array<[string, string | undefined]> = [
    ['community.generalChannel', settings.generalChannel],
    ['community.logChannel', settings.logChannel],
    ['community.goodbyeChannel', settings.goodbyeChannel],
  ];
  const problems: ChannelProblem[] = [];
  for (const [setting, channelId] of configured) {
    if (channelId === undefined) continue;
    try {
      const channel = await discord.channel(channelId);
      if (!MESSAGE_CHANNELS.has(channel.type)) problems.push({ setting, channelId, problem: `is not a text channel (type ${channel.type})` });
    } catch (error) {
      const failed = describeDiscordFailure(error, 'View Channel');
      if (failed === undefined) throw error;
      problems.push({ setting, channelId, problem: failed });
    }
  }
  return problems;
}
