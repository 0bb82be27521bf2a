import { spawn, type ChildProcess } from 'node:child_process';
import { redact } from '@herald/logging';
import { libpqEnv } from './pg-env.js';

/** pg_dump failed; `message` summarises its stderr with any password removed. */
export class PgDumpError extends Error {
  override name = 'PgDumpError';
}

/** The most of pg_dump's stderr kept for the error (its last lines say why it stopped). */
const StderrKeptBytes = 8192;
/** The most of it shown: a few lines are the reason; the rest is in the log. */
const SummaryLines = 6;

export interface PgDumpRun {
  /** Resolves when pg_dump exits 0; rejects with a PgDumpError otherwise. */
  done: Promise<void>;
  /** Stops pg_dump (shutdown): `done` then rejects. */
  kill(): void;
}

/**
 * Runs `pgDump --format=custom --file=<file>` against `databaseUrl`, whose parts (password
 * included) travel as libpq environment variables (pg-env.ts), so neither `ps` nor a log line shows
 * them. `--lock-wait-timeout` keeps a dump from queueing forever behind a migration's exclusive
 * lock (and from holding every waiting /backup request with it). The file may be partly written
 * when it fails: the caller deletes it.
 */
export function runPgDump(options: { pgDump: string; databaseUrl: string; file: string }): PgDumpRun {
  const { pgDump, databaseUrl, file } = options;
  const env = libpqEnv(databaseUrl);
  let child: ChildProcess;
  const done = new Promise<void>((resolve, reject) => {
    child = spawn(pgDump, ['--format=custom', `--file=${file}`, '--no-password', '--lock-wait-timeout=60000'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-StderrKeptBytes);
    });
    const scrub = (text: string) => {
      const password = env.PGPASSWORD;
      return redact(password ? text.split(password).join('***') : text);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(new PgDumpError(error.code === 'ENOENT' ? `${pgDump} not found` : `could not run ${pgDump}: ${scrub(error.message)}`));
    });
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const lines = scrub(stderr).trim().split('\n').filter(Boolean).slice(-SummaryLines).join('\n');
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      reject(new PgDumpError(`pg_dump ${how}${lines ? `: ${lines}` : ' without saying why'}`));
    });
  });
  return { done, kill: () => child.kill('SIGTERM') };
}
