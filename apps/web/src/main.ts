import { listenError, reportConfigOk, runMain, settingAsWritten } from '@herald/config';
import { createSqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { createRedis, handleShutdown } from '@herald/queue';
import { buildApp } from './app.js';
import { backupOptions } from './backup/settings.js';
import { adminCredentials, loadWebConfig } from './config.js';
import { createQueues } from './queues.js';
import { parseWebCommandLine, runReportCommand } from './reports/cli.js';

await runMain(async () => {
  const command = parseWebCommandLine(process.argv.slice(2));
  const config = loadWebConfig();
  // `npm start` asks where the web app will listen, to know when it answers and to show the address.
  if (command.checkOnly) return reportConfigOk({ web: { host: config.web.host, port: config.web.port } });
  if (command.report) {
    process.exitCode = await runReportCommand({ databaseUrl: config.postgres.url, settings: config.reports, week: command.report.week });
    return;
  }
  const logger = createLogger({ name: 'web', ...config.log });
  for (const warning of config.warnings) logger.warn(warning);
  const db = createSqlPool({ url: config.postgres.url });
  // Producer role: a request must fail fast when Redis is down, not hang.
  const redis = createRedis(config.redis.url, 'producer');
  const queues = createQueues({ connection: redis, prefix: config.redis.prefix, logger });
  const admin = adminCredentials(config);
  const app = await buildApp({
    db,
    queues,
    logger,
    ...(admin ? { admin } : {}),
    ...(config.demo.discordUrl ? { demoDiscordUrl: config.demo.discordUrl } : {}),
    ...(config.reddit.clientId ? { reddit: { clientId: config.reddit.clientId } } : {}),
    reports: config.reports,
    pageLimits: { defaultLimit: config.web.defaultLimit, maxLimit: config.web.maxLimit },
    ...(config.web.rootDir !== undefined ? { rootDir: config.web.rootDir } : {}),
    trustProxy: config.web.ipHeader !== undefined,
    backup: backupOptions(config.backup, config.postgres.url),
  });
  handleShutdown(
    [() => app.close(), ...Object.values(queues).map((queue) => () => queue.close()), () => redis.quit(), () => db.end()],
    { logger },
  );
  const { host, port } = config.web;
  await app.listen({ host, port }).catch((error: unknown) => {
    const settings = { host: settingAsWritten(process.env, 'HERALD_WEB_HOST', 'web.host'), port: settingAsWritten(process.env, 'HERALD_WEB_PORT', 'web.port') };
    throw listenError(error, { host, port, settings });
  });
});
