import { describe, expect, expectTypeOf, it } from 'vitest';
import { commandsFor, defineCommand, type Command, type CommandContext } from './command.js';
import type { AutocompleteContext } from './options.js';
import { createPrefixParser } from './prefix.js';
import { CommandRegistry } from './registry.js';
import { CHANNEL_ID, commandContext, GUILD_ID, MEMBER_ID, MODERATOR_ROLE_ID } from './test-support.js';
import { help } from './commands/help.js';
import { version } from './commands/version.js';
import { status } from './commands/status.js';

// The expectTypeOf lines are checked by the compiler, not at run time: `npm test` type-checks the tests
// (`turbo run typecheck` runs `tsc -p tsconfig.json`, whose `src` includes them), so a wrong type fails
// there. Each test also runs the command, so what the types promise is checked against what it receives.
describe('defineCommand', () => {
  it('types options from the definition: required → T, optional → T | undefined, choices → their values', async () => {
    const received: unknown[] = [];
    const typed = defineCommand({
      name: 'typed',
      description: 'Typed options.',
      permission: 'everyone',
      options: {
        wallet: { kind: 'string', description: 'w', required: true },
        ratio: { kind: 'number', description: 'r', required: true },
        who: { kind: 'user', description: 'u', required: true },
        count: { kind: 'integer', description: 'c' },
        flag: { kind: 'boolean', description: 'f' },
        team: { kind: 'role', description: 'r' },
        size: { kind: 'string', description: 's', choices: [{ name: 'Small', value: 's' }, { name: 'Large', value: 'l' }] },
      },
      async run(_ctx, options) {
        expectTypeOf(options.wallet).toEqualTypeOf<string>();
        expectTypeOf(options.count).toEqualTypeOf<number | undefined>();
        expectTypeOf(options.ratio).toEqualTypeOf<number>();
        expectTypeOf(options.flag).toEqualTypeOf<boolean | undefined>();
        expectTypeOf(options.who).toEqualTypeOf<string>();
        expectTypeOf(options.team).toEqualTypeOf<string | undefined>();
        expectTypeOf(options.size).toEqualTypeOf<'s' | 'l' | undefined>();
        received.push(options);
        return 'ok';
      },
    });
    const registry = new CommandRegistry([typed]);
    const parser = createPrefixParser(registry);
    const runLine = async (line: string) => {
      const parsed = parser.parse(line);
      if (parsed.kind !== 'ok') throw new Error(`${line}: ${parsed.kind} ${'error' in parsed ? parsed.error : ''}`);
      await expect(parsed.command.run(commandContext({}, registry), parsed.options)).resolves.toBe('ok');
    };

    await runLine(`!typed 0xabc 1.5 <@${MEMBER_ID}> 3 yes <@&${MODERATOR_ROLE_ID}> l`);
    await runLine(`!typed 0xabc -2 ${MEMBER_ID}`);
    expect(received).toEqual([
      { wallet: '0xabc', ratio: 1.5, who: MEMBER_ID, count: 3, flag: true, team: MODERATOR_ROLE_ID, size: 'l' },
      { wallet: '0xabc', ratio: -2, who: MEMBER_ID, count: undefined, flag: undefined, team: undefined, size: undefined },
    ]);
    // A value outside the choices never reaches run.
    expect(parser.parse(`!typed 0xabc 1 ${MEMBER_ID} 1 no ${MODERATOR_ROLE_ID} medium`)).toMatchObject({ kind: 'invalid' });
    expect(received).toHaveLength(2);
  });

  it('infers the deps type from the annotated context, and commandsFor fixes it once', async () => {
    interface AppDeps {
      count(): number;
    }
    const viaAnnotation = defineCommand({
      name: 'a',
      description: 'A.',
      permission: 'everyone',
      async run(ctx: CommandContext<AppDeps>) {
        return String(ctx.deps.count());
      },
    });
    expectTypeOf(viaAnnotation).toEqualTypeOf<Command<AppDeps>>();
    const define = commandsFor<AppDeps>();
    const viaFactory = define({
      name: 'b',
      description: 'B.',
      permission: 'everyone',
      options: { n: { kind: 'integer', description: 'n', required: true } },
      async run(ctx, { n }) {
        expectTypeOf(n).toEqualTypeOf<number>();
        return String(ctx.deps.count() + n);
      },
    });
    expectTypeOf(viaFactory).toEqualTypeOf<Command<AppDeps>>();

    // Both run with the deps they were given, and the integer arrives as a number (4 + 3, not "43").
    const registry = new CommandRegistry<AppDeps>([viaAnnotation, viaFactory]);
    const ctx = commandContext<AppDeps>({ count: () => 4 }, registry);
    await expect(viaAnnotation.run(ctx, {})).resolves.toBe('4');
    const parsed = createPrefixParser(registry).parse('!b 3');
    expect(parsed.kind).toBe('ok');
    if (parsed.kind === 'ok') await expect(parsed.command.run(ctx, parsed.options)).resolves.toBe('7');
  });

  it('types autocomplete handlers and registry-computed choices without annotations', async () => {
    interface AppDeps {
      names(): string[];
    }
    const pick = commandsFor<AppDeps>()({
      name: 'pick',
      description: 'Pick.',
      permission: 'everyone',
      options: {
        name: {
          kind: 'string',
          description: 'n',
          required: true,
          async autocomplete(ctx, partial) {
            expectTypeOf(ctx.deps).toEqualTypeOf<AppDeps>();
            expectTypeOf(partial).toEqualTypeOf<string>();
            return ctx.deps.names().filter((n) => n.startsWith(partial)).map((n) => ({ name: n, value: n }));
          },
        },
        other: { kind: 'string', description: 'o', choices: (catalog) => catalog.commands.map((c) => ({ name: c.name, value: c.name })) },
      },
      async run(_ctx, { name, other }) {
        expectTypeOf(name).toEqualTypeOf<string>();
        expectTypeOf(other).toEqualTypeOf<string | undefined>();
        return `${name}/${other ?? '-'}`;
      },
    });
    const pick2 = defineCommand({
      name: 'pick2',
      description: 'Pick.',
      permission: 'everyone',
      options: {
        n: {
          kind: 'integer',
          description: 'n',
          // Without commandsFor, annotate the handler's context (deps are inferred from `run` too late for it).
          async autocomplete(ctx: AutocompleteContext<AppDeps>, partial) {
            expectTypeOf(partial).toEqualTypeOf<string>();
            return [{ name: partial, value: ctx.deps.names().length }];
          },
        },
      },
      async run(ctx: CommandContext<AppDeps>, { n }) {
        expectTypeOf(n).toEqualTypeOf<number | undefined>();
        return `${ctx.deps.names().length}/${n ?? '-'}`;
      },
    });

    const deps: AppDeps = { names: () => ['alice', 'albert', 'bob'] };
    const where = { deps, userId: MEMBER_ID, guildId: GUILD_ID, channelId: CHANNEL_ID };
    const nameOption = pick.options.name;
    const nOption = pick2.options.n;
    if (nameOption?.kind !== 'string' || nOption?.kind !== 'integer') throw new Error('options lost their kinds');
    await expect(nameOption.autocomplete?.(where, 'al')).resolves.toEqual([
      { name: 'alice', value: 'alice' },
      { name: 'albert', value: 'albert' },
    ]);
    await expect(nOption.autocomplete?.(where, '9')).resolves.toEqual([{ name: '9', value: 3 }]);

    // The registry computes `other`'s choices from its own commands.
    const registry = new CommandRegistry<AppDeps>([pick, pick2]);
    expect(registry.choices('pick', 'other')).toEqual([
      { name: 'pick', value: 'pick' },
      { name: 'pick2', value: 'pick2' },
    ]);
    const ctx = commandContext(deps, registry);
    await expect(pick.run(ctx, { name: 'bob' })).resolves.toBe('bob/-');
    await expect(pick2.run(ctx, { n: 2 })).resolves.toBe('3/2');
  });

  it('lets commands with smaller deps join a registry of the app deps', () => {
    type AppDeps = { version: string; status(): Promise<never> };
    const registry = new CommandRegistry<AppDeps>([help, version, status]);
    expect(registry.commands.map((c) => c.name)).toEqual(['help', 'version', 'status']);
    // @ts-expect-error a registry whose deps lack `status` cannot hold the status command
    new CommandRegistry<{ version: string }>([version, status]);
  });

  it('fills defaults and passes converted options through', async () => {
    const echo = defineCommand({
      name: 'echo',
      description: 'Echo.',
      permission: 'everyone',
      options: { text: { kind: 'string', description: 't', required: true } },
      async run(_ctx, { text }) {
        return text;
      },
    });
    expect(echo).toMatchObject({ slow: false, ephemeral: false, permission: 'everyone' });
    await expect(echo.run({} as CommandContext<unknown>, { text: 'hi' })).resolves.toBe('hi');
  });
});
