import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * DAB's `web.root_dir` (seed-behaviour §3.8 `/`): the files of a directory, served for the paths
 * no page answers (a page's route always wins: Fastify matches static routes before the wildcard).
 * `index.html` answers a directory; no directory listings (they would show whatever lies there).
 * @fastify/static handles ranges, conditional requests and path traversal.
 */
export async function staticRoot(app: FastifyInstance, options: { root: string }): Promise<void> {
  await app.register(fastifyStatic, { root: options.root, index: ['index.html'], list: false, wildcard: true });
}
