import { parse } from 'pg-connection-string';

/**
 * libpq's environment variables for a `postgres://` URL (https://www.postgresql.org/docs/current/libpq-envars.html),
 * so pg_dump and pg_restore connect where the web app's pool does with the password in PGPASSWORD,
 * never on a command line that `ps` shows. The URL is read by pg-connection-string, the parser
 * node-postgres uses for the pool, so both agree on hosts, Unix sockets (`?host=/run/postgresql`)
 * and query parameters.
 *
 * `base` is the rest of the child's environment: its own PG* variables are dropped so a stray
 * PGDATABASE or PGPASSWORD in the web app's environment cannot redirect the dump.
 */
export function libpqEnv(databaseUrl: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const url = parse(databaseUrl);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith('PG')));
  const set = (name: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') env[name] = value;
  };
  set('PGHOST', url.host);
  set('PGPORT', url.port);
  set('PGUSER', url.user);
  set('PGPASSWORD', url.password);
  set('PGDATABASE', url.database);
  set('PGAPPNAME', 'herald-backup');
  set('PGOPTIONS', url.options);
  // node-postgres's `ssl=true` asks for TLS without naming a mode: libpq's closest is `require`.
  set('PGSSLMODE', url.sslmode ?? (url.ssl === true ? 'require' : undefined));
  set('PGSSLROOTCERT', url.sslrootcert);
  set('PGSSLCERT', url.sslcert);
  set('PGSSLKEY', url.sslkey);
  // libpq waits forever for an unreachable host by default; the pool gives up after 10 s too.
  set('PGCONNECT_TIMEOUT', url.connect_timeout ?? '10');
  // pg_dump's messages in English whatever the server's locale, so the 500 page and logs read alike.
  env.LC_MESSAGES = 'C';
  return env;
}

/**
 * Which database `databaseUrl` names, without its password: `user@host:port/database` (defaults
 * as libpq's: port 5432). What the cached dump records, so a dump of another database (the demo's,
 * or the one before a restore) is never served as this one's.
 */
export function databaseIdentity(databaseUrl: string): string {
  const url = parse(databaseUrl);
  return `${url.user ?? ''}@${url.host ?? ''}:${url.port ?? '5432'}/${url.database ?? ''}`;
}
