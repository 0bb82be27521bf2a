import { Client, Events, Partials, REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Logger } from '@herald/logging';
import { ConfirmationStore } from './confirm/store.js';
import { createDispatcher, DEFAULT_DEFER_AFTER_MS } from './dispatch.js';
import type { GatewayFeature } from './features.js';
import { disallowedIntentsMessage, isDisallowedIntents, planIntents, withoutPrivileged, type IntentConsumer } from './intents.js';
import { createPrefixParser } from './prefix.js';
import type { CommandRegistry } from './registry.js';
import { handleButton } from './discord/buttons.js';
import { attachMemberHandlers, offerToFeatures } from './discord/features.js';
import { logGatewayEvents } from './discord/gateway-log.js';
import { probeGateway } from './discord/gateway-probe.js';
import { loginWithRetry, sleep, type RetryOptions } from './discord/login.js';
import { handleMessage, tidyUp } from './discord/prefix-messages.js';
import { handleAutocomplete, handleChatInput } from './discord/slash.js';

export interface BotSettings {
  /** Prefix for message commands, 1-5 characters (the seeds used `!`). */
  readonly prefix: string;
  /** Prefix commands need the privileged MessageContent intent; slash commands work without it. */
  readonly messageContent: boolean;
  /** Members with this role may use privileged commands; the guild owner always may. */
  readonly privilegedRoleId?: string;
  /** Prefix commands: delete answered command messages and error replies after this long (the seeds used 15 s). */
  readonly tidyAfterMs?: number;
  /**
   * The setting that turned prefix commands on, named when Discord refuses the Message Content
   * intent: 'prefix commands (discord.bot.messageContent)'. Default: just 'prefix commands'.
   */
  readonly messageContentSetting?: string;
}

export interface StartBotOptions<D> {
  readonly token: string;
  /** Discord's REST base, e.g. `https://discord.com/api` or a fake's; the gateway URL is read from it. */
  readonly apiBaseUrl?: string;
  readonly registry: CommandRegistry<D>;
  readonly deps: D;
  readonly settings: BotSettings;
  readonly logger: Logger;
  /** Defer a reply (or a confirmation's update) after this long without an answer. Default 1500 ms. */
  readonly deferAfterMs?: number;
  /** Backoff of the initial login. Default 1 s doubling to 60 s. */
  readonly loginRetry?: RetryOptions;
  /**
   * The process's REST client, when the app already has one: commands then share its rate limits
   * with the app's other bot requests (e.g. channel deliveries), as they do at Discord.
   */
  readonly rest?: REST;
  /** What the bot does on gateway events besides commands (welcome messages, link logging…); their intents are requested. */
  readonly features?: readonly GatewayFeature[];
  /** Pending confirmation buttons; tests pass one with their own clock. Default: a new in-memory store. */
  readonly confirmations?: ConfirmationStore;
}

export interface Bot {
  /** The discord.js client; replaced on each retry of the initial login, fixed once `ready` resolves. */
  readonly client: Client;
  /** Resolves when the client is logged in and has its guilds; rejects if stopped first. */
  readonly ready: Promise<void>;
  /**
   * What is off because Discord refused the privileged intents it needs (close 4014), by name, e.g.
   * `['prefix commands (discord.bot.messageContent)', 'welcome messages (community.welcome)']`; empty normally.
   */
  readonly disabledFeatures: readonly string[];
  stop(): Promise<void>;
}

/**
 * Starts the discord.js bot: slash commands always; prefix commands when `settings.messageContent`;
 * `features` on gateway events. It asks for Guilds plus the intents those need. When Discord
 * refuses the privileged ones (close 4014) it logs one error naming each and who needs it, and runs
 * without them: slash commands keep working, what needs them is off (`disabledFeatures`).
 */
