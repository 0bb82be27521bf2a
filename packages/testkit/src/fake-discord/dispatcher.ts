/**
 * What users "do" in the fake guild, sent to every ready gateway session: messages
 * (MESSAGE_CREATE, honouring the GUILD_MESSAGES and MESSAGE_CONTENT intents) and slash commands
 * (INTERACTION_CREATE, only for registered commands).
 */
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
} from 'discord-api-types/v10';
import { buildCommandOptions, parseCommandText, splitSlashText, CommandInputError, type CommandInput, type OptionValue } from './command-input.js';
import { botUserObject, partialMemberObject, userObject } from './guild-objects.js';
import { interactionEnvelope } from './interaction-payload.js';
import { ALL_PERMISSIONS, defaultChannel, findChannel, findGuildUser, permissionsOf, type FakeGuildUser } from './guild.js';
import { clickButton, type ClickButtonInput } from './component-dispatch.js';
import { memberMessageObject } from './history-objects.js';
import { messageObject } from './message-object.js';
import type { FakeState } from './routes.js';
import { snowflake } from './snowflake.js';
import type { RecordedMessage } from './types.js';

export interface DispatchMessageInput {
  /** A member's id (or key such as 'member', or username). */
  authorId: string;
  content: string;
  /** Channel id or name; default `general` (or the guild's first channel). */
  channelId?: string;
}

export interface DispatchSlashCommandInput {
  /** A member's id (or key such as 'owner', or username). */
  userId: string;
  name: string;
  /** Values are coerced to the registered option types (e.g. '5' → 5 for an integer option). */
  options?: Record<string, OptionValue>;
  /** 'sub' or 'group sub' for commands with sub-commands. */
  subcommand?: string;
  channelId?: string;
}

export interface DispatchCommandTextInput {
  userId: string;
  /** `/name value1 value2`, `/name opt:value`, or plain text (sent as a message). */
  text: string;
  channelId?: string;
}

export interface DispatchAutocompleteInput extends DispatchSlashCommandInput {
  /** The option being typed; its value in `options` is the partial text. */
  focused: string;
  /** How long to wait for the choices. Default 3000. */
  timeoutMs?: number;
}

export type CommandTextResult = { kind: 'interaction'; interactionId: string } | { kind: 'message'; messageId: string };

/** The command is not registered (Discord would not show it, so a user cannot invoke it). */
export class CommandNotRegisteredError extends Error {
  override name = 'CommandNotRegisteredError';
}

/** No bot is connected: nothing would receive the event. */
export class NoGatewaySessionError extends Error {
  override name = 'NoGatewaySessionError';
}

const MENTION = /<@!?(\d+)>/g;

export class GatewayDispatcher {
  readonly #state: FakeState;

  constructor(state: FakeState) {
    this.#state = state;
  }

  message(input: DispatchMessageInput): { messageId: string } {
    this.#requireSession();
    const { guild, store } = this.#state;
    const author = this.#user(input.authorId);
    const channelId = this.#channelId(input.channelId);
    const now = Date.now();
    const recorded = store.addHistoryMessage({
      id: snowflake(now),
      channelId,
      content: input.content,
      embeds: [],
      createdAt: now,
      body: { content: input.content },
      authorId: author.id,
    });
    const payload = memberMessageObject(this.#state, recorded);
    const mentionsBot = [...input.content.matchAll(MENTION)].some((m) => m[1] === guild.bot.id);
    this.#dispatchMessage(payload, mentionsBot);
    return { messageId: recorded.id };
  }

  slashCommand(input: DispatchSlashCommandInput): { interactionId: string } {
    return { interactionId: this.#interaction(input, InteractionType.ApplicationCommand, input).id };
  }

  commandText(input: DispatchCommandTextInput): CommandTextResult {
    const slash = splitSlashText(input.text);
    if (slash === undefined) {
      const { messageId } = this.message({ authorId: input.userId, content: input.text, ...(input.channelId !== undefined && { channelId: input.channelId }) });
      return { kind: 'message', messageId };
    }
    const command = this.#command(slash.name, input.userId);
    const parsed = parseCommandText(command, slash.rest);
    const interaction = this.#interaction({ ...input, name: slash.name }, InteractionType.ApplicationCommand, parsed);
    return { kind: 'interaction', interactionId: interaction.id };
  }

  /** Sends an autocomplete interaction and resolves with the choices the bot answers. */
  autocomplete(input: DispatchAutocompleteInput): Promise<APIApplicationCommandOptionChoice[]> {
    const interaction = this.#interaction(input, InteractionType.ApplicationCommandAutocomplete, input);
    return this.#state.interactions.waitForAutocomplete(interaction.id, input.timeoutMs ?? 3000);
  }

  /** A member clicks a button: INTERACTION_CREATE type 3 (see component-dispatch.ts). */
  click(input: ClickButtonInput): { interactionId: string } {
    this.#requireSession();
    return clickButton(this.#state, this.#user(input.userId), input);
  }

  /** Like Discord, bots also receive MESSAGE_CREATE for messages they (or webhooks) post in the guild. */
  echo(message: RecordedMessage): void {
    const { guild, store } = this.#state;
    if (message.ephemeral === true || store.channels.get(message.channelId)?.guildId !== guild.id) return;
    const webhook = message.webhookId === undefined ? undefined : store.webhooks.get(message.webhookId);
    const interaction = message.interactionId === undefined ? undefined : this.#state.interactions.get(message.interactionId);
    const invoker = interaction && findGuildUser(guild, interaction.userId);
    const payload = {
      ...messageObject(message, webhook, {
        bot: botUserObject(guild),
        guildId: guild.id,
        ...(interaction && invoker && { interaction: { id: interaction.id, applicationId: interaction.applicationId, user: userObject(guild, invoker) } }),
      }),
      ...(webhook === undefined && { member: partialMemberObject({ id: guild.bot.id, username: guild.bot.username, roles: [] }) }),
    };
    // The bot always sees its own messages' content.
    this.#dispatchMessage(payload, webhook === undefined);
  }

  #dispatchMessage(payload: Record<string, unknown>, contentAlwaysVisible: boolean): void {
    this.#state.gateway.dispatch(GatewayDispatchEvents.MessageCreate, (intents) => {
      if ((intents & GatewayIntentBits.GuildMessages) === 0) return undefined;
      if (contentAlwaysVisible || (intents & GatewayIntentBits.MessageContent) !== 0) return payload;
      // Without the privileged intent Discord blanks what the message says.
      return { ...payload, content: '', embeds: [], attachments: [], components: [], poll: undefined };
    });
  }

