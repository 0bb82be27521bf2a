import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './index.js';

const hook = 'https://discord.com/api/webhooks/123456789012345678/abcDEF_ghi-jkl';

describe('redaction', () => {
  it('hides webhook tokens, URL passwords, bot tokens and e-mail addresses', () => {
    expect(redact(`posting to ${hook}`)).toBe('posting to https://discord.com/api/webhooks/123456789012345678/***');
    expect(redact('mysql://monitor:s3cret@db:3306/x')).toBe('mysql://monitor:***@db:3306/x');
    expect(redact('Authorization: Bot MTIzNDU2Nzg5.abc.def')).toBe('Authorization: Bot ***');
    expect(redact('new user alice@example.org')).toBe('new user [email]');
  });

  it('never writes secrets to the log stream, in messages or fields', async () => {
    const chunks: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
    const log = createLogger({ name: 't', destination: sink });
    log.info({ webhookUrl: hook, password: 'pw', nested: { email: 'bob@example.org', note: `to ${hook}` } }, `sent to ${hook} for carol@example.org`);
    log.error({ err: new Error(`failed ${hook}`) }, 'boom');
    await new Promise((r) => setImmediate(r));
    const out = chunks.join('');
    expect(out).toContain('"app":"t"');
    for (const secret of ['abcDEF_ghi-jkl', 'pw"', 'bob@example.org', 'carol@example.org']) expect(out).not.toContain(secret);
  });
});
