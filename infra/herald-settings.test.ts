import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heraldSetting, webLogin } from '../scripts/lib/herald-settings.mjs';

const dir = mkdtempSync(join(tmpdir(), 'herald-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("npm start's reading of HERALD_CONFIG's database and Redis (so migrations and apps use the file's)", () => {
  it('reads postgres.url and redis.url as written, and ${NAME} references from the environment', async () => {
    const path = file('a.yaml', 'postgres:\n  url: ${PG_URL}\nredis: { url: "redis://10.0.0.5:6379" }\n');
    expect(await heraldSetting({ HERALD_CONFIG: path, PG_URL: 'postgresql://herald@db/herald' }, ['postgres', 'url'])).toBe('postgresql://herald@db/herald');
    expect(await heraldSetting({ HERALD_CONFIG: path }, ['redis', 'url'])).toBe('redis://10.0.0.5:6379');
  });

  it('is undefined without a file, a key or the referenced variable, or for a file that is not YAML (the apps name those)', async () => {
    expect(await heraldSetting({}, ['postgres', 'url'])).toBeUndefined();
    expect(await heraldSetting({ HERALD_CONFIG: join(dir, 'missing.yaml') }, ['postgres', 'url'])).toBeUndefined();
    expect(await heraldSetting({ HERALD_CONFIG: file('b.yaml', 'postgres:\n  url: ${UNSET}\n') }, ['postgres', 'url'])).toBeUndefined();
    expect(await heraldSetting({ HERALD_CONFIG: file('c.yaml', 'log: { level: info }\n') }, ['postgres', 'url'])).toBeUndefined();
    expect(await heraldSetting({ HERALD_CONFIG: file('d.yaml', 'postgres: [\n') }, ['postgres', 'url'])).toBeUndefined();
  });
});

describe("npm start's banner reads the web app's login as the app does (webLogin)", () => {
  const db = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/herald' };
  const login = { HERALD_ADMIN_USER: 'ops', HERALD_ADMIN_PASSWORD: 'a-long-password' };

  it('HERALD_WEB_PUBLIC opens the pages with any spelling the app accepts (1, yes, on, true, any case)', async () => {
    for (const value of ['1', 'yes', 'On', 'TRUE', 'true']) expect(await webLogin({ ...db, ...login, HERALD_WEB_PUBLIC: value }), value).toEqual({ user: 'ops', publicPages: true });
    for (const value of ['0', 'no', 'off', 'false', '']) expect(await webLogin({ ...db, ...login, HERALD_WEB_PUBLIC: value }), value).toEqual({ user: 'ops', publicPages: false });
    expect(await webLogin({ ...db, ...login })).toEqual({ user: 'ops', publicPages: false });
  });

  it("reads web.public and the login from HERALD_CONFIG (the variable wins), and nothing without a whole login", async () => {
    const path = file('web.yaml', 'web:\n  public: true\nadmin:\n  user: files-admin\n  password: ${ADMIN_PASSWORD}\n');
    expect(await webLogin({ ...db, HERALD_CONFIG: path, ADMIN_PASSWORD: 'from-env' })).toEqual({ user: 'files-admin', publicPages: true });
    expect(await webLogin({ ...db, HERALD_CONFIG: path, ADMIN_PASSWORD: 'from-env', HERALD_WEB_PUBLIC: 'no' })).toEqual({ user: 'files-admin', publicPages: false });
    expect(await webLogin({ ...db })).toBeUndefined();
    // An empty variable is not set: no password, no login (the configuration check refuses half a login before the banner).
    await expect(webLogin({ ...db, HERALD_ADMIN_USER: 'ops', HERALD_ADMIN_PASSWORD: '' })).rejects.toThrow(/set both HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD/);
  });
});
