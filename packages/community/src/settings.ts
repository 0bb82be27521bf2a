/**
 * `@herald/community/settings`: the notifier's `community:` section (Down Arrows Bot's
 * `discord.general`, `log`, `welcome` and `graveyard`, seed-behaviour §3.13; a dab.conf.json given
 * by DAB_CONFIG fills the same paths). Zod only: the notifier's config loads no discord.js.
 */
import { z } from 'zod';
import { discordId, goTemplate } from '@herald/config';
import { welcomeFields } from '@herald/reddit/dab-config';

/** A welcome template's longest text: a Discord message holds 2,000 characters, and the fields add ids and names. */
export const MAX_WELCOME_LENGTH = 1800;

const welcome = z
  .string()
  .max(MAX_WELCOME_LENGTH, `must be at most ${MAX_WELCOME_LENGTH} characters (a Discord message holds 2000, with the names and ids filled in)`)
  .pipe(goTemplate(welcomeFields))
  .refine((text) => text.trim() !== '', 'is empty: leave it out to send no welcome message');

export const communitySection = z
  .strictObject({
    /**
     * The main channel (DAB's `discord.general`): Reddit comment links posted there are logged,
     * welcome messages go there, and `invite` invites to it.
     */
    generalChannel: discordId().optional(),
    /** Links posted in the general channel are reposted here (DAB's `discord.log`); without it they only get a reaction. */
    logChannel: discordId().optional(),
    /** A Go template of the welcome message (DAB's `discord.welcome`), e.g. `Hello <@{{.Member.ID}}>!`; fields: welcomeFields. */
    welcome: welcome.optional(),
    /** Where `Goodbye <@id> (name) 👋.` is posted when a member leaves (DAB's graveyard, which defaulted to general). */
    goodbyeChannel: discordId().optional(),
  })
  .superRefine((section, ctx) => {
    const needsGeneral = (key: 'welcome' | 'logChannel', why: string) => {
      if (section[key] !== undefined && section.generalChannel === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `needs community.generalChannel (dab.conf.json: discord.general): ${why}` });
      }
    };
    needsGeneral('welcome', 'welcome messages are posted there');
    needsGeneral('logChannel', 'the links posted there are the ones reposted');
  })
  .prefault({});

export type CommunitySettings = z.infer<typeof communitySection>;

/** Environment variables of the section (the welcome template is easier to write in YAML, but may be set here too). */
export const communityEnvMapping = {
  COMMUNITY_GENERAL_CHANNEL: 'community.generalChannel',
  COMMUNITY_LOG_CHANNEL: 'community.logChannel',
  COMMUNITY_GOODBYE_CHANNEL: 'community.goodbyeChannel',
  COMMUNITY_WELCOME: 'community.welcome',
} as const;
