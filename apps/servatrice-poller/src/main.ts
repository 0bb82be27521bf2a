import { createSqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { handleShutdown } from '@herald/queue';
import { runMain } from '@herald/config';
import { createAccountReader } from '@herald/servatrice';
import { loadConfig } from './config.js';
import { runDryRun } from './dry-run.js';
import { startPoller } from './run.js';
import { runTestWebhook } from './test-webhook.js';

await runMain(async () => {
  const config = loadConfig(process.argv.slice(2), process.env);
  const logger = createLogger({ name: 'servatrice-poller', level: config.herald.log.level });

  if (config.mode.kind === 'test-webhook') {
    // loadConfig requires the webhook in this mode.
    process.exitCode = await runTestWebhook(config.servatrice.webhookUrl!, config.herald.discord.apiBaseUrl, logger);
    return;
  }

  const reader = createAccountReader(config.servatrice.db);
  try {
    await reader.maxId();
  } catch (error) {
    logger.error({ err: error }, 'Database connection failed');
    await reader.close();
    process.exit(1);
  }
  const db = createSqlPool({ url: config.herald.postgres!.url, max: 3 });

  if (config.mode.kind === 'dry-run') {
    process.exitCode = await runDryRun({ db, reader, logger, out: process.stdout }, { ...config.herald.servatrice });
    await Promise.all([reader.close(), db.end()]);
    return;
  }

  const closers = await startPoller(config, { db, reader, logger });
  handleShutdown([...closers, () => reader.close(), () => db.end()], { logger });
});
