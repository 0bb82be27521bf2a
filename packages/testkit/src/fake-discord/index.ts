export { FakeDiscord, type FakeDiscordEvent } from './fake-discord.js';
export { DEFAULT_LIMITS as FAKE_DISCORD_DEFAULT_LIMITS } from './ratelimit.js';
export { LIMITS as DISCORD_MESSAGE_LIMITS } from './validate.js';
export { FAKE_BOT_USER as FAKE_DISCORD_BOT_USER } from './message-object.js';
// Prefixed names: @herald/testkit re-exports these next to other fakes (Reddit, Cosmos).
export type {
  CreatedWebhook as FakeDiscordWebhook,
  FakeWebhook as FakeDiscordWebhookDetails,
  FakeChannel as FakeDiscordChannel,
  Fault as FakeDiscordFault,
  FaultStatus as FakeDiscordFaultStatus,
  FaultTarget as FakeDiscordFaultTarget,
  FakeDiscordOptions,
  FakeDiscordStats,
  MessageFilter as FakeDiscordMessageFilter,
  RateLimitConfig as FakeDiscordRateLimits,
  RateLimitRule as FakeDiscordRateLimitRule,
  RecordedMessage as FakeDiscordMessage,
  RecordedRequest as FakeDiscordRequest,
  WaitForMessagesOptions as FakeDiscordWaitOptions,
} from './types.js';
