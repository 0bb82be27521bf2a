/**
 * Link logging (seed-behaviour §3.2 "Link logging", §3.6 step 4): a message in the general channel
 * that links a Reddit comment gets a reaction and is reposted to the log channel, unless it says
 * `<prefix>nolog`. Pure rules here; the gateway handler is in features.ts.
 */
import { escapeDiscordText, truncate } from '@herald/discord/text';

/**
 * The seed's rule, `(?s:.*reddit\.com/r/\w+/comments/.*)`, unanchored: any message containing a
 * link to a post or comment of a subreddit on any reddit.com host (www., old., np., new.) qualifies;
 * `redd.it` short links do not. Go's `\w` is ASCII ([0-9A-Za-z_]), as here without the `u` flag.
 */
const REDDIT_COMMENTS_LINK = /reddit\.com\/r\/\w+\/comments\//;

/** The seed's reactions, one picked at random per logged link. */
export const LINK_REACTIONS = ['☠', '🔥', '💗', '⚡', '👌', '💯', '👍', '💮'] as const;

/** Discord's limit on a message's content. */
const MAX_CONTENT = 2000;

/**
 * Discord clients send a typed `_` as `\_` (markdown escaping); the seed undid that before reading
 * a message (v1.26.4), and so does the prefix parser of @herald/bot.
 */
export function unescapeUnderscores(content: string): string {
  return content.replaceAll('\\_', '_');
}

/**
 * Whether a message (content already unescaped) is a Reddit link to log: it matches the seed's rule
 * and does not contain `<prefix>nolog` in any case (the seed lower-cased the content, not the prefix).
 */
export function isLoggableLink(content: string, prefix: string): boolean {
  return REDDIT_COMMENTS_LINK.test(content) && !content.toLowerCase().includes(`${prefix}nolog`);
}

/** One of {@link LINK_REACTIONS}; `random` returns [0, 1) like Math.random (injected by tests). */
export function pickReaction(random: () => number = Math.random): string {
  const index = Math.min(LINK_REACTIONS.length - 1, Math.floor(random() * LINK_REACTIONS.length));
  return LINK_REACTIONS[index]!;
}

/**
 * How the seed wrote a member: `<Username>#<Discriminator>`. Discord dropped discriminators for
 * most accounts (they read `0` now, §3.14.15), so `#0` is left out; bots keep theirs (`#1234`).
 */
export function memberLabel(user: { readonly username: string; readonly discriminator?: string | null | undefined }): string {
  const discriminator = user.discriminator ?? '0';
  return discriminator === '0' || discriminator === '' ? user.username : `${user.username}#${discriminator}`;
}

/**
 * The repost in the log channel: `<member>: <content>` (seed §3.2), cut to Discord's 2,000
 * characters. The name is escaped (`a_b` must not turn italic); the content is kept as written, and
 * the repost is posted without pings, so the mentions it may hold notify nobody a second time.
 */
export function repostText(author: { readonly username: string; readonly discriminator?: string | null | undefined }, content: string): string {
  return truncate(`${escapeDiscordText(memberLabel(author))}: ${content}`, MAX_CONTENT);
}
