import { z } from 'zod';
import { duration, flag } from '@herald/config';

/** The seed's `database.backup_max_age` floor (seed-behaviour §3.11): a backup is at most this often re-made. */
export const MinBackupMaxAgeMs = 3_600_000;

/** Defaults of the `backup:` section (the seed's 24 h `backup_max_age`, §3.11). */
export const DefaultBackupSettings = {
  /** Relative to the web app's working directory; compose mounts a volume on /app/data. */
  path: './data/herald.dump',
  maxAgeMs: 24 * 3_600_000,
  publicExport: false,
  pgDump: 'pg_dump',
} as const;

/** The web app's `backup:` environment variables (the lead maps dab.conf.json's `database.backup_*` onto these keys). */
export const backupEnvMapping: Record<string, string> = {
  HERALD_BACKUP_PATH: 'backup.path',
  HERALD_BACKUP_MAX_AGE: 'backup.maxAge',
  HERALD_BACKUP_PUBLIC_EXPORT: 'backup.publicExport',
  HERALD_PG_DUMP: 'backup.pgDump',
};

/**
 * The `backup:` section of the web app's settings:
 * - `path`: the cached dump file (`pg_dump --format=custom`), re-made when older than `maxAge`;
 * - `maxAge`: a duration (`24h`, `90m`, milliseconds), at least 1 h like the seed's `backup_max_age`;
 * - `publicExport`: serve `/export/reddit.ndjson` (users and comments, no Discord ids) to anyone;
 * - `pgDump`: the pg_dump to run, a name on PATH or a path (e.g. `/usr/lib/postgresql/16/bin/pg_dump`
 *   where several client versions are installed).
 */
export const backupSection = z
  .strictObject({
    path: z.string().trim().min(1).default(DefaultBackupSettings.path),
    maxAge: duration()
      .refine((ms) => ms >= MinBackupMaxAgeMs, { message: 'must be at least 1h (as the seed\'s database.backup_max_age)' })
      .default(DefaultBackupSettings.maxAgeMs),
    publicExport: flag().default(DefaultBackupSettings.publicExport),
    pgDump: z.string().trim().min(1).default(DefaultBackupSettings.pgDump),
  })
  .prefault({});

export type BackupSection = z.infer<typeof backupSection>;

/** What the backup routes need: the section's values plus the database pg_dump reads. */
export interface BackupOptions {
  /** The cached dump file. */
  path: string;
  /** Milliseconds: a cached dump older than this is re-made before it is served. */
  maxAgeMs: number;
  publicExport: boolean;
  /** The pg_dump command (name on PATH or path). */
  pgDump: string;
  /** DATABASE_URL: pg_dump gets its parts as libpq environment variables, never on its command line. */
  databaseUrl: string;
  /** Clock in epoch milliseconds (tests move it); defaults to Date.now. */
  now?: () => number;
}

/** The backup options of a parsed web config. */
export function backupOptions(section: BackupSection, databaseUrl: string): BackupOptions {
  return { path: section.path, maxAgeMs: section.maxAge, publicExport: section.publicExport, pgDump: section.pgDump, databaseUrl };
}
