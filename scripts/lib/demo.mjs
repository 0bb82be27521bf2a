// Settings the demo bot runs with, shared by `npm start` and `npm run register-commands`.
export function demoBotEnv(guild) {
  return {
    DISCORD_BOT_TOKEN: 'demo-bot-token',
    DISCORD_GUILD_ID: guild.id,
    DISCORD_PRIVILEGED_ROLE: guild.roles.moderator.id,
    DISCORD_MESSAGE_CONTENT: 'true',
    // Down Arrows Bot's community chores: a Reddit comment link posted in #general gets a reaction and
    // a repost in #alerts (the demo's log channel); joins are welcomed and leaves said goodbye to in #general.
    COMMUNITY_GENERAL_CHANNEL: guild.channels.general.id,
    COMMUNITY_LOG_CHANNEL: guild.channels.alerts.id,
    COMMUNITY_GOODBYE_CHANNEL: guild.channels.general.id,
    COMMUNITY_WELCOME: 'Welcome <@{{.Member.ID}}> ({{.Member.FQN}})! Reddit links posted in <#{{.ChannelsID.General}}> are logged.',
  };
}
