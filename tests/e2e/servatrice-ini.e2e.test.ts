import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createStack, runApp, type Stack } from './harness.js';

let stack: Stack;
afterEach(async () => {
  await stack?.close();
});

// The password from the fault report: `;` would end an unquoted value, `#` and `=` are plain,
// `"` must be escaped inside quotes and `'` is plain. Qt writes it as "Pa;ss#wo=rd\"q'x".
const password = `Pa;ss#wo=rd"q'x`;

/** `value` as QSettings writes it (iniEscapedString): escape `\` and `"`, quote if it holds ; , = or edge spaces. */
function qtQuoted(value: string): string {
  const escaped = value.replace(/[\\"]/g, '\\$&');
  return /[;,=]|^ | $/.test(value) ? `"${escaped}"` : escaped;
}

describe('Servatrice monitor reads a Qt-quoted servatrice.ini (apps as processes, real MariaDB user)', () => {
  it('connects with a password that only works once Qt quoting is undone, and posts a new account', async () => {
    stack = await createStack();
    const monitor = await stack.servatrice.createReadOnlyUser({ password });
    const { servatrice, webhook } = stack;
    writeFileSync(
      stack.iniPath,
      [
        '; Hand-written the way Qt quotes values: every value quoted, one with a trailing comment.',
        '[database]',
        `hostname="${servatrice.host}" ; the test MariaDB`,
        `port="${servatrice.port}"`,
        `database="${servatrice.name}"`,
        `user="${monitor.user}"`,
        `password=${qtQuoted(password)}`,
        `prefix="${servatrice.prefix}"`,
        '',
        '[discord]',
        `new_user_activation_webhook="${webhook.url.replace('https://', 'https\\://')}"`,
        '',
      ].join('\n'),
    );
    expect(qtQuoted(password)).toBe(`"Pa;ss#wo=rd\\"q'x"`);

    const poller = stack.start('servatrice-poller');
    const notifier = stack.start('notifier');
    await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);
    await stack.register('quotedalice');
    const [message] = await stack.discord.waitForMessages(1, { timeoutMs: 10_000 });
    const fields = (message!.embeds as Array<{ fields: Array<{ name: string; value: string }> }>)[0]!.fields;
    expect(fields.find((f) => f.name === 'Username')?.value).toBe('quotedalice');
    for (const app of [poller, notifier]) expect(app.text).not.toContain(password);
  });

  it('refuses an unquoted comma in the password at start (exit 2), naming the setting and not the password', async () => {
    stack = await createStack();
    writeFileSync(stack.iniPath, `[database]\nuser=${stack.monitor.user}\npassword=hun,ter2\n[discord]\nnew_user_activation_webhook=${stack.webhook.url}\n`);
    const { code, output } = await runApp('servatrice-poller', [], stack.env);
    expect(code).toBe(2);
    expect(output).toContain('config error: [database] password: an unquoted "," makes Qt read a list, not one value; quote the whole value: password="…"');
    expect(output).not.toMatch(/hun|ter2/);
  });
});
