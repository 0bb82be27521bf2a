// Registers the bot's slash commands with Discord: in DISCORD_GUILD_ID's server when set (instant),
// else globally (Discord takes up to an hour to show them). Run once, and after adding a command.
import { registerCommands } from '@herald/bot';
import { parseCommandLine, runMain } from '@herald/config';
import { createDiscordClient } from '@herald/discord';
import { createLogger } from '@herald/logging';
import { notifierCommands } from './commands.js';
import { loadBotConfig } from './config.js';

const usage = `Usage: register-commands

Registers the bot's slash commands with Discord: in the server of discord.bot.guildId
(DISCORD_GUILD_ID) when set, at once; else globally, where they can take up to an hour to appear.
Needs discord.bot.token (DISCORD_BOT_TOKEN). Run once, and again after adding a command.`;

await runMain(async () => {
  parseCommandLine(process.argv.slice(2), { flags: [], options: [] }, usage);
  const config = loadBotConfig(process.env);
  const logger = createLogger({ name: 'register-commands', level: config.log.level });
  const discord = createDiscordClient({ apiBaseUrl: config.discord.apiBaseUrl, botToken: config.bot.token, logger, retries: 1 });
  try {
    const result = await registerCommands({
      rest: discord.rest,
      registry: notifierCommands,
      ...(config.bot.applicationId && { applicationId: config.bot.applicationId }),
      ...(config.bot.guildId && { guildId: config.bot.guildId }),
    });
    const where = result.scope === 'guild' ? `in server ${config.bot.guildId}` : 'globally (they can take up to an hour to appear)';
    logger.info({ scope: result.scope, count: result.count, applicationId: result.applicationId }, `registered ${result.count} slash commands ${where}`);
  } catch (error) {
    logger.error({ err: error }, 'registering the slash commands failed');
    process.exitCode = 1;
  } finally {
    discord.destroy();
  }
});
