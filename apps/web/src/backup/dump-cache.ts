import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '@herald/logging';
import { databaseIdentity } from './pg-env.js';
import { runPgDump, type PgDumpRun } from './run-pg-dump.js';

/** A finished dump on disk. */
export interface DumpFile {
  path: string;
  /** When pg_dump started, i.e. the snapshot's time (the file's mtime is set to it). */
  takenAt: Date;
  /** Bytes. */
  size: number;
}

export interface DumpCacheOptions {
  /** The cached dump file; its directory is created when missing. */
  path: string;
  /** Milliseconds: an older dump (by its snapshot time) is re-made. */
  maxAgeMs: number;
  pgDump: string;
  databaseUrl: string;
  logger: Logger;
  /** Epoch milliseconds; Date.now by default (tests move it). */
  now?: () => number;
}

/** A partial file untouched for this long belongs to a dump that died with its process (a crash, a kill -9). */
const AbandonedPartialMs = 3_600_000;

/**
 * The cached `pg_dump --format=custom` file behind `/backup` (seed-behaviour §3.11, which served
 * an SQLite online backup the same way):
 * - `fresh()` returns the cached dump while it is younger than `maxAgeMs`, else makes a new one;
 * - one dump at a time: callers arriving while a dump runs wait for it and share it (the seed's mutex);
 * - pg_dump writes to a unique `<file>.partial-*` next to the cache, which is fsynced and renamed
 *   over it only once pg_dump succeeded, so the cache is always a whole dump and a reader streaming
 *   the previous one keeps its (unlinked) file; a failed dump deletes its partial file;
 * - `<file>.source` names the database the dump is of (`databaseIdentity`): a cached dump of another
 *   database (the demo's, or the one before a restore, sharing the default path) is made again.
 */
export class DumpCache {
  private running: Promise<DumpFile> | undefined;
  private current: PgDumpRun | undefined;
  private readonly now: () => number;

  constructor(private readonly options: DumpCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A dump no older than maxAge. Rejects with a PgDumpError (pg_dump failed) or a file-system error. */
  async fresh(): Promise<DumpFile> {
    if (this.running) return this.running;
    const cached = await this.cached();
    if (cached && this.now() - cached.takenAt.getTime() < this.options.maxAgeMs) return cached;
    // Checked again: another caller may have started a dump while this one read the file's time.
    this.running ??= this.dump().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops a running pg_dump (the app is closing); its callers get an error and the partial file is deleted. */
  stop(): void {
    this.current?.kill();
  }

  private get sourcePath(): string {
    return `${this.options.path}.source`;
  }

  private async cached(): Promise<DumpFile | undefined> {
    try {
      const source = await readFile(this.sourcePath, 'utf8');
      if (source.trim() !== databaseIdentity(this.options.databaseUrl)) return undefined;
      const info = await stat(this.options.path);
      return { path: this.options.path, takenAt: info.mtime, size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private async dump(): Promise<DumpFile> {
    const { path, logger } = this.options;
    const dir = dirname(path);
    // The dump holds webhook URLs (tokens) and Discord ids: readable by Herald's user only.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await this.removeAbandonedPartials(dir);
    const partial = `${path}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    // Created here with mode 0600; pg_dump then truncates and fills it, keeping the mode (the umask
    // would otherwise leave a world-readable 0644 file).
    await (await open(partial, 'wx', 0o600)).close();
    const takenAt = new Date(this.now());
    const started = performance.now();
    logger.info({ path }, 'backup: pg_dump started');
    try {
      this.current = runPgDump({ pgDump: this.options.pgDump, databaseUrl: this.options.databaseUrl, file: partial });
      await this.current.done;
      await syncFile(partial);
      await utimes(partial, takenAt, takenAt);
      // The source is written before the dump replaces the old one: between the two, the old dump
      // would be taken for this database's only if it were already (same identity).
      await writeFile(this.sourcePath, `${databaseIdentity(this.options.databaseUrl)}\n`, { mode: 0o600 });
      await rename(partial, path);
      await syncFile(dir); // the rename itself survives a power cut only once the directory is synced
    } catch (error) {
      await rm(partial, { force: true });
      logger.error({ err: error, path }, 'backup: pg_dump failed; the partial file was deleted');
      throw error;
    } finally {
      this.current = undefined;
    }
    const { size } = await stat(path);
    logger.info({ path, bytes: size, ms: Math.round(performance.now() - started) }, 'backup: pg_dump finished');
    return { path, takenAt, size };
  }

  private async removeAbandonedPartials(dir: string): Promise<void> {
    const prefix = `${basename(this.options.path)}.partial-`;
    for (const name of await readdir(dir)) {
      if (!name.startsWith(prefix)) continue;
      const file = join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > AbandonedPartialMs) await rm(file, { force: true });
    }
  }
}

/** fsync of a file or directory (Linux opens a directory read-only for it). */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
