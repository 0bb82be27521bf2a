import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogFormat } from './index.js';

/** The text one log call produces through the real logger in `format`, once its line has arrived. */
function written(format: LogFormat | undefined, write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        if (text.includes('\n')) resolve(text);
        done();
      },
    });
    write(createLogger({ name: 'web', destination: sink, ...(format && { format }) }));
  });
}

const hook = 'https://discord.com/api/webhooks/123456789012345678/abcDEF_ghi-jkl';

describe('log format', () => {
  it('writes pretty, human-readable lines (no JSON braces around the message) with secrets still redacted', async () => {
    const out = await written('pretty', (log) => log.warn({ dbPassword: 'hunter2-secret', accessToken: 31337, url: 'postgresql://herald:pa55word@pg/herald' }, `posting to ${hook}`));
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: posting to https:\/\/discord\.com\/api\/webhooks\/123456789012345678\/\*\*\* /);
    expect(out).toContain('"dbPassword":"***"');
    for (const secret of ['hunter2-secret', 'abcDEF_ghi-jkl', 'pa55word', '31337']) expect(out).not.toContain(secret);
  });

  it('writes one JSON object a line when asked, and by default to a stream that is not a terminal', async () => {
    for (const format of ['json', 'auto', undefined] as const) {
      const out = await written(format, (log) => log.info({ password: 'pw-secret' }, 'hello'));
      expect(JSON.parse(out)).toMatchObject({ level: 30, app: 'web', msg: 'hello', password: '***' });
    }
  });
});
