import type { DabFile } from './schema.js';

type LogLevel = DabFile['log_level'];
interface Retry {
  times: number;
  /** Milliseconds. */
  maxInterval: number;
  /** Milliseconds. */
  resetAfter: number;
}

/**
 * The keys of dab.conf.json that the Reddit tracking does not use, typed and with the seed's
 * defaults, for the reports, web pages and Discord extras of the next issue. Durations in ms.
 */
export interface DabPassthrough {
  /** IANA name (Go's `LoadLocation`; `Local` resolved to the machine's zone). */
  timezone: string;
  database: {
    /** The seed's SQLite file: what the importer reads. */
    path: string;
    backupPath: string;
    backupMaxAge: number;
    /** 0: disabled. */
    cleanupInterval: number;
    timeout: number;
    retryConnection: Retry;
    logLevel?: LogLevel;
  };
  discord: {
    /** Channel ids. */
    general?: string;
    log?: string;
    /** A Go template using only welcomeFields (checked). */
    welcome?: string;
    dirtyReads: boolean;
    retryConnection: Retry;
    logLevel?: LogLevel;
  };
  report: { cutoff: number; nbTop: number };
  web: {
    listen?: string;
    rootDir?: string;
    ipHeader?: string;
    defaultLimit: number;
    maxLimit: number;
    nbDbConn: number;
    dirtyReads: boolean;
    dbOptimize: number;
    logLevel?: LogLevel;
  };
  reddit: { logLevel?: LogLevel };
}


const retryOf = (r: DabFile['database']['retry_connection']): Retry => ({ times: r.times, maxInterval: r.max_interval, resetAfter: r.reset_after });
/** `value` without its undefined entries (exactOptionalPropertyTypes: an optional key is absent, not undefined). */
const defined = <T extends object>(value: { [K in keyof T]: T[K] | undefined }) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The keys of the next issue, camel-cased and typed (durations in ms), defaults applied. */
export function passthroughOf(file: DabFile): DabPassthrough {
  const { database, discord, reddit, report, web } = file;
  return {
    timezone: file.timezone,
    database: defined<DabPassthrough['database']>({
      path: database.path,
      backupPath: database.backup_path,
      backupMaxAge: database.backup_max_age,
      cleanupInterval: database.cleanup_interval,
      timeout: database.timeout,
      retryConnection: retryOf(database.retry_connection),
      logLevel: database.log_level,
    }),
    discord: defined<DabPassthrough['discord']>({
      general: discord.general,
      log: discord.log,
      welcome: discord.welcome,
      dirtyReads: discord.dirty_reads,
      retryConnection: retryOf(discord.retry_connection),
      logLevel: discord.log_level,
    }),
    report: { cutoff: report.cutoff, nbTop: report.nb_top },
    web: defined<DabPassthrough['web']>({
      listen: web.listen,
      rootDir: web.root_dir,
      ipHeader: web.ip_header,
      defaultLimit: web.default_limit,
      maxLimit: web.max_limit,
      nbDbConn: web.nb_db_conn,
      dirtyReads: web.dirty_reads,
      dbOptimize: web.db_optimize,
      logLevel: web.log_level,
    }),
    reddit: defined<DabPassthrough['reddit']>({ logLevel: reddit.log_level }),
  };
}
