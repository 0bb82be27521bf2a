import type { DabFileRead } from './read.js';

/** A dab.conf.json translated: Herald's settings, their names as written, and warnings. */
export interface DabConfig {
  /**
   * In HERALD_CONFIG's shape: `reddit`, `discord.bot`, `destinations`, `routes`, `log`, `reports`,
   * `web`, `backup`, `community`; only what the file set. Each app's schema reads its sections.
   */
  settings: Record<string, unknown>;
  /** Herald path → `<key as written> in <file>`. */
  sources: Map<string, string>;
  /** One line per deprecated key present, for the app's log. */
  warnings: string[];
}

/** Herald destination names the translation creates (kind channel). */
export const dabDestinations = { graveyard: 'graveyard', highscores: 'highscores' } as const;

/**
 * Translates a checked dab.conf.json (seed-behaviour §3.13) into Herald's settings:
 * `reddit.*` → `reddit:` (`id`/`secret` → clientId/clientSecret, `retry_connection` → retry,
 * `unsuspension_interval` when non-zero overrides `resurrections_interval`); `discord.highscore_threshold`
 * → reddit.highscoreThreshold; `discord.hide_prefix` (else `hide_prefix`) → reddit.hidePrefix;
 * `log_level` → log.level; `discord.token`/`prefix`/`privileged_role` → discord.bot; `discord.graveyard`
 * (default: `general`) and `discord.highscores` → channel destinations `graveyard` and `highscores`,
 * routed `reddit.user.*` and `reddit.comment.highscore` (high scores only when the channel is set,
 * as the seed tracked them only then); `timezone` and `report.*` → `reports:`; `web.default_limit`,
 * `max_limit`, `listen` (host, port), `root_dir`, `ip_header` → `web:`; `database.backup_path`
 * (+ `.pgdump`: DAB's SQLite backup is never overwritten)/`backup_max_age` → `backup.path`/`maxAge`; `discord.general`/`log`/`welcome` and the graveyard →
 * `community.generalChannel`/`logChannel`/`welcome`/`goodbyeChannel`. SQLite tuning keys are warned
 * about (no effect). Keys the file leaves out are left to Herald's defaults, which are the seed's.
 */
