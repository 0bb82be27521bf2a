import { logSection, postgresSection, redisSection } from './blocks.js';
import { discordSection } from './discord.js';
import { destinationsSection, routesSection } from './routing.js';

/**
 * The sections of HERALD_CONFIG every app that moves events reads (the poller routes them, the
 * notifier checks that channel destinations have a bot); each app adds its own section.
 */
export const pipelineSections = {
  postgres: postgresSection,
  redis: redisSection.prefault({}),
  log: logSection,
  discord: discordSection,
  destinations: destinationsSection,
  routes: routesSection,
};
