/** Interactions the fake dispatched, their callbacks, and waiting for the bot's answers. */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';
import type { RecordedMessage } from './types.js';

/** What the bot answered to a slash command, once the answer has content. */
export interface InteractionReply {
  interactionId: string;
  /** The bot acknowledged with a deferral (callback type 5, or 6 for a button) and edited the reply in later. */
  deferred: boolean;
  /**
   * Button clicks only: the bot answered by editing the clicked message in place (callback 7
   * UPDATE_MESSAGE, or 6 DEFERRED_UPDATE_MESSAGE then an @original edit); `messageId` is that message.
   */
  updated: boolean;
  /** The reply's current content (undefined when it only has embeds). */
  content: string | undefined;
  embeds: APIEmbed[];
  ephemeral: boolean;
  /** The id of the recorded reply message (see `fake.messages()`). */
  messageId: string;
  /** Epoch ms: when the fake dispatched the interaction. */
  dispatchedAt: number;
  /** When the first callback arrived. */
  acknowledgedAt: number;
  /** When the reply first had content (the callback for type 4, the first @original edit after a deferral). */
  repliedAt: number;
}

export interface FakeInteraction {
  id: string;
  token: string;
  applicationId: string;
  /** 2 application command, 3 message component (a button click), 4 autocomplete. */
  type: 2 | 3 | 4;
  /** The command's name; for a button click its custom_id. */
  commandName: string;
  /** Button clicks: the message whose button was clicked. */
  messageId?: string;
  userId: string;
  channelId: string;
  guildId: string;
  dispatchedAt: number;
  acknowledgedAt?: number;
  callbackType?: number;
  ephemeral: boolean;
  /** The reply message, once it has content. */
  original?: RecordedMessage;
  repliedAt?: number;
  autocompleteChoices?: APIApplicationCommandOptionChoice[];
}

/** A button click answered by editing the clicked message (callback 6 DEFERRED_UPDATE_MESSAGE or 7 UPDATE_MESSAGE). */
export function updatesMessage(interaction: FakeInteraction): boolean {
  return interaction.type === 3 && (interaction.callbackType === 6 || interaction.callbackType === 7);
}

export type InteractionWaitFailure = 'unknown' | 'timeout' | 'closed';

/** Rejection of waitForInteractionReply; `reason` tells the control API 404 from 408. */
export class InteractionWaitError extends Error {
  constructor(readonly reason: InteractionWaitFailure, message: string) {
    super(message);
    this.name = 'InteractionWaitError';
  }
}

interface RegistryEvents {
  reply: [InteractionReply];
  autocomplete: [string, APIApplicationCommandOptionChoice[]];
  close: [];
}

export class InteractionRegistry {
  readonly events = new EventEmitter<RegistryEvents>();
  readonly #byId = new Map<string, FakeInteraction>();
  readonly #byToken = new Map<string, FakeInteraction>();

  constructor() {
    this.events.setMaxListeners(0);
  }

  create(input: Omit<FakeInteraction, 'id' | 'token' | 'dispatchedAt' | 'ephemeral'>): FakeInteraction {
    const interaction: FakeInteraction = {
      ...input,
      id: snowflake(),
      // Real interaction tokens are long opaque strings prefixed "aW50ZXJhY3Rpb246" ("interaction:").
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      dispatchedAt: Date.now(),
      ephemeral: false,
    };
    this.#byId.set(interaction.id, interaction);
    this.#byToken.set(interaction.token, interaction);
    return interaction;
  }

  get(id: string): FakeInteraction | undefined {
    return this.#byId.get(id);
  }

  byToken(token: string): FakeInteraction | undefined {
    return this.#byToken.get(token);
  }

  /** The reply as it is now, or undefined while it has no content. */
  reply(interaction: FakeInteraction): InteractionReply | undefined {
    const { original, acknowledgedAt, repliedAt } = interaction;
    if (original === undefined || acknowledgedAt === undefined || repliedAt === undefined) return undefined;
    return {
      interactionId: interaction.id,
      deferred: interaction.callbackType === 5 || interaction.callbackType === 6,
      updated: updatesMessage(interaction),
      content: typeof original.body.content === 'string' ? original.content : undefined,
      embeds: original.embeds as APIEmbed[],
      ephemeral: interaction.ephemeral,
      messageId: original.id,
      dispatchedAt: interaction.dispatchedAt,
      acknowledgedAt,
      repliedAt,
    };
  }

  /** Records the reply message the first time it has content. */
  setOriginal(interaction: FakeInteraction, message: RecordedMessage): void {
    interaction.original = message;
    interaction.repliedAt ??= Date.now();
    const reply = this.reply(interaction);
    if (reply) this.events.emit('reply', reply);
  }

  setAutocompleteChoices(interaction: FakeInteraction, choices: APIApplicationCommandOptionChoice[]): void {
    interaction.autocompleteChoices = choices;
    this.events.emit('autocomplete', interaction.id, choices);
  }

  waitForReply(id: string, timeoutMs: number): Promise<InteractionReply> {
    const interaction = this.#byId.get(id);
    if (interaction === undefined) return Promise.reject(new InteractionWaitError('unknown', `no interaction ${id} was dispatched`));
    const now = this.reply(interaction);
    if (now) return Promise.resolve(now);
    return this.#waitFor(timeoutMs, (resolve) => (reply) => {
      if (reply.interactionId === id) resolve(reply);
    }, 'reply', () => {
      const state = interaction.acknowledgedAt === undefined ? 'it was never acknowledged'
        : interaction.callbackType === 5 || interaction.callbackType === 6 ? 'it was deferred but @original was never edited'
        : `it was acknowledged with callback type ${String(interaction.callbackType)}`;
      const what = interaction.type === 3 ? `the click on button ${interaction.commandName}` : `/${interaction.commandName}`;
      return `waitForInteractionReply: no reply to ${what} (${id}) within ${timeoutMs} ms; ${state}`;
    });
  }

  waitForAutocomplete(id: string, timeoutMs: number): Promise<APIApplicationCommandOptionChoice[]> {
    const interaction = this.#byId.get(id);
    if (interaction === undefined) return Promise.reject(new InteractionWaitError('unknown', `no interaction ${id} was dispatched`));
    if (interaction.autocompleteChoices) return Promise.resolve(interaction.autocompleteChoices);
    return this.#waitFor(timeoutMs, (resolve) => (answeredId, choices) => {
      if (answeredId === id) resolve(choices);
    }, 'autocomplete', () => `dispatchAutocomplete: /${interaction.commandName} got no choices within ${timeoutMs} ms`);
  }

  #waitFor<E extends 'reply' | 'autocomplete', T>(
    timeoutMs: number,
    makeListener: (resolve: (value: T) => void) => (...args: RegistryEvents[E]) => void,
    event: E,
    timeoutMessage: () => string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const listener = makeListener((value) => {
        cleanup();
        resolve(value);
      });
      const onClose = (): void => {
        cleanup();
        reject(new InteractionWaitError('closed', 'the fake Discord closed while waiting for an interaction answer'));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new InteractionWaitError('timeout', timeoutMessage()));
      }, timeoutMs);
      const emitter = this.events as unknown as EventEmitter;
      const cleanup = (): void => {
        clearTimeout(timer);
        emitter.off(event, listener as (...args: unknown[]) => void);
        this.events.off('close', onClose);
      };
      emitter.on(event, listener as (...args: unknown[]) => void);
      this.events.on('close', onClose);
    });
  }
}