export function translateDabFile({ file, written }: DabFileRead, path: string): DabConfig {
  const settings: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const warnings: string[] = [];
  const named = (key: string) => `${written.get(key) ?? key} in ${path}`;
  const set = (heraldPath: string, value: unknown, dabKey: string) => {
    const keys = heraldPath.split('.');
    let node = settings;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
    sources.set(heraldPath, named(dabKey));
  };
  const copy = (dabKey: string, heraldPath: string, value: unknown) => {
    if (written.has(dabKey) && value !== undefined) set(heraldPath, value, dabKey);
  };
  const { reddit, discord } = file;

  const credentials = [
    ['id', 'clientId', reddit.id],
    ['secret', 'clientSecret', reddit.secret],
    ['username', 'username', reddit.username],
    ['password', 'password', reddit.password],
    ['user_agent', 'userAgent', reddit.user_agent],
  ] as const;
  for (const [key, heraldKey, value] of credentials) copy(`reddit.${key}`, `reddit.${heraldKey}`, value);
  // A missing credential is named as this file's key when the file holds the others (reddit.ts's check).
  if (credentials.some(([, , value]) => value !== undefined)) {
    for (const [key, heraldKey] of credentials) if (!sources.has(`reddit.${heraldKey}`)) sources.set(`reddit.${heraldKey}`, named(`reddit.${key}`));
  }
  copy('reddit.full_scan_interval', 'reddit.fullScanInterval', reddit.full_scan_interval);
  copy('reddit.inactivity_threshold', 'reddit.inactivityThreshold', reddit.inactivity_threshold);
  copy('reddit.max_age', 'reddit.maxAge', reddit.max_age);
  copy('reddit.max_batches', 'reddit.maxBatches', reddit.max_batches);
  copy('reddit.resurrections_interval', 'reddit.resurrectionsInterval', reddit.resurrections_interval);
  if (reddit.unsuspension_interval) copy('reddit.unsuspension_interval', 'reddit.resurrectionsInterval', reddit.unsuspension_interval);
  copy('reddit.retry_connection.times', 'reddit.retry.times', reddit.retry_connection.times);
  copy('reddit.retry_connection.max_interval', 'reddit.retry.maxInterval', reddit.retry_connection.max_interval);
  copy('reddit.retry_connection.reset_after', 'reddit.retry.resetAfter', reddit.retry_connection.reset_after);
  copy('discord.highscore_threshold', 'reddit.highscoreThreshold', discord.highscore_threshold);
  copy('hide_prefix', 'reddit.hidePrefix', file.hide_prefix);
  copy('discord.hide_prefix', 'reddit.hidePrefix', discord.hide_prefix);
  copy('log_level', 'log.level', file.log_level);

  copy('discord.token', 'discord.bot.token', discord.token);
  // The seed's prefix is `!`: kept even if Herald's default changes.
  if (written.has('discord')) set('discord.bot.prefix', discord.prefix, 'discord.prefix');
  copy('discord.privileged_role', 'discord.bot.privilegedRole', discord.privileged_role);

  const graveyardKey = discord.graveyard !== undefined ? 'discord.graveyard' : 'discord.general';
  const graveyard = discord.graveyard ?? discord.general;
  const routes: { events: string[]; to: string[] }[] = [];
  if (graveyard !== undefined) {
    set(`destinations.${dabDestinations.graveyard}.channel`, graveyard, graveyardKey);
    routes.push({ events: ['reddit.user.*'], to: [dabDestinations.graveyard] });
  }
  if (discord.highscores !== undefined) {
    set(`destinations.${dabDestinations.highscores}.channel`, discord.highscores, 'discord.highscores');
    routes.push({ events: ['reddit.comment.highscore'], to: [dabDestinations.highscores] });
  }
  if (routes.length > 0) settings.routes = routes;

  // The pages and chores (issue 11): reports, compendium limits, backups, the community chores.
  copy('timezone', 'reports.timezone', file.timezone);
  copy('report.cutoff', 'reports.cutoff', file.report.cutoff);
  copy('report.nb_top', 'reports.nbTop', file.report.nb_top);
  copy('report.leeway', 'reports.leeway', file.report.leeway);
  copy('web.default_limit', 'web.defaultLimit', file.web.default_limit);
  copy('web.max_limit', 'web.maxLimit', file.web.max_limit);
  if (written.has('web.listen') && file.web.listen !== undefined) {
    const { host, port } = listenAddress(file.web.listen);
    if (host !== undefined) set('web.host', host, 'web.listen');
    set('web.port', port, 'web.listen');
  }
  copy('web.root_dir', 'web.rootDir', file.web.root_dir);
  copy('web.ip_header', 'web.ipHeader', file.web.ip_header);
  // Herald's dump is PostgreSQL's, not DAB's SQLite copy: it goes next to it, never over it.
  if (written.has('database.backup_path')) set('backup.path', `${file.database.backup_path}.pgdump`, 'database.backup_path');
  copy('database.backup_max_age', 'backup.maxAge', file.database.backup_max_age);
  copy('discord.general', 'community.generalChannel', discord.general);
  copy('discord.log', 'community.logChannel', discord.log);
  copy('discord.welcome', 'community.welcome', discord.welcome);
  if (graveyard !== undefined) set('community.goodbyeChannel', graveyard, graveyardKey);

  const deprecated: [string, string][] = [
    ['discord.admin', 'has had no effect since DAB 1.8.0 (privileged: the server owner and discord.privileged_role)'],
    ['reddit.unsuspension_interval', 'use reddit.resurrections_interval (this key still overrides it when not 0)'],
    ['reddit.compendium', 'has no effect'],
    ['reddit.compendium_update_interval', 'has no effect'],
    ['reddit.dvt_interval', 'has no effect'],
    ['reddit.watch_submissions', 'has no effect'],
    ['report.leeway', 'still shifts each report week back by this long, as in DAB'],
  ];
  for (const [key, advice] of deprecated) if (written.has(key)) warnings.push(`${named(key)} is deprecated: ${advice}`);
  // SQLite tuning of the seed: Herald's data is in PostgreSQL, so these keys have nothing to act on.
  const sqliteOnly = ['database.cleanup_interval', 'database.timeout', 'database.retry_connection', 'discord.dirty_reads', 'web.dirty_reads', 'web.nb_db_conn', 'web.db_optimize'];
  for (const key of sqliteOnly) if (written.has(key)) warnings.push(`${named(key)} has no effect: it tunes DAB's SQLite database, Herald's data is in PostgreSQL`);
  if (discord.hide_prefix !== undefined && discord.hide_prefix !== file.hide_prefix && written.has('hide_prefix')) {
    warnings.push(`${named('discord.hide_prefix')} is Herald's one hide prefix (commands and useradd alike); ${named('hide_prefix')} is not used`);
  }

  return { settings, sources, warnings };
}

/**
 * `web.listen` as Go's net.Listen reads it (seed-behaviour §3.8): `host:port`, `[v6]:port`, or
 * `:port` (every interface, which Herald spells 0.0.0.0). The port stays a string: the web config
 * checks its range and names this key when it is wrong.
 */
function listenAddress(listen: string): { host: string | undefined; port: string } {
  const colon = listen.lastIndexOf(':');
  if (colon < 0) return { host: undefined, port: listen };
  const host = listen.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host: host === '' ? '0.0.0.0' : host, port: listen.slice(colon + 1) };
}
