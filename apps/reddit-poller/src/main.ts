import './memory.js'; // first: heap tuning before anything allocates (see memory.ts)
import { readFileSync } from 'node:fs';
import { reportConfigOk, runMain } from '@herald/config';
import { createSqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { startMetricsPublisher } from '@herald/pipeline/metrics';
import { createRedis, handleShutdown, reportRedisOutages } from '@herald/queue';
import { addUsers } from '@herald/reddit';
import { isImport, loadConfig } from './config.js';
import { createApi, startPoller } from './run.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

await runMain(async () => {
  const config = loadConfig(process.argv.slice(2), process.env);
  if (config.checkOnly) return reportConfigOk();
  const logger = createLogger({ name: 'reddit-poller', ...config.herald.log });
  for (const warning of config.warnings) logger.warn(warning);
  const db = createSqlPool({ url: config.herald.postgres.url, max: 6 });

  if (isImport(config)) {
    // Loaded only here: the importer brings better-sqlite3's native module, which scanning never needs.
    const { runDabImport } = await import('@herald/reddit/importer');
    process.exitCode = await runDabImport({ db, sqlitePath: config.mode.path, out: process.stdout }).finally(() => db.end());
    return;
  }
  if (config.mode.kind === 'useradd') {
    const redis = reportRedisOutages(createRedis(config.herald.redis!.url, 'worker'), logger, 'Redis (Reddit request budget)'); // waits for Redis instead of refusing the first lookups
    const api = createApi(config, { redis, logger, version, interactive: true });
    const results = await addUsers(config.mode.names, { db, aboutUser: (name) => api.aboutUser(name), hidePrefix: config.herald.reddit.hidePrefix, forced: true, logger }).finally(async () => {
      await api.close();
      redis.disconnect();
      await db.end();
    });
    for (const result of results) process.stdout.write(`${result.line}\n`);
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
    return;
  }
  // Its own /metrics series (the Reddit counters and gauges among them), published through Redis.
  const publisher = startMetricsPublisher({ service: 'reddit-poller', redis: config.herald.redis!, logger });
  const closers = await startPoller(config, { db, logger, version, registry: publisher.registry });
  handleShutdown([...closers, publisher.close, () => db.end()], { logger });
});
