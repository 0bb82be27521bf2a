import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './index.js';

const hook = 'https://discord.com/api/webhooks/123456789012345678/abcDEF_ghi-jkl';
// The shape of a Discord bot token (not a real one): base64 id . timestamp . HMAC.
const botToken = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789';

/** Everything one logger call writes, as text (the real logger, redaction and all). */
async function logged(write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
  const chunks: string[] = [];
  const sink = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
  write(createLogger({ name: 't', destination: sink }));
  await new Promise((r) => setImmediate(r));
  return chunks.join('');
}

describe('redaction', () => {
  it('hides webhook tokens, URL passwords, Authorization credentials, bare bot tokens and e-mail addresses in text', () => {
    expect(redact(`posting to ${hook}`)).toBe('posting to https://discord.com/api/webhooks/123456789012345678/***');
    expect(redact('mysql://monitor:s3cret@db:3306/x')).toBe('mysql://monitor:***@db:3306/x');
    expect(redact('postgresql://herald:pa55word@pg:5432/herald')).toBe('postgresql://herald:***@pg:5432/herald');
    expect(redact('Authorization: Bot MTIzNDU2Nzg5.abc.def')).toBe('Authorization: Bot ***');
    expect(redact('Authorization: Basic ZGF2ZTpEQVZFUFc=')).toBe('Authorization: Basic ***');
    expect(redact(`DISCORD_BOT_TOKEN=${botToken}`)).toBe('DISCORD_BOT_TOKEN=***');
    expect(redact('new user alice@example.org')).toBe('new user [email]');
    // As Discord text escapes it: the whole address goes, not only what follows the backslash.
    expect(redact('new user player\\_8154@example.invalid')).toBe('new user [email]');
  });

  it('never writes secrets to the log stream, in messages or fields', async () => {
    const out = await logged((log) => {
      log.info({ webhookUrl: hook, password: 'pw', nested: { email: 'bob@example.org', note: `to ${hook}` } }, `sent to ${hook} for carol@example.org`);
      log.error({ err: new Error(`failed ${hook}`) }, 'boom');
    });
    expect(out).toContain('"app":"t"');
    for (const secret of ['abcDEF_ghi-jkl', 'pw"', 'bob@example.org', 'carol@example.org']) expect(out).not.toContain(secret);
  });

  it('hides a secret key whatever its spelling or case, and whatever its value is', async () => {
    const out = await logged((log) =>
      log.info({
        dbPassword: 'k1-secret',
        DB_PASSWORD: 'k2-secret',
        accessToken: 'k3-secret',
        Authorization: 'k4-secret',
        'x-api-key': 'k5-secret',
        apiKey: 'k6-secret',
        clientSecret: { value: 'k7-secret' },
        token: 123456789,
        password: ['k8-secret'],
        Cookie: 'session=k9-secret',
      }),
    );
    for (let i = 1; i <= 9; i++) expect(out).not.toContain(`k${i}-secret`);
    expect(out).not.toContain('123456789');
    expect(out).toContain('"dbPassword":"***"');
    expect(out).toContain('"DB_PASSWORD":"***"');
  });

  it('redacts at any depth, through arrays, errors and their properties, and survives cycles', async () => {
    let deep: Record<string, unknown> = { password: 'deep-secret', note: `mail dave@example.org` };
    for (let i = 0; i < 30; i++) deep = { level: deep };
    const error = Object.assign(new Error('query failed'), { config: { headers: { authorization: 'Bearer abcdefghijklmnop' } }, dsn: 'postgres://u:errpw@h/db' });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = await logged((log) => {
      log.info({ deep, list: [{ secret: 'in-array-secret' }, `to ${hook}`], cyclic }, 'nested');
      log.error({ err: error }, 'failed');
    });
    for (const secret of ['deep-secret', 'dave@example.org', 'in-array-secret', 'abcDEF_ghi-jkl', 'abcdefghijklmnop', 'errpw']) expect(out).not.toContain(secret);
    expect(out).toContain('[circular]');
    expect(out).toContain('query failed');
  });

  it("logs an error's cause and an AggregateError's errors (not enumerable), redacted", async () => {
    const root = new Error('connect ECONNREFUSED postgres://u:causepw@db/herald');
    const wrapped = new Error('poll failed', { cause: root });
    const many = new AggregateError([new Error('first reason'), new Error('second reason')], 'all failed');
    const out = await logged((log) => {
      log.error({ err: wrapped }, 'wrapped');
      log.error({ err: many }, 'many');
    });
    expect(out).toContain('connect ECONNREFUSED');
    expect(out).toContain('first reason');
    expect(out).toContain('second reason');
    expect(out).not.toContain('causepw');
  });

  it('hides a bare bot token and a DSN password in a message', async () => {
    const out = await logged((log) => log.warn(`login failed with ${botToken} against postgresql://herald:msgpw@pg/herald`));
    expect(out).not.toContain(botToken);
    expect(out).not.toContain('msgpw');
  });
});