  #interaction(target: { userId: string; name: string; channelId?: string }, type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete, input: CommandInput) {
    this.#requireSession();
    const { guild, interactions, gateway } = this.#state;
    const user = this.#user(target.userId);
    const channelId = this.#channelId(target.channelId);
    const command = this.#command(target.name, user.id);
    this.#checkPermission(command, user);
    const { options, resolved } = buildCommandOptions(guild, command, input);
    const interaction = interactions.create({
      applicationId: guild.applicationId,
      type,
      commandName: command.name,
      userId: user.id,
      channelId,
      guildId: guild.id,
    });
    gateway.dispatch(GatewayDispatchEvents.InteractionCreate, () => ({
      ...interactionEnvelope(this.#state, interaction, user),
      data: {
        id: command.id,
        name: command.name,
        type: command.type,
        guild_id: guild.id,
        ...(options.length > 0 && { options }),
        ...(Object.keys(resolved).length > 0 && { resolved }),
      },
    }));
    return interaction;
  }

  #command(name: string, userId: string): APIApplicationCommand {
    const { guild, commands } = this.#state;
    const command = commands.find(name, guild.id);
    if (command === undefined) {
      const known = [...commands.list(guild.id), ...commands.list()].filter((c) => c.type === 1).map((c) => `/${c.name}`);
      throw new CommandNotRegisteredError(
        `/${name} is not registered for application ${guild.applicationId} (globally or in guild ${guild.id}), so ${userId} cannot invoke it. ` +
          `Register the commands first (PUT /applications/:appId/commands or /applications/:appId/guilds/:guildId/commands). ` +
          `Registered: ${known.length > 0 ? known.join(', ') : 'none'}.`,
      );
    }
    return command;
  }

  /** Discord hides commands whose default_member_permissions the member lacks. */
  #checkPermission(command: APIApplicationCommand, user: FakeGuildUser): void {
    if (command.default_member_permissions === null || command.default_member_permissions === undefined) return;
    const required = BigInt(command.default_member_permissions);
    const has = permissionsOf(this.#state.guild, user.id);
    const allowed = required === 0n ? has === BigInt(ALL_PERMISSIONS) || (has & PermissionFlagsBits.Administrator) !== 0n : (has & required) === required;
    if (!allowed) {
      throw new CommandInputError(`${user.username} cannot use /${command.name}: it needs default_member_permissions ${command.default_member_permissions}`);
    }
  }

  #user(ref: string): FakeGuildUser {
    const user = findGuildUser(this.#state.guild, ref);
    if (user === undefined || user.id === this.#state.guild.bot.id) {
      throw new CommandInputError(`no member ${ref} in the fake guild (known: ${Object.keys(this.#state.guild.users).join(', ')})`);
    }
    return user;
  }

  #channelId(ref: string | undefined): string {
    const { guild, store } = this.#state;
    if (ref === undefined) return defaultChannel(guild).id;
    const channel = findChannel(guild, ref) ?? store.channels.get(ref);
    if (channel === undefined || (store.channels.get(channel.id)?.guildId ?? guild.id) !== guild.id) {
      throw new CommandInputError(`no text channel ${ref} in the fake guild`);
    }
    return channel.id;
  }

  #requireSession(): void {
    if (this.#state.gateway.readySessions === 0) {
      throw new NoGatewaySessionError('no bot is connected to the fake gateway (no READY session); start the client and await fake.waitForGatewayReady()');
    }
  }
}
