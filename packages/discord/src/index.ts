export * from './limits.js';
export { BLANK_PLACEHOLDER, embedLength, fitContent, fitEmbed, truncate } from './fit.js';
export { limitViolations } from './check.js';
export { escapeAndTruncate, escapeDiscordText, fitLines } from './text.js';
export { packMessages, type Mention, type MessageBase, type PackItem, type PackOptions, type PackedMessage } from './pack.js';
export { InvalidWebhookUrlError, parseWebhookTarget, webhookLabel, type WebhookTarget } from './webhook.js';
export { classifyError, kindForStatus, UNKNOWN_MESSAGE_CODE, type DeliveryFailure, type FailureKind } from './classify.js';
export {
  createDiscordClient,
  type ChannelSendOptions,
  type DiscordClient,
  type DiscordClientOptions,
  type DiscordClientStats,
  type RateLimitEvent,
  type SendOptions,
  type SendResult,
  type WebhookInfoResult,
} from './client.js';
export { UnansweredRequestError, type RequestHooks } from './request-tracking.js';
export { RefusalFloor, DefaultRefusalFloorOptions, isTimingless429, type RefusalFloorOptions } from './refusal-floor.js';
export { createInvalidRequestBudget, DefaultInvalidRequestLimits, type InvalidRequestBudget, type InvalidRequestBudgetOptions } from './invalid-budget.js';
export {
  budgetState,
  invalidRequestKey,
  invalidRequestLimitsKey,
  readInvalidRequestBudget,
  type InvalidBudgetReading,
  type InvalidBudgetState,
  type InvalidRequestLimits,
} from './invalid-budget-redis.js';
