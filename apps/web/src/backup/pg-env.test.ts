import { describe, expect, it } from 'vitest';
import { libpqEnv } from './pg-env.js';

describe('libpqEnv', () => {
  it('passes each part of DATABASE_URL as a libpq variable, the password included, and keeps the rest of the environment', () => {
    const env = libpqEnv('postgresql://herald:p%40ss%2Fword@db.internal:6543/herald_prod', { PATH: '/usr/bin', HOME: '/home/node' });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/node',
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGUSER: 'herald',
      PGPASSWORD: 'p@ss/word',
      PGDATABASE: 'herald_prod',
      PGAPPNAME: 'herald-backup',
      PGCONNECT_TIMEOUT: '10',
      LC_MESSAGES: 'C',
    });
  });

  it('drops PG* variables of the web app\'s own environment, which would otherwise redirect the dump', () => {
    const env = libpqEnv('postgres://127.0.0.1/herald', { PGDATABASE: 'other', PGPASSWORD: 'stale', PGSERVICE: 'x', PATH: '/bin' });
    expect(env.PGDATABASE).toBe('herald');
    expect(env.PGPASSWORD).toBeUndefined();
    expect(env.PGSERVICE).toBeUndefined();
    expect(env.PGPORT).toBeUndefined(); // libpq's default, 5432
  });

  it('reads Unix sockets, TLS modes and options the way node-postgres does', () => {
    expect(libpqEnv('postgresql://herald@%2Frun%2Fpostgresql/herald', {})).toMatchObject({ PGHOST: '/run/postgresql', PGDATABASE: 'herald' });
    expect(libpqEnv('postgresql:///herald?host=/var/run/postgresql', {})).toMatchObject({ PGHOST: '/var/run/postgresql' });
    expect(libpqEnv('postgresql://h/db?sslmode=verify-full&connect_timeout=3&options=-c%20statement_timeout%3D0', {})).toMatchObject({
      PGSSLMODE: 'verify-full',
      PGCONNECT_TIMEOUT: '3',
      PGOPTIONS: '-c statement_timeout=0',
    });
    expect(libpqEnv('postgresql://h/db?ssl=true', {}).PGSSLMODE).toBe('require');
    expect(libpqEnv('postgresql://h/db', {}).PGSSLMODE).toBeUndefined();
  });
});
