import { basename, dirname } from 'node:path';
import send from '@fastify/send';
import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../deps.js';
import { sendProblem } from '../routes/errors.js';
import { DumpCache } from './dump-cache.js';
import { checkPgDump, type PgDumpCheck } from './pg-dump-version.js';
import { PgDumpError } from './run-pg-dump.js';
import type { BackupOptions } from './settings.js';

/** Why /backup answers 403 without an admin login: the dump holds more than public data (Discord ids, destinations). */
export const BackupNeedsAdminMessage =
  'backups are only served behind the admin login: set HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD (the dump holds Discord ids and webhook destinations, not only public data)';

/** `herald-2026-12-01T04-00-00Z.dump`: the snapshot's UTC time, safe in any file system. */
export function backupFileName(takenAt: Date): string {
  return `herald-${takenAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z.dump`;
}

/**
 * `GET /backup` (seed-behaviour §3.11, behind the admin login that routes/auth.ts asks for since
 * /backup is not a public page): a `pg_dump --format=custom` of Herald's database no older than
 * `backup.maxAge`, streamed from the cached file with Range and conditional requests (@fastify/send).
 * 403 without an admin login configured; 503 while pg_dump is missing or older than the server
 * (checked at start, logged, and again on each request until it passes); 500 with pg_dump's reason
 * when a dump fails.
 */
export async function backupRoutes(app: FastifyInstance, { deps, nav, backup }: RoutePluginOptions & { backup: BackupOptions }): Promise<void> {
  const cache = new DumpCache({ ...backup, logger: deps.logger });
  let passed: PgDumpCheck | undefined;
  /** A passed check is kept; a failed one is re-run on the next request, so installing the client needs no restart. */
  const check = async (): Promise<PgDumpCheck> => {
    if (passed) return passed;
    const result = await checkPgDump(backup.pgDump, deps.db);
    if (result.ok) passed = result;
    return result;
  };

  // Logged at start, without holding the start: the rest of the web works without pg_dump. Not
  // checked without an admin login: /backup is not served then, and says why.
  const atStart = deps.admin
    ? check().then((result) => {
        if (result.ok) deps.logger.info({ pgDump: result.pgDump, server: result.server }, 'backup: pg_dump can dump this server');
        else deps.logger.warn(`backup: /backup will answer 503 until this is fixed: ${result.reason}`);
      })
    : Promise.resolve();
  app.addHook('onClose', async () => {
    cache.stop();
    await atStart;
  });

  app.get('/backup', async (request, reply) => {
    // A download: scripts (curl, wget) read one plain line; a browser that opened the link gets a page saying the same.
    const browser = (request.headers.accept ?? '').includes('text/html');
    const text = (code: number, body: string) => {
      reply.header('cache-control', 'no-store');
      if (browser) return sendProblem(request, reply, nav, { statusCode: code, title: 'No backup', message: body });
      return reply.code(code).type('text/plain; charset=utf-8').send(`${body}\n`);
    };
    if (!deps.admin) return text(403, BackupNeedsAdminMessage);
    const ready = await check();
    if (!ready.ok) return text(503, `backup unavailable: ${ready.reason}`);
    let dump;
    try {
      dump = await cache.fresh();
    } catch (error) {
      if (error instanceof PgDumpError) return text(500, `backup failed: ${error.message}`);
      const reason = error instanceof Error ? error.message : String(error);
      return text(500, `backup failed: ${reason} (check backup.path / HERALD_BACKUP_PATH: its directory must be writable)`);
    }
    const file = await send(request.raw, encodeURIComponent(basename(dump.path)), {
      root: dirname(dump.path),
      dotfiles: 'allow',
      index: false,
      cacheControl: false,
      contentType: false,
    });
    if (file.type !== 'file') return text(500, `backup failed: the dump file could not be read (${file.statusCode})`);
    return reply
      .code(file.statusCode)
      .headers(file.headers)
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${backupFileName(dump.takenAt)}"`)
      .header('cache-control', 'no-store')
      .send(file.stream);
  });
}
