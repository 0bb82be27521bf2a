/**
 * The welcome and goodbye messages (seed-behaviour §3.2 "Welcome", "Goodbye"): texts only; the
 * gateway handlers are in features.ts.
 */
import { parseGoTemplate, type GoTemplate, type GoTemplateValues } from '@herald/config';
import { escapeDiscordText } from '@herald/discord/text';
import { welcomeFields } from '@herald/reddit/dab-config';
import { memberLabel } from './link-log.js';

/** A member as the templates and the goodbye read it (a discord.js User has these). */
export interface MemberLike {
  readonly id: string;
  readonly username: string;
  /** `'0'` for accounts that moved to unique usernames; absent on partial users. */
  readonly discriminator?: string | null | undefined;
}

/** The channel ids a template may print (`{{.ChannelsID.General}}` …); an unset one prints as empty text, as in the seed. */
export interface TemplateChannels {
  readonly general?: string | undefined;
  readonly graveyard?: string | undefined;
  readonly highScores?: string | undefined;
  readonly log?: string | undefined;
}

/**
 * The seed's template data, `{BotID, ChannelsID{General, Graveyard, HighScores, Log}, Member{ID,
 * Name, Discriminator, FQN}}` (§3.2). `FQN` was `Name#Discriminator`; the `#0` Discord now gives
 * most accounts is left out (§3.14.15).
 */
export function welcomeValues(member: MemberLike, channels: TemplateChannels, botId: string): GoTemplateValues {
  return {
    BotID: botId,
    ChannelsID: {
      General: channels.general ?? '',
      Graveyard: channels.graveyard ?? '',
      HighScores: channels.highScores ?? '',
      Log: channels.log ?? '',
    },
    // Names are shown as typed: escaped, so `new_face` is not read as Markdown (as in the goodbye).
    Member: {
      ID: member.id,
      Name: escapeDiscordText(member.username),
      Discriminator: member.discriminator ?? '0',
      FQN: escapeDiscordText(memberLabel(member)),
    },
  };
}

/**
 * The `community.welcome` template, parsed once. The setting was checked at start with the same
 * fields (`goTemplate(welcomeFields)`), so this only throws for text that skipped that check.
 */
export function welcomeTemplate(text: string): GoTemplate {
  return parseGoTemplate(text, welcomeFields);
}

/**
 * `Goodbye <@id> (<name>) 👋.` (seed §3.2, without the `#0` discriminator): the mention shows who
 * left even after their name changes; it is posted without pings. The name is escaped so
 * `a_b_c` is not read as italics.
 */
export function goodbyeText(member: MemberLike): string {
  return `Goodbye <@${member.id}> (${escapeDiscordText(memberLabel(member))}) 👋.`;
}
