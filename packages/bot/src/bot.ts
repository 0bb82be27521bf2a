import { Client, Events, GatewayIntentBits, REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Logger } from '@herald/logging';
import { createDispatcher } from './dispatch.js';
import { createPrefixParser } from './prefix.js';
import type { CommandRegistry } from './registry.js';
import { logGatewayEvents } from './discord/gateway-log.js';
import { probeGateway } from './discord/gateway-probe.js';
import { loginWithRetry, type RetryOptions } from './discord/login.js';
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
}

export interface StartBotOptions<D> {
  readonly token: string;
  /** Discord's REST base, e.g. `https://discord.com/api` or a fake's; the gateway URL is read from it. */
  readonly apiBaseUrl?: string;
  readonly registry: CommandRegistry<D>;
  readonly deps: D;
  readonly settings: BotSettings;
  readonly logger: Logger;
  /** Defer a reply after this long without an answer. Default 1500 ms. */
  readonly deferAfterMs?: number;
  /** Backoff of the initial login. Default 1 s doubling to 60 s. */
  readonly loginRetry?: RetryOptions;
  /**
   * The process's REST client, when the app already has one: commands then share its rate limits
   * with the app's other bot requests (e.g. channel deliveries), as they do at Discord.
   */
  readonly rest?: REST;
}

export interface Bot {
  /** The discord.js client; replaced on each retry of the initial login, fixed once `ready` resolves. */
  readonly client: Client;
  /** Resolves when the client is logged in and has its guilds; rejects if stopped first. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the discord.js bot that answers slash commands (and prefix commands when enabled). */
export function startBot<D>(options: StartBotOptions<D>): Bot {
  const { registry, settings, logger } = options;
  const parser = createPrefixParser(registry, settings.prefix);
  const dispatcher = createDispatcher({
    registry,
    deps: options.deps,
    logger,
    prefix: settings.prefix,
    ...(settings.privilegedRoleId === undefined ? {} : { privilegedRoleId: settings.privilegedRoleId }),
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  });
  const tidy = tidyUp(settings.tidyAfterMs, logger);
  const intents = [GatewayIntentBits.Guilds];
  if (settings.messageContent) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);

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
  const createClient = (): Client => {
    const client = new Client({
      intents,
      allowedMentions: { parse: [] },
      ...(options.apiBaseUrl === undefined ? {} : { rest: { api: options.apiBaseUrl } }),
    });
    if (options.rest) client.rest = options.rest;
    // Only the client of the latest login attempt answers: an earlier one that connected late is ignored.
    const isCurrent = () => client === current;
    client.on(Events.InteractionCreate, (interaction) => {
      if (!isCurrent()) return;
      if (interaction.isChatInputCommand()) guard('slash command', () => handleChatInput(interaction, registry, dispatcher, logger));
      else if (interaction.isAutocomplete()) guard('autocomplete', () => handleAutocomplete(interaction, registry, options.deps, logger));
    });
    if (settings.messageContent) {
      client.on(Events.MessageCreate, (message) => {
        if (isCurrent()) guard('prefix command', () => handleMessage(message, parser, registry, dispatcher, logger, tidy));
      });
    }
    logGatewayEvents(client, logger, settings.privilegedRoleId, stopping.signal);
    client.once(Events.ClientReady, () => {
      if (isCurrent()) markReady();
      else logger.warn('an earlier login attempt connected late; its events are ignored');
    });
    clients.push(client);
    return client;
  };

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
    await current.login(options.token);
  };
  const loggedIn = loginWithRetry(login, stopping.signal, logger, options.loginRetry ?? {});

  return {
    get client() {
      return current;
    },
    ready,
    async stop() {
      stopping.abort();
      failReady(new Error('the Discord bot was stopped before it was ready'));
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
