import { describe, expect, it } from 'vitest';
import { CommandRegistry } from '../registry.js';
import { commandContext, MODERATOR_ROLE_ID, ping, registerWallet, secret, separator } from '../test-support.js';
import { help } from './help.js';
import { version } from './version.js';

const registry = new CommandRegistry<never>([help, version, ping, registerWallet, secret]);
const run = (options: { command: string | undefined }, overrides: Parameters<typeof commandContext>[2] = {}) =>
  help.run(commandContext(undefined as never, registry, overrides), options);

describe('help', () => {
  it('lists the commands a member may use, with slash usage', async () => {
    const text = await run({ command: undefined });
    expect(text).toEqual([
      [
        '**Commands**',
        '`/help [command:<command>]` — Lists the commands you can use, or explains one command.',
        '`/version` — Shows the Herald and Node.js versions.',
        '`/ping` — Answers pong.',
        '`/register wallet:<wallet> chain:<chain> [threshold:<number>] [days:<integer>] [quiet:<true|false>] [owner:<@user>] [team:<@role>]` — Register a wallet for balance alerts.',
        'Type `/help command:<command>` for details.',
      ].join('\n'),
    ]);
  });

  it('includes privileged commands for privileged callers, in the prefix style of the invocation', async () => {
    const text = ((await run({ command: undefined }, { via: 'prefix', prefix: '$', privileged: true })) as string[]).join('\n');
    expect(text).toContain('`$secret` — A privileged command.');
    expect(text).toContain('`$register <wallet> <chain> [threshold] [days] [quiet] [owner] [team]`');
    expect(text).toContain('Type `$help <command>` for details.');
  });

  it('explains one command: usage, options and who may use it', async () => {
    expect(await run({ command: 'register' }, { via: 'prefix' })).toBe(
      [
        '**!register** — Register a wallet for balance alerts.',
        'Usage: `!register <wallet> <chain> [threshold] [days] [quiet] [owner] [team]`',
        'Options:',
        '• `wallet` (required, text, up to 90 characters): The wallet address',
        '• `chain` (required, text, one of `cosmoshub-4`, `osmosis-1`): The chain id',
        '• `threshold` (optional, number, at least 0): Alert below this balance',
        '• `days` (optional, whole number, from 1 to 30): Reminder interval in days',
        '• `quiet` (optional, true or false): No reminders',
        '• `owner` (optional, user mention or id): Who to notify',
        '• `team` (optional, role mention or id): Role to notify',
        'Who can use it: everyone.',
      ].join('\n'),
    );
    expect(await run({ command: 'secret' })).toContain(`Who can use it: the server's owner and members with <@&${MODERATOR_ROLE_ID}>.`);
    expect(await run({ command: 'secret' }, { privilegedRoleId: undefined })).toContain("Who can use it: the server's owner.");
  });

  it('accepts the name with its prefix and answers unknown names with a suggestion', async () => {
    expect(await run({ command: '!ping' }, { via: 'prefix' })).toMatch(/^\*\*!ping\*\*/);
    expect(await run({ command: '/ping' })).toMatch(/^\*\*\/ping\*\*/);
    expect(await run({ command: 'regster' }, { via: 'prefix' })).toBe('Unknown command `regster`. Did you mean `!register`? Type `!help` for the list.');
    expect(await run({ command: 'zzz' })).toBe('Unknown command `zzz`. Type `/help` for the list.');
  });

  it('offers the command names as slash choices', () => {
    expect(registry.choices('help', 'command')?.map((c) => c.value)).toEqual(['help', 'version', 'ping', 'register', 'secret']);
  });

  it('lists and explains prefix aliases in prefix style only (slash commands have no aliases)', async () => {
    const withAliases = new CommandRegistry<never>([help, ping, separator]);
    const ask = (command: string | undefined, via: 'slash' | 'prefix') =>
      help.run(commandContext(undefined as never, withAliases, { via }), { command }).then(String);
    expect(await ask(undefined, 'prefix')).toContain('`!separator` (also `!sep`, `!=`) — Posts a separator line.');
    expect(await ask(undefined, 'slash')).toContain('`/separator` — Posts a separator line.');
    // Asking by an alias explains the command under its name.
    for (const typed of ['sep', '!sep', '=']) {
      expect(await ask(typed, 'prefix')).toBe(
        ['**!separator** — Posts a separator line.', 'Usage: `!separator`', 'Also typed as: `!sep`, `!=`', 'Who can use it: everyone.'].join('\n'),
      );
    }
    expect(await ask('separator', 'slash')).not.toContain('Also typed as');
  });

  it('lists every command, in as many messages of at most 2000 characters as they take', async () => {
    const many = Array.from({ length: 24 }, (_, i) => ({ ...ping, name: `command-${i}`, description: 'd'.repeat(100) }));
    const big = new CommandRegistry<never>([help, ...many]);
    const messages = (await help.run(commandContext(undefined as never, big), { command: undefined })) as string[];
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(2000);
    const text = messages.join('\n');
    for (let i = 0; i < 24; i++) expect(text).toContain(`\`/command-${i}\``);
    expect(text).not.toContain('more');
    expect(messages.at(-1)).toMatch(/Type `\/help command:<command>` for details\.$/);
  });
});
