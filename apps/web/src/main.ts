import { runMain } from '@herald/config';
import { createSqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { createRedis, handleShutdown } from '@herald/queue';
import { buildApp } from './app.js';
import { adminCredentials, loadWebConfig } from './config.js';
import { createQueues } from './queues.js';

await runMain(async () => {
  const config = loadWebConfig();
  const logger = createLogger({ name: 'web', level: config.log.level });
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
  });
  handleShutdown(
    [() => app.close(), ...Object.values(queues).map((queue) => () => queue.close()), () => redis.quit(), () => db.end()],
    { logger },
  );
  await app.listen({ host: config.web.host, port: config.web.port });
});
