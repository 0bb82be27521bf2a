import { z } from 'zod';
import { armFailpoints } from '@herald/logging';
import { discordSection, duration, intFromString, loadHeraldSettings, logSection, parseConfig, postgresSection, redisSection, sharedEnvVars } from '@herald/config';

/** The only module of the notifier that reads process.env. */
const schema = z.object({
  postgres: postgresSection,
  redis: redisSection.default({ url: 'redis://127.0.0.1:6379', prefix: 'herald' }),
  log: logSection,
  discord: discordSection,
  notifier: z
    .strictObject({
      /** Jobs processed at once. Order per destination is kept by a per-destination lock, not by this. */
      concurrency: intFromString({ min: 1, max: 256 }).default(16),
      /** How often Postgres is compared with Redis to re-enqueue anything owed a delivery. */
      reconcileInterval: duration({ min: 1000 }).default(15_000),
      /** Most events grouped into one Discord message during a backlog. */
      batchSize: intFromString({ min: 1, max: 10 }).default(10),
      /** Drop e-mail addresses and real names from stored events once delivered everywhere. */
      scrubDelivered: z.boolean().default(true),
    })
    .default({ concurrency: 16, reconcileInterval: 15_000, batchSize: 10, scrubDelivered: true }),
});

export type NotifierConfig = z.infer<typeof schema>;

const envMapping = {
  NOTIFIER_CONCURRENCY: 'notifier.concurrency',
  NOTIFIER_RECONCILE_INTERVAL: 'notifier.reconcileInterval',
  NOTIFIER_BATCH_SIZE: 'notifier.batchSize',
};

/** Every environment variable the notifier reads (checked against docker-compose.yml by a test). */
export const envVars = [...sharedEnvVars, ...Object.keys(envMapping), 'HERALD_FAILPOINTS'];

export function loadConfig(env: Record<string, string | undefined>): NotifierConfig {
  armFailpoints((env.HERALD_FAILPOINTS ?? '').split(','));
  return parseConfig(schema, loadHeraldSettings(env, envMapping));
}
