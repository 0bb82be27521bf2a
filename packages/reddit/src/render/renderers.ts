import type { APIEmbed } from 'discord-api-types/v10';
import type { EventType, RedditCommentHighscore, RedditUserStatus } from '@herald/contracts';
import { escapeDiscordText } from '@herald/discord/text';
import type { Renderers } from '@herald/pipeline';

export type RedditEventType = Extract<EventType, `reddit.${string}`>;

/** Reddit's orange-red, and the graveyard's grey and the rainbow's green. */
const Color = { highscore: 0xff4500, death: 0x36393f, resurrection: 0x57f287 } as const;

/** `/u/<name>` as the seed wrote it: underscores escaped so Discord shows the name as it is (§3.6). */
export const userLink = (name: string) => `/u/${escapeDiscordText(name)}`;

/**
 * `a comment by /u/<author> has reached <score>: https://www.reddit.com<permalink>` in the
 * highscores channel (the seed's text, seed-behaviour §3.2; the author is escaped here, which the
 * seed forgot, so a name with underscores is not shown in italics).
 */
export function renderHighscore(p: RedditCommentHighscore): APIEmbed {
  const url = `https://www.reddit.com${p.permalink}`;
  return {
    color: Color.highscore,
    description: `a comment by ${userLink(p.author)} has reached ${p.score}: ${url}`,
    footer: { text: `r/${p.subreddit} · threshold ${p.threshold}` },
    timestamp: p.createdAt,
  };
}

/** `RIP /u/<name> 🙏 (suspended)` or `(deleted)` in the graveyard channel (the seed's text). */
export function renderDeath(p: RedditUserStatus): APIEmbed {
  return { color: Color.death, description: `RIP ${userLink(p.name)} 🙏 (${p.to === 'suspended' ? 'suspended' : 'deleted'})` };
}

/** `🌈 /u/<name> has been resurrected! 🌈` (the seed's text), announced once per return. */
export function renderResurrection(p: RedditUserStatus): APIEmbed {
  return { color: Color.resurrection, description: `🌈 ${userLink(p.name)} has been resurrected! 🌈`, footer: { text: `was ${p.from}` } };
}

/** The Reddit source's renderers, one per `reddit.*` event type (spread into the notifier's map). */
export const redditRenderers: Pick<Renderers, RedditEventType> = {
  'reddit.comment.highscore': (p) => [renderHighscore(p)],
  'reddit.user.suspended': (p) => [renderDeath(p)],
  'reddit.user.deleted': (p) => [renderDeath(p)],
  'reddit.user.resurrected': (p) => [renderResurrection(p)],
};
