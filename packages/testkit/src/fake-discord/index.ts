export { FakeDiscord, type FakeDiscordEvent } from './fake-discord.js';
export { DEFAULT_LIMITS as FAKE_DISCORD_DEFAULT_LIMITS } from './ratelimit.js';
export { LIMITS as DISCORD_MESSAGE_LIMITS } from './validate.js';
export { MESSAGE_PAGE_LIMITS as FAKE_DISCORD_MESSAGE_PAGE_LIMITS } from './types.js';
export { FAKE_BOT_USER as FAKE_DISCORD_BOT_USER } from './message-object.js';
export { DemoGuild, type FakeGuild, type FakeGuildChannel, type FakeGuildRole, type FakeGuildUser } from './guild.js';
export { CommandInputError, type OptionValue as FakeDiscordOptionValue } from './command-input.js';
export {
  CommandNotRegisteredError,
  NoGatewaySessionError,
  type CommandTextResult as FakeDiscordCommandTextResult,
  type DispatchAutocompleteInput as FakeDiscordAutocompleteInput,
  type DispatchCommandTextInput as FakeDiscordCommandTextInput,
  type DispatchMessageInput as FakeDiscordMessageInput,
  type DispatchSlashCommandInput as FakeDiscordSlashCommandInput,
} from './dispatcher.js';
export { InteractionWaitError, type InteractionReply } from './interactions.js';
export type { SeedMessageInput as FakeDiscordSeedMessage } from './history.js';
export type { ClickButtonInput as FakeDiscordClickInput } from './component-dispatch.js';
export type { FakeInvite as FakeDiscordInvite } from './invites.js';
export type { PrivilegedIntent as FakeDiscordPrivilegedIntent } from './intents.js';
export type { FakeBan as FakeDiscordBan, MemberJoinInput as FakeDiscordMemberJoin } from './members.js';
export type {
  DisconnectOptions as FakeDiscordDisconnectOptions,
  GatewayStats as FakeDiscordGatewayStats,
  WaitForReadyOptions as FakeDiscordWaitForReadyOptions,
} from './gateway.js';
// Prefixed names: @herald/testkit re-exports these next to other fakes (Reddit, Cosmos).
export type {
  CreatedWebhook as FakeDiscordWebhook,
  FakeWebhook as FakeDiscordWebhookDetails,
  FakeChannel as FakeDiscordChannel,
  ContentRule as FakeDiscordContentRule,
  Fault as FakeDiscordFault,
  StickyFault as FakeDiscordStickyFault,
  FaultStatus as FakeDiscordFaultStatus,
  FaultTarget as FakeDiscordFaultTarget,
  FakeDiscordOptions,
  FakeDiscordStats,
  MessageFilter as FakeDiscordMessageFilter,
  MessagePage as FakeDiscordMessagePage,
  MessagePageQuery as FakeDiscordMessagePageQuery,
  ChannelSummary as FakeDiscordChannelSummary,
  RateLimitConfig as FakeDiscordRateLimits,
  RateLimitRule as FakeDiscordRateLimitRule,
  RecordedMessage as FakeDiscordMessage,
  RecordedReaction as FakeDiscordReaction,
  RecordedRequest as FakeDiscordRequest,
  WaitForMessagesOptions as FakeDiscordWaitOptions,
} from './types.js';
