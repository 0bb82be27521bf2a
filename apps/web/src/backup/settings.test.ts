import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWebConfig } from '../config.js';
import { backupOptions } from './settings.js';

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/herald' };
const dir = mkdtempSync(join(tmpdir(), 'herald-backup-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup settings', () => {
  it('default to ./data/herald.dump, 24 h, no public export, pg_dump on PATH', () => {
    const config = loadWebConfig(base);
    expect(config.backup).toEqual({ path: './data/herald.dump', maxAge: 86_400_000, publicExport: false, pgDump: 'pg_dump' });
    expect(backupOptions(config.backup, config.postgres.url)).toEqual({
      path: './data/herald.dump', maxAgeMs: 86_400_000, publicExport: false, pgDump: 'pg_dump', databaseUrl: base.DATABASE_URL,
    });
  });

  it('come from the environment', () => {
    const config = loadWebConfig({ ...base, HERALD_BACKUP_PATH: '/var/lib/herald/db.dump', HERALD_BACKUP_MAX_AGE: '6h', HERALD_BACKUP_PUBLIC_EXPORT: 'true', HERALD_PG_DUMP: '/usr/lib/postgresql/16/bin/pg_dump' });
    expect(config.backup).toEqual({ path: '/var/lib/herald/db.dump', maxAge: 6 * 3_600_000, publicExport: true, pgDump: '/usr/lib/postgresql/16/bin/pg_dump' });
  });

  it('come from the backup: section of HERALD_CONFIG', () => {
    const file = join(dir, 'herald.yaml');
    writeFileSync(file, 'backup:\n  path: /srv/herald.dump\n  maxAge: 90m\n  publicExport: true\n');
    expect(loadWebConfig({ ...base, HERALD_CONFIG: file }).backup).toMatchObject({ path: '/srv/herald.dump', maxAge: 90 * 60_000, publicExport: true });
  });

  it('refuse a maxAge under 1 h, a malformed one and an unknown key, naming the setting', () => {
    expect(() => loadWebConfig({ ...base, HERALD_BACKUP_MAX_AGE: '30m' })).toThrow(/HERALD_BACKUP_MAX_AGE.*must be at least 1h/s);
    expect(() => loadWebConfig({ ...base, HERALD_BACKUP_MAX_AGE: 'daily' })).toThrow(/HERALD_BACKUP_MAX_AGE.*"daily" is not a duration/s);
    expect(() => loadWebConfig({ ...base, HERALD_BACKUP_PUBLIC_EXPORT: 'maybe' })).toThrow(/HERALD_BACKUP_PUBLIC_EXPORT.*not a boolean/s);
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, 'backup:\n  maxage: 2h\n');
    expect(() => loadWebConfig({ ...base, HERALD_CONFIG: file })).toThrow(/backup.*maxage/s);
  });
});
