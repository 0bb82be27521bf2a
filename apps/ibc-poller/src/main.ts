import './memory.js'; // first: heap tuning before anything allocates (see memory.ts)
import { reportConfigOk, runMain } from '@herald/config';
import { createSqlPool } from '@herald/db/sql';
import { checkSomethingToWatch, syncConfiguredChains } from '@herald/ibc';
import { createLogger } from '@herald/logging';
import { startMetricsPublisher } from '@herald/pipeline/metrics';
import { handleShutdown } from '@herald/queue';
import { loadConfig } from './config.js';
import { runImportSeed } from './import-seed.js';
import { startPoller } from './run.js';

await runMain(async () => {
  const config = loadConfig(process.argv.slice(2), process.env);
  if (config.checkOnly) return reportConfigOk();
  const logger = createLogger({ name: 'ibc-poller', ...config.herald.log });
  const db = createSqlPool({ url: config.herald.postgres.url, max: 4 });
  // The configured chains are written first, so commands, pages and the importer see them as they are.
  await syncConfiguredChains(db, config.herald.ibc.chains).catch(async (error: unknown) => {
    await db.end();
    throw error;
  });

  if (config.mode.kind === 'import-seed') {
    const { dir, rpc } = config.mode;
    process.exitCode = await runImportSeed({ db, dir, rpc, timeoutMs: config.herald.ibc.requestTimeout, out: process.stdout }).finally(() => db.end());
    return;
  }

  await checkSomethingToWatch(db, config.herald.ibc).catch(async (error: unknown) => {
    await db.end();
    throw error;
  });
  const { closers, onceOk } = await startPoller(config, { db, logger });
  if (onceOk !== undefined) {
    for (const close of closers) await close();
    await db.end();
    process.exitCode = onceOk ? 0 : 1;
    return;
  }
  closers.push(startMetricsPublisher({ service: 'ibc-poller', redis: config.herald.redis!, logger }).close); // its own /metrics series, via Redis
  handleShutdown([...closers, () => db.end()], { logger });
});
