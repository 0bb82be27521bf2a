import { describe, expect, expectTypeOf, it } from 'vitest';
import { commandsFor, defineCommand, type Command, type CommandContext } from './command.js';
import type { AutocompleteContext } from './options.js';
import { CommandRegistry } from './registry.js';
import { help } from './commands/help.js';
import { version } from './commands/version.js';
import { status } from './commands/status.js';

describe('defineCommand', () => {
  it('types options from the definition: required → T, optional → T | undefined, choices → their values', () => {
    defineCommand({
      name: 'typed',
      description: 'Typed options.',
      permission: 'everyone',
      options: {
        wallet: { kind: 'string', description: 'w', required: true },
        count: { kind: 'integer', description: 'c' },
        ratio: { kind: 'number', description: 'r', required: true },
        flag: { kind: 'boolean', description: 'f' },
        who: { kind: 'user', description: 'u', required: true },
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
        return 'ok';
      },
    });
  });

  it('infers the deps type from the annotated context, and commandsFor fixes it once', () => {
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
  });

  it('types autocomplete handlers and registry-computed choices without annotations', () => {
    interface AppDeps {
      names(): string[];
    }
    commandsFor<AppDeps>()({
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
            return ctx.deps.names().map((n) => ({ name: n, value: n }));
          },
        },
        other: { kind: 'string', description: 'o', choices: (catalog) => catalog.commands.map((c) => ({ name: c.name, value: c.name })) },
      },
      async run(_ctx, { name, other }) {
        expectTypeOf(name).toEqualTypeOf<string>();
        expectTypeOf(other).toEqualTypeOf<string | undefined>();
        return name;
      },
    });
    defineCommand({
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
        return String(ctx.deps.names().length);
      },
    });
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
