import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { APIApplicationCommand, APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { ApplicationCommandRegistry } from './commands.js';
import type { ClickButtonInput } from './component-dispatch.js';
import type { Controllable } from './control.js';
import {
  GatewayDispatcher,
  type CommandTextResult,
  type DispatchAutocompleteInput,
  type DispatchCommandTextInput,
  type DispatchMessageInput,
  type DispatchSlashCommandInput,
} from './dispatcher.js';
import { FaultInjector } from './faults.js';
import { FakeGateway, GATEWAY_PATH, type DisconnectOptions, type GatewayStats, type WaitForReadyOptions } from './gateway.js';
import { botAsUser, DemoGuild, type FakeGuild, type FakeGuildUser } from './guild.js';
import { seedMessages, type SeedMessageInput } from './history.js';
import { InviteRegistry, type FakeInvite } from './invites.js';
import { disallowedMask, PRIVILEGED_INTENT_NAMES, PRIVILEGED_INTENTS, type PrivilegedIntent } from './intents.js';
import { dispatchChannelCreate } from './guild-events.js';
import { memberJoin, memberLeave } from './member-actions.js';
import { GuildMembers, type FakeBan, type MemberJoinInput } from './members.js';
import { HeldResponses } from './held.js';
import { InteractionRegistry, type InteractionReply } from './interactions.js';
import { RateLimiter } from './ratelimit.js';
import type { FakeState } from './routes.js';
import { createFakeServer } from './server.js';
import { FakeStore } from './store.js';
import type {
  CreatedWebhook,
  ContentRule,
  Fault,
  FaultTarget,
  StickyFault,
  FakeChannel,
  FakeDiscordOptions,
  FakeDiscordStats,
  FakeWebhook,
  ChannelSummary,
  MessageFilter,
  MessagePage,
  MessagePageQuery,
  RateLimitConfig,
  RecordedMessage,
  RecordedRequest,
  WaitForMessagesOptions,
} from './types.js';

export type FakeDiscordEvent = 'message' | 'edit' | 'request' | 'interaction-reply';

/**
 * A fake Discord API (v10) on node:http, faithful enough at the protocol level that
 * @discordjs/rest and a discord.js Client run against it unmodified: webhooks, bot channel messages,
 * rate limit headers and 429s, Discord's validation errors, nonce idempotency, injectable faults,
 * and a gateway serving one guild (DemoGuild) with messages, slash commands and interactions.
 */
export class FakeDiscord implements Controllable {
  readonly #server: Server;
  readonly #state: FakeState;
  readonly #dispatcher: GatewayDispatcher;
  readonly #held = new HeldResponses();
  #url = '';
  #closing: Promise<void> | undefined;

  private constructor(options: FakeDiscordOptions) {
    const base = options.guild ?? DemoGuild;
    // A private copy of the member record: members join, leave and get banned (see GuildMembers).
    const users: Record<string, FakeGuildUser> = { ...base.users };
    const guild: FakeGuild = { ...base, users };
    const store = new FakeStore();
    for (const channel of Object.values(guild.channels)) store.createChannel({ id: channel.id, guildId: guild.id, name: channel.name });
    const gateway = new FakeGateway({
      guild,
      channels: () => [...store.channels.values()].filter((c) => c.guildId === guild.id),
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    });
    this.#state = {
      store,
      limiter: new RateLimiter(options.limits),
      faults: new FaultInjector(),
      guild,
      commands: new ApplicationCommandRegistry(),
      interactions: new InteractionRegistry(),
      gateway,
      members: new GuildMembers(users, guild.ownerId, botAsUser(guild)),
      invites: new InviteRegistry(),
      options: {
        interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
        interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
      },
    };
    gateway.disallowedIntents = disallowedMask(options.allowedPrivilegedIntents ?? PRIVILEGED_INTENT_NAMES);
    this.#dispatcher = new GatewayDispatcher(this.#state);
    if (options.echoBotMessages !== false) store.events.on('message', (message) => this.#dispatcher.echo(message));
    this.#server = createFakeServer(this.#state, this, this.#held);
    this.#server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
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
    const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    fake.#url = `http://${authority}`;
    fake.#state.gateway.url = `ws://${authority}${GATEWAY_PATH}`;
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

  /** `ws://127.0.0.1:PORT/gateway`; clients find it through `GET /api/v10/gateway/bot`. */
  get gatewayUrl(): string {
    return this.#state.gateway.url;
  }

  /** The guild the gateway serves (DemoGuild unless `start({ guild })` changed it). */
  get guild(): FakeGuild {
    return this.#state.guild;
  }

  // ---- gateway -------------------------------------------------------------------------------

  /** Resolves once at least `sessions` (default 1) gateway sessions are READY or RESUMED. */
  waitForGatewayReady(options: WaitForReadyOptions = {}): Promise<void> {
    return this.#state.gateway.waitForReady(options);
  }

  gatewayStats(): GatewayStats {
    return this.#state.gateway.stats();
  }

  /** Closes every gateway connection (default code 4000, resumable); `refuseForMs` rejects reconnects for a while. */
  disconnectGateway(options: DisconnectOptions = {}): void {
    this.#state.gateway.disconnect(options);
  }

  /**
   * A user joins the guild: creates the user (`id` default a new snowflake), adds the member (joined
   * now) and dispatches GUILD_MEMBER_ADD to the sessions that identified with GUILD_MEMBERS. Returns the
   * member. Throws CommandInputError for a bad username/id, a current member or a banned user.
   */
  memberJoin(input: MemberJoinInput): FakeGuildUser {
    return memberJoin(this.#state, input);
  }

  /** A member (id, key or username) leaves: GUILD_MEMBER_REMOVE to GUILD_MEMBERS sessions. Throws CommandInputError for a non-member or the owner. */
  memberLeave(userId: string): FakeGuildUser {
    return memberLeave(this.#state, userId);
  }

  /** Which privileged intents the application may use from the next IDENTIFY on (sessions already open stay). */
  setAllowedPrivilegedIntents(allowed: readonly PrivilegedIntent[]): void {
    this.#state.gateway.disallowedIntents = disallowedMask(allowed);
  }

  /** The privileged intents the application is allowed now. */
  get allowedPrivilegedIntents(): PrivilegedIntent[] {
    return PRIVILEGED_INTENT_NAMES.filter((name) => (this.#state.gateway.disallowedIntents & PRIVILEGED_INTENTS[name]) === 0);
  }

  /** A member writes in a channel: MESSAGE_CREATE to every ready session (content blanked without MESSAGE_CONTENT). */
  dispatchMessage(input: DispatchMessageInput): { messageId: string } {
    return this.#dispatcher.message(input);
  }

  /** A member runs a registered slash command. Throws CommandNotRegisteredError, CommandInputError or NoGatewaySessionError. */
  dispatchSlashCommand(input: DispatchSlashCommandInput): { interactionId: string } {
    return this.#dispatcher.slashCommand(input);
  }

  /** `/name args` runs a slash command (parsed like Discord's command bar); other text is a message. */
  dispatchCommandText(input: DispatchCommandTextInput): CommandTextResult {
    return this.#dispatcher.commandText(input);
  }

  /**
   * A member clicks a button (by custom_id) on a message: INTERACTION_CREATE type 3 to every ready session.
   * Answer with `waitForInteractionReply(interactionId)` (`updated: true` when the bot edited the clicked
   * message). Throws CommandInputError (unknown message or button, disabled or link button, someone else's
   * ephemeral message) or NoGatewaySessionError.
   */
  clickButton(input: ClickButtonInput): { interactionId: string } {
    return this.#dispatcher.click(input);
  }

  /** Sends an autocomplete interaction and resolves with the choices the bot answers. */
  dispatchAutocomplete(input: DispatchAutocompleteInput): Promise<APIApplicationCommandOptionChoice[]> {
    return this.#dispatcher.autocomplete(input);
  }

  /** Resolves when the reply has content (callback type 4, or the first @original edit after a deferral). */
  waitForInteractionReply(interactionId: string, options: { timeoutMs?: number } = {}): Promise<InteractionReply> {
    return this.#state.interactions.waitForReply(interactionId, options.timeoutMs ?? 5000);
  }

  /** The reply as it is now; undefined while there is none (or the interaction is unknown). */
  interactionReply(interactionId: string): InteractionReply | undefined {
    const interaction = this.#state.interactions.get(interactionId);
    return interaction && this.#state.interactions.reply(interaction);
  }

  /** Registered commands: global ones, or those of `guildId` (guild-only, like Discord's GET). */
  applicationCommands(guildId?: string): APIApplicationCommand[] {
    return this.#state.commands.list(guildId);
  }

  // ---- REST ----------------------------------------------------------------------------------

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

  /**
   * A text channel (default in a guild of its own, for webhooks); with `guildId: fake.guild.id` it joins the
   * fake guild, and a new one is announced with CHANNEL_CREATE so a connected bot can use it at once.
   */
  createChannel(options: { id?: string; guildId?: string; name?: string } = {}): FakeChannel {
    const { store } = this.#state;
    const isNew = options.id === undefined || !store.channels.has(options.id);
    const channel = store.createChannel(options);
    if (isNew && channel.guildId === this.#state.guild.id) dispatchChannelCreate(this.#state, channel);
    return { ...channel };
  }

  /** Created messages in creation order; `afterIndex` keeps only those with a larger index. */
  messages(filter?: MessageFilter, afterIndex?: number): RecordedMessage[] {
    return this.#state.store.messages(filter, afterIndex);
  }

  /**
   * One page of recorded messages, newest first, like Discord's `GET /channels/:id/messages`: at most
   * `limit` (default 50, at most 100) before or after a message index. Throws RangeError for a bad query.
   */
  messagePage(query?: MessagePageQuery): MessagePage {
    return this.#state.store.messagePage(query);
  }

  /** Every channel the fake knows (guild channels and webhooks' channels) with its webhooks and message count. */
  channels(): ChannelSummary[] {
    return this.#state.store.channelSummaries();
  }

  /**
   * One message by id — sent by the code under test, a member's, or seeded — with its edits (`body`,
   * `content`, `embeds`, `edits`, `editedAt`) and `reactions`; deleted ones included (`deletedAt`).
   */
  message(id: string): RecordedMessage | undefined {
    return this.#state.store.findMessage(id);
  }

  /**
   * Puts messages into a channel's history as if written `ageMs` ago (ids encode that time, so
   * Discord's 14-day bulk-delete rule applies to them); no gateway dispatch. `channel`: an id, or a
   * guild channel's key or name. Author default 'member'. Throws CommandInputError for bad input
   * (nothing recorded). They are not in `messages()`; `message(id)` and `channelHistory()` find them.
   */
  seedMessages(channel: string, messages: readonly SeedMessageInput[]): RecordedMessage[] {
    return seedMessages(this.#state, channel, messages);
  }

  /**
   * The channel's messages as the bot's `GET /channels/:id/messages` sees them, newest first: not
   * deleted, not ephemeral; the bot's, webhooks', interaction replies, members' and seeded ones.
   */
  channelHistory(channelId: string): RecordedMessage[] {
    return this.#state.store.channelHistory(channelId);
  }

  /**
   * Deletes a message as a moderator would in the Discord client: it stays recorded with `deletedAt`,
   * and later GETs and edits of it answer 404 Unknown Message (10008). False if unknown or already deleted.
   */
  deleteMessage(id: string): boolean {
    const message = this.#state.store.findMessage(id);
    if (message === undefined || message.deletedAt !== undefined) return false;
    message.deletedAt = Date.now();
    return true;
  }

  /** Every ban in force, oldest first: who, the audit-log reason (URL-decoded), delete_message_seconds, when. */
  bans(): FakeBan[] {
    return this.#state.members.bans();
  }

  /** Every invite the bot created (or was handed again, see README), oldest first. */
  invites(): FakeInvite[] {
    return this.#state.invites.list();
  }

  requests(): RecordedRequest[] {
    return this.#state.store.requests();
  }

  stats(): FakeDiscordStats {
    return this.#state.store.stats();
  }

  on(event: 'message', listener: (message: RecordedMessage) => void): this;
  /** A message was edited (PATCH accepted); the listener gets the updated message. */
  on(event: 'edit', listener: (message: RecordedMessage) => void): this;
  on(event: 'request', listener: (request: RecordedRequest) => void): this;
  on(event: 'interaction-reply', listener: (reply: InteractionReply) => void): this;
  on(event: FakeDiscordEvent, listener: (arg: never) => void): this {
    // The overloads pair each event with its payload; the emitters' own typing cannot see that.
    if (event === 'interaction-reply') this.#state.interactions.events.on('reply', listener as (reply: InteractionReply) => void);
    else this.#state.store.events.on(event as 'message', listener as (message: RecordedMessage) => void);
    return this;
  }

  /** Like `on`, for the next event only. */
  once(event: 'message', listener: (message: RecordedMessage) => void): this;
  once(event: 'edit', listener: (message: RecordedMessage) => void): this;
  once(event: 'request', listener: (request: RecordedRequest) => void): this;
  once(event: 'interaction-reply', listener: (reply: InteractionReply) => void): this;
  once(event: FakeDiscordEvent, listener: (arg: never) => void): this {
    // The overloads pair each event with its payload; one wrapper serves them all.
    const wrapper = (arg: RecordedMessage): void => {
      this.off(event as 'message', wrapper);
      (listener as (value: RecordedMessage) => void)(arg);
    };
    return this.on(event as 'message', wrapper);
  }

  off(event: 'message', listener: (message: RecordedMessage) => void): this;
  off(event: 'edit', listener: (message: RecordedMessage) => void): this;
  off(event: 'request', listener: (request: RecordedRequest) => void): this;
  off(event: 'interaction-reply', listener: (reply: InteractionReply) => void): this;
  off(event: FakeDiscordEvent, listener: (arg: never) => void): this {
    if (event === 'interaction-reply') this.#state.interactions.events.off('reply', listener as (reply: InteractionReply) => void);
    else this.#state.store.events.off(event as 'message', listener as (message: RecordedMessage) => void);
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

  /**
   * Makes every request on the target answer `fault` (e.g. `{ status: 429, headerless: true }`, a Cloudflare
   * edge block) for `forMs`, or until called again with null. Unlike injected faults it is not consumed.
   */
  setStickyFault(target: FaultTarget, fault: StickyFault | null, forMs?: number): void {
    this.#state.faults.setStickyFault(target, fault, forMs);
  }

  /** Refuses every message whose JSON body contains `rule.contains`, until clearContentRules(). */
  addContentRule(rule: ContentRule): void {
    this.#state.faults.addContentRule(rule);
  }

  clearContentRules(): void {
    this.#state.faults.clearContentRules();
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
   * Clears recorded messages (channel history included), requests and stats, queued faults and rate-limit
   * windows. Webhooks, channels, permanent statuses, limits, registered commands, gateway sessions and the
   * guild's state (members, bans, invites, allowed intents) stay.
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
      this.#state.interactions.events.emit('close');
      this.#state.gateway.close();
      this.#held.destroyAll();
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
    return this.#closing;
  }
}
