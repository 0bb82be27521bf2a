export * from './options.js';
export {
  defineCommand,
  commandsFor,
  type Command,
  type CommandCatalog,
  type CommandContext,
  type CommandDefinition,
  type CommandInfo,
  type CommandReply,
  type CommandResult,
  type Confirmation,
  type InvocationStyle,
  type InvocationUser,
  type Permission,
} from './command.js';
export { CommandRegistry, CommandDefinitionError } from './registry.js';
export { NAME_PATTERN } from './validate.js';
export { usage, invocationName } from './usage.js';
export { suggest } from './suggest.js';
export {
  createPrefixParser,
  renderPrefixCommand,
  prefixProblem,
  DEFAULT_PREFIX,
  type PrefixParser,
  type PrefixParseResult,
} from './prefix.js';
export { toOutgoing, toOutgoingMessages, withNote, type OutgoingReply, type AttachConfirmation } from './reply.js';
export {
  ConfirmationStore,
  CONFIRM_EXPIRED,
  DEFAULT_CONFIRM_EXPIRY_MS,
  MAX_CONFIRM_EXPIRY_MS,
  confirmOnlyBy,
  isConfirmationId,
  type ConfirmButton,
  type ConfirmationStoreOptions,
  type ClickClaim,
} from './confirm/store.js';
export { decideClick, type Click, type ClickAnswer, type ClickDecision } from './confirm/click.js';
export type { GatewayFeature, FeatureIntent } from './features.js';
export { planIntents, withoutPrivileged, disallowedIntentsMessage, isDisallowedIntents, type IntentConsumer, type IntentPlan } from './intents.js';
export { packLines, clip } from './text.js';
export { quote } from './values.js';
export {
  createDispatcher,
  NOT_ALLOWED,
  DEFAULT_DEFER_AFTER_MS,
  type Dispatcher,
  type DispatcherOptions,
  type DispatchOutcome,
  type Invocation,
  type Responder,
  type SentMessage,
} from './dispatch.js';
export { help } from './commands/help.js';
export { version, type VersionDeps } from './commands/version.js';
export { status, type StatusDeps } from './commands/status.js';
export { renderStatusEmbed, type StatusReport } from './commands/status-embed.js';
export {
  commandPayloads,
  registerCommands,
  type CommandScope,
  type RegisterCommandsOptions,
  type RegisterCommandsResult,
  type RestLike,
} from './register.js';
export { startBot, type Bot, type BotSettings, type StartBotOptions } from './bot.js';
export { backoffDelay, type RetryOptions } from './discord/login.js';
