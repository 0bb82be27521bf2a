/**
 * Opens a Down Arrows Bot (DAB) SQLite database read-only and checks it as the seed does at
 * start-up (seed-behaviour §3.7): application id 0xdab, a version DAB wrote, `PRAGMA quick_check`.
 * The seed also runs `PRAGMA foreign_key_check`; the importer does not refuse on it: comments
 * whose author is not a user are skipped and counted instead (see import-dab.ts).
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** `PRAGMA application_id` of every DAB database (3499). */
export const DAB_APPLICATION_ID = 0xdab;
/** The newest DAB version Herald reads: v1.26.4, the seed's HEAD (user_version 72196). */
export const DAB_NEWEST_VERSION = '1.26.4';
/**
 * The oldest DAB version Herald reads. 1.12.0 rebuilt `user_archive` into HEAD's columns and 1.11.0
 * created `key_value` (before it, announced ids lived in `known_objects`); the tables Herald reads
 * are HEAD's since then. An older file is refused: DAB 1.26.4 migrates it (`dab -initdb`).
 */
export const DAB_OLDEST_VERSION = '1.12.0';

/** The file is not a DAB database Herald can import; the message names the file and the reason. */
export class DabDatabaseError extends Error {
  override name = 'DabDatabaseError';
}

export interface OpenedDab {
  sqlite: Database.Database;
  /** The DAB version that last wrote the file, e.g. `1.26.4`. */
  version: string;
  /** What the operator should know (an older version read with HEAD's tables). */
  notes: string[];
}

/** `PRAGMA user_version` as DAB writes it: major*65536 + minor*256 + patch. */
export function dabVersion(userVersion: number): string {
  return `${Math.floor(userVersion / 65536)}.${Math.floor(userVersion / 256) % 256}.${userVersion % 256}`;
}

/** The inverse of dabVersion: `1.26.4` → 72196. */
export function dabUserVersion(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return major * 65536 + minor * 256 + patch;
}

/** Columns the importer reads, per table (HEAD's schema, §3.7). */
const TABLES: Record<string, readonly string[]> = {
  user_archive: ['name', 'created', 'not_found', 'suspended', 'added', 'batch_size', 'deleted', 'hidden', 'inactive', 'last_scan', 'new', 'position'],
  comments: ['id', 'author', 'score', 'permalink', 'sub', 'created', 'body'],
  key_value: ['key', 'value', 'created'],
};

/**
 * Opens `path` read-only and checks it. Throws DabDatabaseError, worded as the seed's errors where
 * it has one: missing or empty file, not SQLite, `database "<p>" is from another application: found
 * application ID 0x… instead of 0xdab`, no version set, a version newer than 1.26.4 or older than
 * 1.12.0, damage (`PRAGMA quick_check`, or SQLite finding it while reading), a table or column
 * missing. The caller closes `sqlite`.
 */
export function openDabDatabase(path: string): OpenedDab {
  const where = `database "${path}"`;
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new DabDatabaseError(`${where} is not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof DabDatabaseError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DabDatabaseError(code === 'ENOENT' ? `${where} does not exist` : `${where} cannot be read: ${(error as Error).message}`);
  }
  if (size === 0) throw new DabDatabaseError(`${where} is empty: DAB never wrote to it`);

  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new DabDatabaseError(`${where} cannot be opened: ${(error as Error).message}`);
  }
  try {
    const opened = check(sqlite, where);
    return { sqlite, ...opened };
  } catch (error) {
    sqlite.close();
    if (error instanceof DabDatabaseError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new DabDatabaseError(`${where} is not an SQLite database`);
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) throw new DabDatabaseError(`${where} is damaged: ${(error as Error).message}`);
    throw new DabDatabaseError(`${where} cannot be read: ${(error as Error).message}`);
  }
}

function check(sqlite: Database.Database, where: string): { version: string; notes: string[] } {
  const applicationId = Number(sqlite.pragma('application_id', { simple: true }));
  if (applicationId !== DAB_APPLICATION_ID) {
    throw new DabDatabaseError(`${where} is from another application: found application ID 0x${applicationId.toString(16)} instead of 0xdab`);
  }
  const userVersion = Number(sqlite.pragma('user_version', { simple: true }));
  if (userVersion === 0) throw new DabDatabaseError(`${where} was already created but no version was set`);
  const version = dabVersion(userVersion);
  if (userVersion > dabUserVersion(DAB_NEWEST_VERSION)) {
    throw new DabDatabaseError(`${where} was written by DAB ${version}, newer than ${DAB_NEWEST_VERSION}, the newest version Herald imports`);
  }
  if (userVersion < dabUserVersion(DAB_OLDEST_VERSION)) {
    throw new DabDatabaseError(
      `${where} was written by DAB ${version}, older than ${DAB_OLDEST_VERSION}, the oldest version Herald imports: open it once with DAB ${DAB_NEWEST_VERSION} (dab -initdb) to migrate it, then import it`,
    );
  }
  const problems = (sqlite.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
  if (problems.length !== 1 || problems[0] !== 'ok') {
    const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
    throw new DabDatabaseError(`${where} is damaged: PRAGMA quick_check found ${shown}`);
  }
  for (const [table, wanted] of Object.entries(TABLES)) {
    const columns = new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
    if (columns.size === 0) throw new DabDatabaseError(`${where} has no table ${table}`);
    const missing = wanted.filter((c) => !columns.has(c));
    if (missing.length > 0) throw new DabDatabaseError(`${where}: table ${table} lacks the columns ${missing.join(', ')}`);
  }
  const notes: string[] = [];
  if (version !== DAB_NEWEST_VERSION) {
    notes.push(`written by DAB ${version}: read with the tables of ${DAB_NEWEST_VERSION}, which are the same since ${DAB_OLDEST_VERSION}`);
  }
  return { version, notes };
}
