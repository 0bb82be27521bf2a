/**
 * `@herald/community`: Down Arrows Bot's community chores (seed-behaviour §3.2, §3.6) — link
 * logging, welcome and goodbye messages (gateway features), and the `date`, `separator`,
 * `sipthebep`, `ban`, `delete`, `invite` and `purge` commands — on @herald/bot, with the Discord
 * requests behind a small interface (`CommunityDiscord`). Settings: `@herald/community/settings`.
 */
export * from './commands/index.js';
export { communityFeatures, logRedditLink, type CommunityFeatureOptions, type LinkMessage } from './features.js';
export { checkCommunityChannels, type ChannelProblem } from './check-channels.js';
export { restChores, type CommunityDiscord, type HistoryMessage } from './discord/chores.js';
export { describeDiscordFailure } from './discord/errors.js';
export { isLoggableLink, LINK_REACTIONS, memberLabel, pickReaction, repostText, unescapeUnderscores } from './link-log.js';
export { goodbyeText, welcomeTemplate, welcomeValues, type MemberLike, type TemplateChannels } from './welcome.js';