export function startBot<D>(options: StartBotOptions<D>): Bot {
  const { registry, settings, logger } = options;
  const features = options.features ?? [];
  const parser = createPrefixParser(registry, settings.prefix);
  const confirmations = options.confirmations ?? new ConfirmationStore({ logger });
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const dispatcher = createDispatcher({
    registry,
    deps: options.deps,
    logger,
    prefix: settings.prefix,
    confirmations,
    deferAfterMs,
    ...(settings.privilegedRoleId === undefined ? {} : { privilegedRoleId: settings.privilegedRoleId }),
  });
  const tidy = tidyUp(settings.tidyAfterMs, logger);
  const prefixName = settings.messageContentSetting === undefined ? 'prefix commands' : `prefix commands (${settings.messageContentSetting})`;
  const prefixCommands: IntentConsumer | undefined = settings.messageContent ? { name: prefixName, intents: ['GuildMessages', 'MessageContent'] } : undefined;
  const consumers: readonly IntentConsumer[] = [...(prefixCommands ? [prefixCommands] : []), ...features];
  const fullPlan = planIntents(consumers);
  let intents = fullPlan.intents;
  let disabled: readonly IntentConsumer[] = [];

  let markReady!: () => void;
  let failReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => undefined); // callers need not await it

  // Handler failures are logged; they never reach discord.js (an unhandled rejection would end the process).
  const guard = (what: string, work: () => Promise<void>) => {
    work().catch((err: unknown) => logger.error({ err }, `${what} failed`));
  };
  const refused = new WeakSet<Client>(); // clients that Discord closed with 4014
  const createClient = (): Client => {
    const active = features.filter((f) => !disabled.includes(f));
    const prefixOn = prefixCommands !== undefined && !disabled.includes(prefixCommands);
    const client = new Client({
      intents: [...intents],
      // A member who leaves uncached still reaches onMemberRemove (as a partial member).
      partials: active.some((f) => f.onMemberRemove) ? [Partials.GuildMember] : [],
      allowedMentions: { parse: [] },
      ...(options.apiBaseUrl === undefined ? {} : { rest: { api: options.apiBaseUrl } }),
    });
    if (options.rest) client.rest = options.rest;
    // Only the client of the latest login attempt answers: an earlier one that connected late is ignored.
    const isCurrent = () => client === current;
    const guardCurrent = (what: string, work: () => Promise<void>) => {
      if (isCurrent()) guard(what, work);
    };
    client.on(Events.InteractionCreate, (interaction) => {
      if (!isCurrent()) return;
      if (interaction.isChatInputCommand()) guard('slash command', () => handleChatInput(interaction, registry, dispatcher, logger));
      else if (interaction.isAutocomplete()) guard('autocomplete', () => handleAutocomplete(interaction, registry, options.deps, logger));
      else if (interaction.isButton()) guard('button click', () => handleButton(interaction, confirmations, logger, deferAfterMs));
    });
    if (prefixOn || active.some((f) => f.onMessage)) {
      client.on(Events.MessageCreate, (message) => {
        if (!message.inGuild() || message.author.id === client.user?.id) return;
        guardCurrent('message', async () => {
          if (await offerToFeatures(message, active, logger)) return;
          if (prefixOn) await handleMessage(message, parser, registry, dispatcher, logger, tidy);
        });
      });
    }
    attachMemberHandlers(client, active, guardCurrent);
    client.on(Events.ShardDisconnect, (event) => {
      if (event.code !== 4014) return;
      refused.add(client);
      // Refused on a later reconnect (the operator turned an intent off): discord.js gives up; start again without.
      if (isCurrent() && client.readyAt !== null) refusedAfterReady();
    });
    logGatewayEvents(client, logger, settings.privilegedRoleId, stopping.signal);
    client.once(Events.ClientReady, () => {
      if (isCurrent()) markReady();
      else logger.warn('an earlier login attempt connected late; its events are ignored');
    });
    clients.push(client);
    return client;
  };

  /** Switches to the intents without privileged ones, logging why; false when there is nothing to drop. */
  const dropPrivileged = (): boolean => {
    if (disabled.length > 0 || fullPlan.privileged.length === 0) return false;
    logger.error({ privilegedIntents: fullPlan.privileged }, disallowedIntentsMessage(fullPlan));
    const reduced = withoutPrivileged(consumers);
    intents = reduced.plan.intents;
    disabled = reduced.disabled;
    for (const consumer of disabled) logger.warn({ feature: consumer.name }, `${consumer.name} is off: Discord refused the privileged intent it needs`);
    return true;
  };
  const reidentifyDelayMs = options.loginRetry?.reidentifyDelayMs ?? 5500;

  const clients: Client[] = [];
  const stopping = new AbortController();
  let current = createClient();
  let attempts = 0;
  const ownRest = options.rest === undefined;
  const rest = options.rest ?? new REST(options.apiBaseUrl === undefined ? {} : { api: options.apiBaseUrl }).setToken(options.token);
  const login = async () => {
    // Reachability first (REST, then a bare WebSocket handshake): see probeGateway for why.
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    await probeGateway(gateway.url);
    if (stopping.signal.aborted) throw new Error('stopped');
    // A client whose login failed cannot log in again cleanly, so every retry gets a fresh one.
    if (attempts++ > 0) current = createClient();
    try {
      await current.login(options.token);
    } catch (err) {
      if (!(isDisallowedIntents(err) || refused.has(current)) || !dropPrivileged()) throw err;
      await sleep(reidentifyDelayMs, stopping.signal);
      if (stopping.signal.aborted) throw new Error('stopped');
      current = createClient();
      await current.login(options.token);
    }
  };
  const retry = options.loginRetry ?? {};
  let loggedIn = loginWithRetry(login, stopping.signal, logger, retry);
  function refusedAfterReady() {
    if (stopping.signal.aborted || !dropPrivileged()) return;
    loggedIn = loggedIn.then(async () => {
      await sleep(reidentifyDelayMs, stopping.signal);
      return loginWithRetry(login, stopping.signal, logger, retry);
    });
  }

  return {
    get client() {
      return current;
    },
    ready,
    get disabledFeatures() {
      return disabled.map((c) => c.name);
    },
    async stop() {
      stopping.abort();
      failReady(new Error('the Discord bot was stopped before it was ready'));
      confirmations.close();
      await Promise.all(clients.map((client) => client.destroy()));
      await loggedIn;
      // The retry loop may have created a client while we waited.
      await Promise.all(clients.map((client) => client.destroy()));
      if (ownRest) {
        rest.clearHashSweeper();
        rest.clearHandlerSweeper();
      }
    },
  };
}
