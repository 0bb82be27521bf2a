import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createSqlPool } from '@herald/db/sql';
import type { RoutePluginOptions } from '../deps.js';
import { redditExportChunks } from './export-stream.js';
import type { BackupOptions } from './settings.js';

/** The routes `backup.publicExport` opens to everyone (routes/auth.ts lets them through without the login). */
export const PublicExportRoutes: readonly string[] = ['/export/reddit.ndjson'];

/** Exports streaming at once; more wait up to the pool's 10 s connect timeout, then get 503 (the route is public). */
const MaxConcurrentExports = 2;

/**
 * `GET /export/reddit.ndjson` (only with `backup.publicExport`): the Reddit data the seed's backup
 * made public (§3.11: "the database holds no private data") — tracked users and their comments, no
 * Discord ids, nothing else of Herald's — as newline-delimited JSON (export-stream.ts), streamed.
 *
 * Its own small pool without a query timeout: a cursor stays open for the whole download, which
 * the app's pool would cut after 30 s, and exports must not take the pages' connections.
 */
export async function exportRoutes(app: FastifyInstance, { deps, backup }: RoutePluginOptions & { backup: BackupOptions }): Promise<void> {
  const pool = createSqlPool({ url: backup.databaseUrl, max: MaxConcurrentExports, queryTimeoutMs: 0 });
  app.addHook('onClose', () => pool.end());
  const now = backup.now ?? Date.now;

  app.get('/export/reddit.ndjson', async (_request, reply) => {
    let client;
    try {
      client = await pool.connect();
    } catch (error) {
      deps.logger.warn({ err: error }, 'export: no database connection');
      return reply.code(503).header('retry-after', '30').type('text/plain; charset=utf-8').send('export unavailable: the database is busy or unreachable; try again later\n');
    }
    const exportedAt = new Date(now());
    let finished = false;
    const chunks = async function* () {
      try {
        yield* redditExportChunks(client, exportedAt);
        finished = true;
      } catch (error) {
        deps.logger.error({ err: error }, 'export: stopped by an error; the download was cut short');
        throw error;
      } finally {
        // A download stopped half-way leaves a transaction and a cursor open on the connection: discard it.
        client.release(!finished);
      }
    };
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="herald-reddit-${exportedAt.toISOString().slice(0, 10)}.ndjson"`)
      .header('cache-control', 'no-cache')
      .send(Readable.from(chunks(), { objectMode: false }));
  });
}
