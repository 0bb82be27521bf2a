import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { createAccountReader } from '@herald/servatrice';
import { createServatriceDatabase, mariadbAdmin, servatriceSchemaPath, uniqueName } from '@herald/testkit';
import { describe, expect, it } from 'vitest';
import { dependenciesOf, environmentOf, interpolatedEnvironment, loadCompose, readDotenv, repoPath } from './compose-file.js';
import { apps, type PollerConfig } from './herald-apps.js';

const { services } = loadCompose();
const mariadb = services.mariadb!;
const poller = services['servatrice-poller']!;
const initDir = '/docker-entrypoint-initdb.d/';
const monitorSql = readFileSync(repoPath('infra/servatrice-demo-monitor.sql'), 'utf8');
const signupSql = readFileSync(repoPath('infra/servatrice-demo-signup.sql'), 'utf8');

/** Init files mounted into MariaDB's entrypoint, in the order it runs them (by file name). */
const initFiles = (mariadb.volumes ?? [])
  .filter((v): v is string => typeof v === 'string' && v.includes(initDir))
  .map((v) => {
    const [source, target] = v.split(':') as [string, string];
    return { source: posix.normalize(source), name: target.slice(initDir.length) };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

/** The statements of a small SQL file (no ; inside literals), as the mariadb client would send them. */
const statements = (sql: string) =>
  sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);

const monitorAccount = /CREATE USER IF NOT EXISTS '([^']+)'@'%' IDENTIFIED BY '([^']+)'/.exec(monitorSql);

/** The poller's settings with the demo ini, as compose passes them (plus a webhook, which the demo requires). */
function demoPollerConfig(overrides: Record<string, string> = {}): PollerConfig {
  const vars = { ...readDotenv(repoPath('infra/.env.example')), SERVATRICE_INI: './infra/servatrice-demo.ini' };
  const env = { ...interpolatedEnvironment(poller, vars), CONFIG_FILE: repoPath('infra/servatrice-demo.ini'), HERALD_CONFIG: repoPath('infra/herald.yaml'), ...overrides };
  return apps['servatrice-poller']!.load(env) as PollerConfig;
}
const webhook = { DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/123456789012345678/demo-test-token' };

describe('docker-compose.yml: servatrice-demo profile', () => {
  it('is opt-in: only the demo MariaDB is in this profile, and the poller waits for it only when it runs', () => {
    const profiled = Object.entries(services).filter(([, s]) => s.profiles?.includes('servatrice-demo')).map(([name, s]) => [name, s.profiles]);
    expect(profiled).toEqual([['mariadb', ['servatrice-demo']]]);
    expect(dependenciesOf(poller).mariadb).toEqual({ condition: 'service_healthy', required: false });
  });

  it("seeds MariaDB 10.11 with Servatrice's real schema file, then the monitor user", () => {
    expect(mariadb.image).toBe('mariadb:10.11');
    expect(environmentOf(mariadb).MARIADB_DATABASE).toBe('servatrice');
    expect(initFiles.map((f) => f.source)).toEqual(['packages/testkit/fixtures/servatrice.sql', 'infra/servatrice-demo-monitor.sql']);
    expect(repoPath(initFiles[0]!.source)).toBe(servatriceSchemaPath);
    expect(initFiles.every((f) => f.name.endsWith('.sql'))).toBe(true);
  });

  it("grants the monitor user exactly the seed README's five columns", () => {
    expect(monitorSql).toContain(
      "GRANT SELECT (id, name, realname, email, registrationDate) ON servatrice.cockatrice_users TO 'account_monitor'@'%'",
    );
    expect(monitorAccount?.[1]).toBe('account_monitor');
  });

  it('infra/servatrice-demo.ini points the poller at that service, database and user', () => {
    const { db } = demoPollerConfig(webhook).servatrice;
    expect(services[db.host], `hostname ${db.host} is a compose service`).toBe(mariadb);
    expect(db).toMatchObject({ port: 3306, database: 'servatrice', prefix: 'cockatrice', user: monitorAccount![1], password: monitorAccount![2] });
  });

  it('without DISCORD_WEBHOOK_URL the demo poller refuses to start and says which setting is missing', () => {
    expect(() => demoPollerConfig()).toThrow(/DISCORD_WEBHOOK_URL/);
  });

  it('seeded this way, the poller reads sign-ups made by servatrice-demo-signup.sql as the monitor user', async () => {
    // The real schema, loaded by testkit from the same file the profile mounts.
    const servatrice = await createServatriceDatabase();
    const monitorUser = uniqueName('mon').slice(0, 32);
    try {
      // The init SQL, aimed at this test's database and a unique user instead of the shared names.
      for (const statement of statements(monitorSql)) {
        await servatrice.admin.query(statement.replaceAll('servatrice.', `\`${servatrice.name}\`.`).replaceAll("'account_monitor'", `'${monitorUser}'`));
      }
      const [grants] = await servatrice.admin.query(`SHOW GRANTS FOR '${monitorUser}'@'%'`);
      const grantLines = (grants as Record<string, string>[]).map((row) => Object.values(row)[0]!);
      const privileges = grantLines.filter((line) => !line.startsWith('GRANT USAGE'));
      expect(privileges).toHaveLength(1);
      const grant = /^GRANT SELECT \(([^)]*)\) ON `([^`]+)`\.`([^`]+)` TO /.exec(privileges[0]!);
      expect(grant?.slice(2)).toEqual([servatrice.name, 'cockatrice_users']);
      expect(grant![1]!.replaceAll('`', '').split(', ').sort()).toEqual(['email', 'id', 'name', 'realname', 'registrationDate']);

      // Run twice under the server's default (strict) SQL mode, as `mariadb < file` in the container does.
      await servatrice.admin.query('SET SESSION sql_mode = DEFAULT');
      for (let i = 0; i < 2; i++) for (const statement of statements(signupSql)) await servatrice.admin.query(statement);

      const { db } = demoPollerConfig({ ...webhook, DB_HOST: mariadbAdmin.host, DB_PORT: String(mariadbAdmin.port), DB_NAME: servatrice.name, DB_USER: monitorUser }).servatrice;
      const reader = createAccountReader(db);
      try {
        const { rows, maxId } = await reader.readAfter(0, 10);
        expect(rows).toHaveLength(2);
        expect(maxId).toBe(rows[1]!.id);
        for (const row of rows) {
          expect(row.name).toMatch(/^player_\d{9}$/);
          expect(row).toMatchObject({ realName: 'Demo Player', email: `${row.name}@example.com` });
          expect(row.registrationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
        }
      } finally {
        await reader.close();
      }
    } finally {
      await servatrice.admin.query(`DROP USER IF EXISTS '${monitorUser}'@'%'`);
      await servatrice.drop();
    }
  });
});
