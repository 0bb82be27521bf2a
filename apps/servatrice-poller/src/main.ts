import { createSqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { startMetricsPublisher } from '@herald/pipeline/metrics';
import { handleShutdown } from '@herald/queue';
import { exitWith, reportConfigOk, runMain } from '@herald/config';
import { checkServatriceSource, checkUntilReachable, createAccountReader } from '@herald/servatrice';
import { loadConfig } from './config.js';
import { runDryRun } from './dry-run.js';
import { startPoller } from './run.js';
import { runTestWebhook } from './test-webhook.js';

await runMain(async () => {
  const config = loadConfig(process.argv.slice(2), process.env);
  if (config.checkOnly) return reportConfigOk();
  const logger = createLogger({ name: 'servatrice-poller', ...config.herald.log });

  if (config.mode.kind === 'test-webhook') {
    // loadConfig requires the webhook in this mode.
    process.exitCode = await runTestWebhook(config.servatrice.webhookUrl!, config.herald.discord.apiBaseUrl, logger);
    return;
  }

  const reader = createAccountReader(config.servatrice.db);
  // Settings no retry can fix stop start-up (exit 2); an unreachable server does not: the poller
  // starts, shows the source as failing and retries (issue 7, §4).
  const check = await checkServatriceSource(reader, config.servatrice.db).catch(async (error: unknown) => {
    await reader.close();
    throw error;
  });
  const db = createSqlPool({ url: config.herald.postgres!.url, max: 3 });

  if (config.mode.kind === 'dry-run') {
    if (!check.reachable) {
      logger.error({ err: check.error }, 'Servatrice database unavailable; --dry-run needs it');
      await Promise.all([reader.close(), db.end()]);
      process.exitCode = 1;
      return;
    }
    process.exitCode = await runDryRun({ db, reader, logger, out: process.stdout }, { ...config.herald.servatrice });
    await Promise.all([reader.close(), db.end()]);
    return;
  }

  const closers = await startPoller(config, { db, reader, logger });
  closers.push(startMetricsPublisher({ service: 'servatrice-poller', redis: config.herald.redis!, logger }).close); // its own /metrics series, via Redis
  const stopChecking = new AbortController();
  handleShutdown([async () => stopChecking.abort(), ...closers, () => reader.close(), () => db.end()], { logger });
  if (!check.reachable) {
    // Unreachable at start: the poller runs and retries, but the server's first answer still decides
    // whether the settings are right (a wrong password must not be retried forever as an outage).
    void checkUntilReachable(reader, config.servatrice.db, { intervalMs: 2000, signal: stopChecking.signal }).catch(exitWith);
  }
});
