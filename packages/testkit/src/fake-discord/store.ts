import { EventEmitter } from 'node:events';
import { channelSummaries, messagePage } from './message-page.js';
import { compareSnowflakes, snowflake, webhookToken } from './snowflake.js';
import type {
  ChannelSummary,
  FakeChannel,
  FakeDiscordStats,
  FakeWebhook,
  MessageFilter,
  MessagePage,
  MessagePageQuery,
  RecordedActionRow,
  RecordedMessage,
  RecordedRequest,
  WaitForMessagesOptions,
} from './types.js';

export interface StoreEvents {
  message: [RecordedMessage];
  /** A recorded message was edited (it is the same object, updated in place). */
  edit: [RecordedMessage];
  request: [RecordedRequest];
  reset: [];
  close: [];
}

export function matchesFilter(message: RecordedMessage, filter: MessageFilter | undefined): boolean {
  if (filter?.webhookId !== undefined && message.webhookId !== filter.webhookId) return false;
  if (filter?.channelId !== undefined && message.channelId !== filter.channelId) return false;
  if (filter?.interactionId !== undefined && message.interactionId !== filter.interactionId) return false;
  if (filter?.referencedMessageId !== undefined && message.referencedMessageId !== filter.referencedMessageId) return false;
  if (filter?.authorId !== undefined && message.authorId !== filter.authorId) return false;
  return true;
}

/** A body's `components` (validated before anything is recorded), or [] without any. */
function componentsOf(body: Record<string, unknown>): RecordedActionRow[] {
  return Array.isArray(body.components) ? (body.components as RecordedActionRow[]) : [];
}

/** Everything the fake knows: registered webhooks/channels and what it received. */
export class FakeStore {
  readonly webhooks = new Map<string, FakeWebhook>();
  readonly channels = new Map<string, FakeChannel>();
  readonly events = new EventEmitter<StoreEvents>();
  readonly defaultGuildId = snowflake();
  #messages: RecordedMessage[] = [];
  /** Messages the code under test did not send (members', seeded), by id; index -1. */
  #history = new Map<string, RecordedMessage>();
  #requests: RecordedRequest[] = [];
  #byStatus: Record<number, number> = {};
  #nextIndex = 0;

  constructor() {
    // Benchmarks and tests may attach many waiters at once.
    this.events.setMaxListeners(0);
  }

  createChannel(options: { id?: string; guildId?: string; name?: string } = {}): FakeChannel {
    const id = options.id ?? snowflake();
    const existing = this.channels.get(id);
    if (existing) return existing;
    const channel = { id, guildId: options.guildId ?? this.defaultGuildId, name: options.name ?? `channel-${id.slice(-4)}` };
    this.channels.set(id, channel);
    return channel;
  }

  createWebhook(options: { channelId?: string; guildId?: string; name?: string } = {}): FakeWebhook {
    const channel = this.createChannel({
      ...(options.channelId !== undefined && { id: options.channelId }),
      ...(options.guildId !== undefined && { guildId: options.guildId }),
    });
    const id = snowflake();
    const token = webhookToken();
    const webhook: FakeWebhook = {
      id,
      token,
      channelId: channel.id,
      guildId: channel.guildId,
      name: options.name ?? 'Herald',
      url: `https://discord.com/api/webhooks/${id}/${token}`,
    };
    this.webhooks.set(id, webhook);
    return webhook;
  }

