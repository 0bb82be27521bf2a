import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigErrors } from '@herald/config';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServatriceSettings } from './settings.js';

const dir = mkdtempSync(join(tmpdir(), 'herald-servatrice-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function iniFile(text: string): string {
  const path = join(dir, `s${files++}.ini`);
  writeFileSync(path, text);
  return path;
}

const webhook = 'https://discord.com/api/webhooks/111/tok-en_1';
const webhookLabel = 'DISCORD_WEBHOOK_URL or [discord] new_user_activation_webhook';

function errorsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigErrors);
    return (error as ConfigErrors).errors.map((e) => e.message);
  }
  throw new Error('expected ConfigErrors');
}

describe('loadServatriceSettings', () => {
  it('reads every [database] and [discord] value as Qt does, quoted or not', () => {
    const iniPath = iniFile(
      '[database]\ntype=mysql\nprefix="srv"\nhostname = db.local ; the replica\nport="3307"\ndatabase=cock\\x61trice\nuser="mon\\x69tor"\n' +
        'password="Pa;ss#wo=rd\\"q\'x"\n' +
        '[discord]\nnew_user_activation_webhook="https\\://discord.com/api/webhooks/111/tok-en_1?thread_id=5"\n',
    );
    const settings = loadServatriceSettings({ iniPath, env: {}, requireDatabase: true });
    expect(settings).toEqual({
      db: { host: 'db.local', port: 3307, database: 'cockatrice', user: 'monitor', password: 'Pa;ss#wo=rd"q\'x', prefix: 'srv', ssl: false },
      webhookUrl: 'https://discord.com/api/webhooks/111/tok-en_1?thread_id=5',
      webhook: { id: '111', token: 'tok-en_1', threadId: '5' },
    });
  });

  it('applies defaults for absent or empty ini keys', () => {
    const iniPath = iniFile('[database]\nhostname=\nprefix=\nuser=u\npassword=p\n[discord]\nnew_user_activation_webhook=' + webhook);
    expect(loadServatriceSettings({ iniPath, env: {}, requireDatabase: true }).db).toEqual({
      host: 'localhost', port: 3306, database: 'servatrice', user: 'u', password: 'p', prefix: 'cockatrice', ssl: false,
    });
  });

  it('lets non-empty environment variables override the ini, and takes the env webhook verbatim', () => {
    const iniPath = iniFile('[database]\nhostname=ini-host\nuser=ini-user\npassword=ini-pw\n[discord]\nnew_user_activation_webhook=' + webhook);
    const settings = loadServatriceSettings({
      iniPath,
      requireDatabase: true,
      env: {
        DB_HOST: 'env-host', DB_PORT: '3310', DB_NAME: 'envdb', DB_USER: '', DB_PASSWORD: 'env-pw',
        DB_TABLE_PREFIX: 'env_prefix', DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/222/env-token',
      },
    });
    expect(settings.db).toEqual({
      host: 'env-host', port: 3310, database: 'envdb', user: 'ini-user', password: 'env-pw', prefix: 'env_prefix', ssl: false,
    });
    expect(settings.webhook).toEqual({ id: '222', token: 'env-token' });
  });

  it('works from the environment alone', () => {
    const settings = loadServatriceSettings({ env: { DB_USER: 'u', DB_PASSWORD: 'p', DISCORD_WEBHOOK_URL: webhook }, requireDatabase: true });
    expect(settings.db.host).toBe('localhost');
    expect(settings.webhookUrl).toBe(webhook);
  });

  it('reports every missing setting at once with the seed labels', () => {
    expect(errorsOf(() => loadServatriceSettings({ env: { DB_PASSWORD: '' }, requireDatabase: true }))).toEqual([
      `${webhookLabel}: missing (or route servatrice events to a destination in HERALD_CONFIG)`,
      'DB_USER or [database] user: missing',
      'DB_PASSWORD or [database] password: missing',
    ]);
  });

  it('treats an empty ini password as missing', () => {
    const iniPath = iniFile('[database]\nuser=u\npassword=\n');
    expect(errorsOf(() => loadServatriceSettings({ iniPath, env: { DISCORD_WEBHOOK_URL: webhook }, requireDatabase: true }))).toEqual([
      'DB_PASSWORD or [database] password: missing',
    ]);
  });

  it('needs only the webhook when the database is not required (--test-webhook)', () => {
    const settings = loadServatriceSettings({ env: { DISCORD_WEBHOOK_URL: webhook }, requireDatabase: false });
    expect(settings.db.user).toBe('');
    expect(settings.webhook).toEqual({ id: '111', token: 'tok-en_1' });
  });

  it('rejects a non-http webhook and a non-webhook URL without printing the secret', () => {
    const base = { DB_USER: 'u', DB_PASSWORD: 'p' };
    const notHttp = errorsOf(() => loadServatriceSettings({ env: { ...base, DISCORD_WEBHOOK_URL: 'discord.com/api/webhooks/1/sekrit' }, requireDatabase: true }));
    expect(notHttp).toEqual([`${webhookLabel}: does not look like an http(s) URL`]);
    const notWebhook = errorsOf(() => loadServatriceSettings({ env: { ...base, DISCORD_WEBHOOK_URL: 'https://example.com/hooks/sekrit' }, requireDatabase: true }));
    expect(notWebhook).toHaveLength(1);
    expect(notWebhook[0]).toMatch(new RegExp(`^${webhookLabel.replace(/[[\]]/g, '\\$&')}: is not a Discord webhook URL`));
    expect(notWebhook.join()).not.toContain('sekrit');
  });

  it('rejects a bad port and an unsafe table prefix (both crashed or were injected in the seed)', () => {
    const env = { DB_USER: 'u', DB_PASSWORD: 'p', DISCORD_WEBHOOK_URL: webhook };
    expect(errorsOf(() => loadServatriceSettings({ env: { ...env, DB_PORT: 'abc', DB_TABLE_PREFIX: 'x` ; DROP TABLE y; --' }, requireDatabase: true }))).toEqual([
      'DB_PORT or [database] port: "abc" is not a port number (an integer from 1 to 65535)',
      'DB_TABLE_PREFIX or [database] prefix: "x` ; DROP TABLE y; --" is not a valid table prefix: it contains whitespace and punctuation or a symbol (only letters A-Z/a-z, digits and _ are allowed)',
    ]);
    for (const port of ['0', '65536', '33.5', '-1']) {
      expect(errorsOf(() => loadServatriceSettings({ env: { ...env, DB_PORT: port }, requireDatabase: true }))[0]).toMatch(/^DB_PORT or \[database\] port: /);
    }
    expect(errorsOf(() => loadServatriceSettings({ env: { ...env, DB_TABLE_PREFIX: 'p'.repeat(59) }, requireDatabase: true }))).toEqual([
      `DB_TABLE_PREFIX or [database] prefix: "${'p'.repeat(59)}" is not a valid table prefix: it is 59 characters long, so with "_users" the table name would have 65, over MariaDB's 64-character limit for a name (a prefix may have at most 58)`,
    ]);
    expect(loadServatriceSettings({ env: { ...env, DB_TABLE_PREFIX: 'p'.repeat(58) }, requireDatabase: true }).db.prefix).toBe('p'.repeat(58));
  });

  it('reports an unreadable or malformed config file under --config', () => {
    const missing = join(dir, 'nope.ini');
    expect(errorsOf(() => loadServatriceSettings({ iniPath: missing, env: {}, requireDatabase: true }))).toEqual([
      `--config: config file not found or unreadable: ${missing}`,
    ]);
    expect(errorsOf(() => loadServatriceSettings({ iniPath: dir, env: {}, requireDatabase: true }))[0]).toMatch(/^--config: config file not found/);
    const bad = iniFile('[database]\npassword="unclosed\n');
    const [message] = errorsOf(() => loadServatriceSettings({ iniPath: bad, env: {}, requireDatabase: true }));
    expect(message).toBe(
      `--config: ${bad} is not a valid ini file: line 2: [database] password opens a quote (") that is never closed; Qt would read the rest of the file into it`,
    );
  });

  it('enables TLS iff DB_SSL is 1/true/yes and reads the DB_SSL_CA file', () => {
    const env = { DB_USER: 'u', DB_PASSWORD: 'p', DISCORD_WEBHOOK_URL: webhook };
    const ca = iniFile('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(loadServatriceSettings({ env: { ...env, DB_SSL: 'YES' }, requireDatabase: true }).db.ssl).toEqual({});
    expect(loadServatriceSettings({ env: { ...env, DB_SSL: 'true', DB_SSL_CA: ca }, requireDatabase: true }).db.ssl).toEqual({
      ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    });
    expect(loadServatriceSettings({ env: { ...env, DB_SSL: 'on', DB_SSL_CA: ca }, requireDatabase: true }).db.ssl).toBe(false);
    expect(errorsOf(() => loadServatriceSettings({ env: { ...env, DB_SSL: '1', DB_SSL_CA: join(dir, 'no-ca.pem') }, requireDatabase: true }))).toEqual([
      `DB_SSL_CA: CA file not found or unreadable: ${join(dir, 'no-ca.pem')}`,
    ]);
  });

  it('refuses, by the setting as written, ini values Qt would misread, never echoing them and never also saying "missing"', () => {
    const iniPath = iniFile('[database]\nUser=mon\nPassword=hun,ter2\nhostname=db;replica\ndatabase=my\\db\n[discord]\nnew_user_activation_webhook=' + webhook + '\n');
    const messages = errorsOf(() => loadServatriceSettings({ iniPath, env: {}, requireDatabase: true }));
    expect(messages).toEqual([
      '[database] Password: an unquoted "," makes Qt read a list, not one value; quote the whole value: Password="…"',
      '[database] hostname: an unquoted ";" ends the value there (Qt reads the rest of the line as a comment); quote the whole value: hostname="…"',
      '[database] database: has a backslash before a character that is not a Qt escape, and Qt drops both; write \\\\ for a backslash',
    ]);
    expect(messages.join('\n')).not.toMatch(/hun|ter2/);
  });

  it('takes the env password verbatim, whatever Qt would make of it', () => {
    const settings = loadServatriceSettings({ env: { DB_USER: 'u', DB_PASSWORD: '"a,b\\:c"', DISCORD_WEBHOOK_URL: webhook }, requireDatabase: true });
    expect(settings.db.password).toBe('"a,b\\:c"');
  });

  it('reads the webhook as Qt does, except that "https\\://" keeps its colon; single quotes get a hint', () => {
    const read = (line: string) => loadServatriceSettings({ iniPath: iniFile(`[discord]\n${line}\n`), env: {}, requireDatabase: false });
    expect(read('new_user_activation_webhook=https\\://discord.com/api/webhooks/111/tok-en_1').webhookUrl).toBe(webhook);
    expect(read('new_user_activation_webhook="https://discord.com/api/webhooks/111/tok-en_1?thread_id=5&wait=true"').webhook).toEqual({
      id: '111', token: 'tok-en_1', threadId: '5',
    });
    expect(errorsOf(() => read(`new_user_activation_webhook='${webhook}'`))).toEqual([
      `${webhookLabel}: does not look like an http(s) URL (single quotes are part of the value in Qt's ini format; use double quotes)`,
    ]);
  });
});
