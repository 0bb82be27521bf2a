import { Events, type Client } from 'discord.js';
import type { Logger } from '@herald/logging';

/**
 * Logs the gateway's life: ready, connected, lost and reconnecting, resumed, errors. `stopping` is
 * the bot's own stop: discord.js reports every close of the gateway socket as `ShardReconnecting`,
 * including the close that `client.destroy()` makes, so once stopping has begun a close is the
 * deliberate one and is not reported as a lost connection.
 */
export function logGatewayEvents(client: Client, logger: Logger, privilegedRoleId: string | undefined, stopping: AbortSignal): void {
  client.once(Events.ClientReady, (ready) => {
    logger.info({ bot: ready.user.username, guilds: ready.guilds.cache.size }, 'Discord bot ready');
    if (privilegedRoleId === undefined) return;
    for (const guild of ready.guilds.cache.values()) {
      if (!guild.roles.cache.has(privilegedRoleId)) logger.warn({ guildId: guild.id, privilegedRoleId }, 'the privileged role does not exist in this guild');
    }
  });
  client.on(Events.ShardReady, (shardId) => logger.info({ shardId }, 'Discord gateway connected'));
  // discord.js reconnects (and resumes) by itself; ShardDisconnect means it gave up on the session.
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!stopping.aborted) logger.warn({ shardId }, 'Discord gateway connection lost; reconnecting');
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (!stopping.aborted) logger.warn({ shardId, code: event.code }, 'Discord gateway disconnected');
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'Discord gateway session resumed'));
  client.on(Events.ShardError, (err, shardId) => logger.warn({ err, shardId }, 'Discord gateway error'));
  // Without an 'error' listener an EventEmitter error would throw and end the process.
  client.on(Events.Error, (err) => logger.error({ err }, 'Discord client error'));
  client.on(Events.Warn, (detail) => logger.warn({ detail }, 'Discord client warning'));
}