  /** Records a message the code under test sent; `components` are read from its body. */
  addMessage(message: Omit<RecordedMessage, 'index' | 'components'>): RecordedMessage {
    const recorded = { ...message, components: componentsOf(message.body), index: this.#nextIndex++ };
    this.#messages.push(recorded);
    this.events.emit('message', recorded);
    return recorded;
  }

  /**
   * Records a message the code under test did not send: a member's (dispatched through the gateway)
   * or one seeded into a channel's history. It gets index -1, emits no 'message' event and stays out
   * of `messages()`, `stats()` and the waits, so they keep counting only what the code under test sent.
   */
  addHistoryMessage(message: Omit<RecordedMessage, 'index' | 'components'>): RecordedMessage {
    const recorded = { ...message, components: componentsOf(message.body), index: -1 };
    this.#history.set(recorded.id, recorded);
    return recorded;
  }

  /**
   * What `GET /channels/:id/messages` sees: the channel's messages that are not deleted, ephemeral or in
   * a thread, sent and history alike, newest first (by id, i.e. by creation time).
   */
  channelHistory(channelId: string): RecordedMessage[] {
    const visible = (m: RecordedMessage): boolean =>
      m.channelId === channelId && m.deletedAt === undefined && m.ephemeral !== true && m.threadId === undefined;
    const all = [...this.#messages.filter(visible), ...[...this.#history.values()].filter(visible)];
    return all.sort((a, b) => compareSnowflakes(b.id, a.id));
  }

  /**
   * Applies an accepted edit: `body` is the whole new body (the old one merged with the patch), from
   * which content and embeds are read again. Counts the edit and tells 'edit' listeners.
   */
  editMessage(message: RecordedMessage, body: Record<string, unknown>, now: number = Date.now()): RecordedMessage {
    message.body = body;
    message.content = typeof body.content === 'string' ? body.content : '';
    message.embeds = Array.isArray(body.embeds) ? body.embeds : [];
    message.components = componentsOf(body);
    message.editedAt = now;
    message.edits = (message.edits ?? 0) + 1;
    this.events.emit('edit', message);
    return message;
  }

  /** A message by id, sent or history (sent ones are searched newest first, so this is quick for recent ones). */
  findMessage(id: string): RecordedMessage | undefined {
    const history = this.#history.get(id);
    if (history !== undefined) return history;
    for (let i = this.#messages.length - 1; i >= 0; i--) {
      if (this.#messages[i]?.id === id) return this.#messages[i];
    }
    return undefined;
  }

  /** The newest message in the channel with this nonce created at or after `since`. */
  findByNonce(channelId: string, nonce: string | number, since: number): RecordedMessage | undefined {
    for (let i = this.#messages.length - 1; i >= 0; i--) {
      const message = this.#messages[i];
      if (message === undefined || message.createdAt < since) break;
      if (message.channelId === channelId && message.nonce !== undefined && String(message.nonce) === String(nonce)) {
        return message;
      }
    }
    return undefined;
  }

  recordRequest(request: RecordedRequest): void {
    this.#requests.push(request);
    this.#byStatus[request.status] = (this.#byStatus[request.status] ?? 0) + 1;
    this.events.emit('request', request);
  }

  messages(filter?: MessageFilter, afterIndex?: number): RecordedMessage[] {
    return this.#messages.filter(
      (m) => matchesFilter(m, filter) && (afterIndex === undefined || m.index > afterIndex),
    );
  }

  /** One page of messages, newest first (see MessagePageQuery); RangeError for a bad query. */
  messagePage(query?: MessagePageQuery): MessagePage {
    const filter = query?.filter;
    return messagePage(filter === undefined ? this.#messages : this.#messages.filter((m) => matchesFilter(m, filter)), query);
  }

  /** Every channel with its webhooks and message count. */
  channelSummaries(): ChannelSummary[] {
    return channelSummaries(this.channels.values(), this.webhooks.values(), this.#messages);
  }

  requests(): RecordedRequest[] {
    return [...this.#requests];
  }

  stats(): FakeDiscordStats {
    return { requests: this.#requests.length, messages: this.#messages.length, byStatus: { ...this.#byStatus } };
  }

  /** Forgets recorded messages (history too) and requests; message indexes keep counting up. */
  reset(): void {
    this.#messages = [];
    this.#history = new Map();
    this.#requests = [];
    this.#byStatus = {};
    this.events.emit('reset');
  }

  waitForMessages(count: number, options: WaitForMessagesOptions = {}): Promise<RecordedMessage[]> {
    const { filter, timeoutMs = 5000 } = options;
    let seen = this.messages(filter).length;
    if (seen >= count) return Promise.resolve(this.messages(filter));
    return new Promise((resolve, reject) => {
      const onMessage = (message: RecordedMessage): void => {
        if (!matchesFilter(message, filter)) return;
        seen += 1;
        if (seen < count) return;
        cleanup();
        resolve(this.messages(filter));
      };
      const onReset = (): void => {
        seen = 0;
      };
      const onClose = (): void => {
        cleanup();
        reject(new Error(`waitForMessages: the fake Discord closed after ${seen} of ${count} message(s)`));
      };
      const timer = setTimeout(() => {
        cleanup();
        const what = filter && Object.keys(filter).length > 0 ? ` matching ${JSON.stringify(filter)}` : '';
        const stats = this.stats();
        reject(
          new Error(
            `waitForMessages: expected ${count} message(s)${what} within ${timeoutMs} ms but saw ${seen} ` +
              `(all messages: ${stats.messages}; responses by status: ${JSON.stringify(stats.byStatus)})`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('message', onMessage);
        this.events.off('reset', onReset);
        this.events.off('close', onClose);
      };
      this.events.on('message', onMessage);
      this.events.on('reset', onReset);
      this.events.on('close', onClose);
    });
  }
}
