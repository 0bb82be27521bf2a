import { z } from 'zod';
import { DAB_CONFIG, dabConfig } from '@herald/reddit/dab-config';
import { pageLimitFields, pagesEnvMapping, reportsSection } from '@herald/reddit/pages-settings';
import { flag, loadHeraldSettings, logSection, parseConfig, port, postgresSection, redisSection, sharedEnvVars, urlWithProtocol } from '@herald/config';
import { backupEnvMapping, backupSection } from './backup/settings.js';
import type { AdminCredentials } from './deps.js';

/** The web app's own environment variables (the shared ones come from @herald/config). */
export const webEnvMapping: Record<string, string> = {
  HERALD_WEB_HOST: 'web.host',
  HERALD_WEB_PORT: 'web.port',
  HERALD_WEB_PUBLIC: 'web.public',
  HERALD_ADMIN_USER: 'admin.user',
  HERALD_ADMIN_PASSWORD: 'admin.password',
  HERALD_DEMO_DISCORD_URL: 'demo.discordUrl',
  // The reddit-poller's variable (packages/reddit/src/settings.ts): the Reddit page shows that client's budget.
  REDDIT_CLIENT_ID: 'reddit.clientId',
  ...pagesEnvMapping,
  ...backupEnvMapping,
};

/** Every environment variable the web app reads (checked against docker-compose.yml by a test). */
export const envVars = [...sharedEnvVars, ...Object.keys(webEnvMapping), DAB_CONFIG];

export const webConfigSchema = z.object({
  // A missing section is reported as postgres.url (i.e. DATABASE_URL), not as a missing object.
  postgres: z.preprocess((value) => value ?? {}, postgresSection),
  redis: redisSection.prefault({}),
  log: logSection,
  web: z
    .strictObject({
      // Loopback unless asked: the dashboard lists account names and errors (compose sets 0.0.0.0 inside
      // its container and publishes the port on loopback).
      host: z.string().min(1).default('127.0.0.1'),
      port: port().default(3000),
      // With admin credentials set, every page asks for the login; true opens the read-only pages
      // (dashboard, /api, /ibc, /reddit, the demo page, /metrics) again. Admin routes always need the login.
      public: flag().default(false),
      // The compendium's comment lists: `limit` when none is asked, and the most a page may hold (§3.8).
      ...pageLimitFields,
      // DAB's web.root_dir: a directory of static files served for paths no page answers (§3.8 `/`).
      rootDir: z.string().min(1).optional(),
      // DAB's web.ip_header: behind a reverse proxy, the client address comes from X-Forwarded-For
      // (Fastify's trustProxy), for the request log and the login throttle. Only that header is read.
      ipHeader: z
        .string()
        .trim()
        .refine((name) => name.toLowerCase() === 'x-forwarded-for', 'only X-Forwarded-For is supported (the header Fastify trusts behind a proxy)')
        .optional(),
    })
    .prefault({})
    .refine((web) => web.defaultLimit <= web.maxLimit, { path: ['defaultLimit'], message: 'must not be greater than web.maxLimit' }),
  // The weekly reports and every date on the Reddit pages (the seed's timezone and report.*).
  reports: reportsSection,
  // /backup's cached pg_dump file and its age, and the public Reddit export (apps/web/src/backup/settings.ts).
  backup: backupSection,
  admin: z
    .strictObject({ user: z.string().min(1).optional(), password: z.string().min(1).optional() })
    .prefault({})
    // Half a credential is a typo, not a choice: refuse to start rather than silently disable admin.
    .refine((a) => (a.user === undefined) === (a.password === undefined), {
      message: 'set both HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD, or neither',
    }),
  demo: z.strictObject({ discordUrl: urlWithProtocol(['http', 'https']).optional() }).prefault({}),
  // The Reddit page shows the request budget of this OAuth client id (the pollers' `reddit:` section;
  // only the id is read, the section's other keys, secrets included, are dropped here).
  // An empty value is "not set", as in the pollers' section.
  reddit: z.object({ clientId: z.string().trim().optional().transform((id) => id || undefined) }).prefault({}),
});

/** The settings, and the warnings of a dab.conf.json (deprecated keys, keys with no effect) for the log. */
export type WebConfig = z.infer<typeof webConfigSchema> & { warnings: string[] };

/** The only place the web app reads the environment. Throws a ConfigErrors naming each bad key. */
export function loadWebConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  // The seed's dab.conf.json (DAB_CONFIG): the reports', web and backup keys, and the Reddit client id whose budget the Reddit page shows.
  const warnings: string[] = [];
  return { ...parseConfig(webConfigSchema, loadHeraldSettings(env, webEnvMapping, { foreign: [dabConfig], onWarning: (w) => warnings.push(w) })), warnings };
}

/** The admin login, with `web.public` (which only matters when there is a login to ask for). */
export function adminCredentials(config: WebConfig): AdminCredentials | undefined {
  const { user, password } = config.admin;
  return user !== undefined && password !== undefined ? { user, password, publicPages: config.web.public } : undefined;
}
