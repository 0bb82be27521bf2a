// Settings the demo bot runs with, shared by `npm start` and `npm run register-commands`.
export function demoBotEnv(guild) {
  return {
    DISCORD_BOT_TOKEN: 'demo-bot-token',
    DISCORD_GUILD_ID: guild.id,
    DISCORD_PRIVILEGED_ROLE: guild.roles.moderator.id,
    DISCORD_MESSAGE_CONTENT: 'true',
  };
}
