import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Controllable } from './control.js';
import { FaultInjector } from './faults.js';
import { HeldResponses } from './held.js';
import { RateLimiter } from './ratelimit.js';
import type { FakeState } from './routes.js';
import { createFakeServer } from './server.js';
import { FakeStore } from './store.js';
import type {
  CreatedWebhook,
  Fault,
  FaultTarget,
  FakeChannel,
  FakeDiscordOptions,
  FakeDiscordStats,
  FakeWebhook,
  MessageFilter,
  RateLimitConfig,
  RecordedMessage,
  RecordedRequest,
  WaitForMessagesOptions,
} from './types.js';

export type FakeDiscordEvent = 'message' | 'request';

/**
 * A fake Discord REST API (v10) on node:http, faithful enough at the protocol level that
 * @discordjs/rest runs against it unmodified: webhooks, bot channel messages, rate limit
 * headers and 429s, Discord's validation errors, nonce idempotency, and injectable faults.
 */
export class FakeDiscord implements Controllable {
  readonly #server: Server;
  readonly #state: FakeState;
  readonly #held = new HeldResponses();
  #url = '';
  #closing: Promise<void> | undefined;

  private constructor(options: FakeDiscordOptions) {
    this.#state = {
      store: new FakeStore(),
      limiter: new RateLimiter(options.limits),
      faults: new FaultInjector(),
    };
    this.#server = createFakeServer(this.#state, this, this.#held);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    const host = options.host ?? '127.0.0.1';
    const server = fake.#server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    fake.#url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return fake;
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    return this.#url;
  }

  /** `${url}/api`; give this to `new REST({ api })`, which appends `/v10`. */
  get apiBaseUrl(): string {
    return `${this.#url}/api`;
  }

  createWebhook(options: { channelId?: string; guildId?: string; name?: string } = {}): CreatedWebhook {
    const { id, token, channelId, url } = this.#state.store.createWebhook(options);
    return { id, token, channelId, url };
  }

  /** Full details of a registered webhook (guild, name), or undefined once deleted. */
  webhook(id: string): FakeWebhook | undefined {
    const webhook = this.#state.store.webhooks.get(id);
    return webhook && { ...webhook };
  }

  /** Deletes a webhook: later requests to it answer 404 Unknown Webhook. */
  deleteWebhook(id: string): boolean {
    return this.#state.store.webhooks.delete(id);
  }

  createChannel(options: { id?: string; guildId?: string; name?: string } = {}): FakeChannel {
    return { ...this.#state.store.createChannel(options) };
  }

  /** Created messages in creation order; `afterIndex` keeps only those with a larger index. */
  messages(filter?: MessageFilter, afterIndex?: number): RecordedMessage[] {
    return this.#state.store.messages(filter, afterIndex);
  }

  requests(): RecordedRequest[] {
    return this.#state.store.requests();
  }

  stats(): FakeDiscordStats {
    return this.#state.store.stats();
  }

  on(event: 'message', listener: (message: RecordedMessage) => void): this;
  on(event: 'request', listener: (request: RecordedRequest) => void): this;
  on(event: FakeDiscordEvent, listener: (arg: never) => void): this {
    // The overloads pair each event with its payload; the emitter's own typing cannot see that.
    this.#state.store.events.on(event as 'message', listener as (message: RecordedMessage) => void);
    return this;
  }

  off(event: 'message', listener: (message: RecordedMessage) => void): this;
  off(event: 'request', listener: (request: RecordedRequest) => void): this;
  off(event: FakeDiscordEvent, listener: (arg: never) => void): this {
    this.#state.store.events.off(event as 'message', listener as (message: RecordedMessage) => void);
    return this;
  }

  /** Resolves with the matching messages as soon as at least `count` exist; rejects on timeout. */
  waitForMessages(count: number, options: WaitForMessagesOptions = {}): Promise<RecordedMessage[]> {
    return this.#state.store.waitForMessages(count, options);
  }

  /** Queues faults consumed, in order, by the next message-creating requests on the target. */
  injectFaults(target: FaultTarget, faults: Fault[]): void {
    this.#state.faults.inject(target, faults);
  }

  /** Makes every request on the target answer `status` (e.g. 404 for a deleted webhook) until null. */
  setPermanentStatus(target: FaultTarget, status: number | null): void {
    this.#state.faults.setPermanentStatus(target, status);
  }

  get limits(): RateLimitConfig {
    return this.#state.limiter.config;
  }

  setLimits(limits: Partial<RateLimitConfig>): void {
    this.#state.limiter.setLimits(limits);
  }

  /** How many responses a `hold` fault is withholding. */
  get heldCount(): number {
    return this.#held.count;
  }

  /** Sends all withheld responses; returns how many clients were still there to receive one. */
  releaseHeld(): number {
    return this.#held.releaseAll();
  }

  /**
   * Clears recorded messages, requests and stats, queued faults and rate-limit windows.
   * Webhooks, channels, permanent statuses and limits stay.
   */
  reset(): void {
    this.#state.store.reset();
    this.#state.faults.clearQueued();
    this.#state.limiter.clear();
  }

  /** Stops listening and closes every socket, held ones included; pending waits reject. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve, reject) => {
      this.#state.store.events.emit('close');
      this.#held.destroyAll();
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
    return this.#closing;
  }
}
