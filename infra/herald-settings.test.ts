import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heraldSetting } from '../scripts/lib/herald-settings.mjs';

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
