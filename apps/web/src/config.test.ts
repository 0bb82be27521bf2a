import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigErrors } from '@herald/config';
import { adminCredentials, loadWebConfig } from './config.js';

/** A HERALD_CONFIG file holding `settings`. */
const yamlDirs: string[] = [];
afterAll(() => yamlDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function writeYaml(settings: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-web-config-'));
  yamlDirs.push(dir);
  const path = join(dir, 'herald.yaml');
  writeFileSync(path, stringify(settings));
  return path;
}

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/herald' };

describe('web config', () => {
  it('has defaults for everything but the database', () => {
    const config = loadWebConfig(base);
    expect(config.web).toEqual({ host: '127.0.0.1', port: 3000, public: false, defaultLimit: 100, maxLimit: 1000 });
    expect(config.reports).toEqual({ timezone: 'UTC', cutoff: -50, nbTop: 5, leeway: 0 });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'herald' });
    expect(adminCredentials(config)).toBeUndefined();
    expect(config.demo.discordUrl).toBeUndefined();
  });

  it('reads its own environment variables', () => {
    const config = loadWebConfig({
      ...base,
      HERALD_WEB_HOST: '127.0.0.1',
      HERALD_WEB_PORT: '8080',
      HERALD_WEB_PUBLIC: 'yes',
      HERALD_ADMIN_USER: 'op',
      HERALD_ADMIN_PASSWORD: 'pw',
      HERALD_DEMO_DISCORD_URL: 'http://127.0.0.1:4000',
      HERALD_TIMEZONE: 'Europe/Paris',
    });
    expect(config.web).toEqual({ host: '127.0.0.1', port: 8080, public: true, defaultLimit: 100, maxLimit: 1000 });
    expect(config.reports.timezone).toBe('Europe/Paris');
    expect(adminCredentials(config)).toEqual({ user: 'op', password: 'pw', publicPages: true });
    expect(config.demo.discordUrl).toBe('http://127.0.0.1:4000');
  });

  it('refuses an unknown time zone, page limits the wrong way round and a proxy header Fastify cannot read', () => {
    expect(() => loadWebConfig({ ...base, HERALD_TIMEZONE: 'Mars/Olympus' })).toThrow(/HERALD_TIMEZONE.*IANA time zone/);
    const limits = writeYaml({ web: { defaultLimit: 500, maxLimit: 100 } });
    expect(() => loadWebConfig({ ...base, HERALD_CONFIG: limits })).toThrow(/web\.defaultLimit.*must not be greater than web\.maxLimit/);
    const proxy = writeYaml({ web: { ipHeader: 'X-Real-IP' } });
    expect(() => loadWebConfig({ ...base, HERALD_CONFIG: proxy })).toThrow(/web\.ipHeader.*only X-Forwarded-For/);
  });

  it("reads a dab.conf.json's pages keys and warns about its keys that have no effect", () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-web-dab-'));
    yamlDirs.push(dir);
    const path = join(dir, 'dab.conf.json');
    writeFileSync(path, JSON.stringify({ timezone: 'Europe/Paris', report: { nb_top: 3 }, web: { listen: ':3499', max_limit: 500, nb_db_conn: 4 } }));
    const config = loadWebConfig({ ...base, DAB_CONFIG: path });
    expect(config.reports).toMatchObject({ timezone: 'Europe/Paris', nbTop: 3 });
    expect(config.web).toMatchObject({ host: '0.0.0.0', port: 3499, maxLimit: 500 });
    expect(config.warnings).toEqual([`web.nb_db_conn in ${path} has no effect: it tunes DAB's SQLite database, Herald's data is in PostgreSQL`]);
  });

  it('names DATABASE_URL\'s key when it is missing', () => {
    expect(() => loadWebConfig({})).toThrow(/postgres\.url: required: set DATABASE_URL/);
  });

  it('refuses half an admin credential and a bad port, naming the variables as the user set them', () => {
    try {
      loadWebConfig({ ...base, HERALD_ADMIN_USER: 'op', HERALD_WEB_PORT: '99999', HERALD_WEB_PUBLIC: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigErrors);
      const keys = (error as ConfigErrors).errors.map((e) => e.key).sort();
      expect(keys).toEqual(['HERALD_WEB_PORT', 'HERALD_WEB_PUBLIC', 'admin']);
      expect((error as ConfigErrors).message).toContain('set both HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD');
    }
  });

  it('reads the Reddit client id (whose budget /reddit shows) from reddit.clientId or REDDIT_CLIENT_ID, and nothing else of the section', () => {
    expect(loadWebConfig(base).reddit).toEqual({ clientId: undefined });
    expect(loadWebConfig({ ...base, REDDIT_CLIENT_ID: 'XaiUdR5UBKl_FY' }).reddit).toEqual({ clientId: 'XaiUdR5UBKl_FY' });
  });
});
