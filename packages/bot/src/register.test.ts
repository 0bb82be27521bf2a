import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, Routes } from 'discord-api-types/v10';
import { defineCommand } from './command.js';
import { commandPayloads, registerCommands, type RestLike } from './register.js';
import { CommandRegistry } from './registry.js';
import { help } from './commands/help.js';
import { status } from './commands/status.js';
import { version } from './commands/version.js';
import { info, ping, registerWallet } from './test-support.js';

const lookup = defineCommand({
  name: 'lookup',
  description: 'Autocompleted lookup.',
  permission: 'everyone',
  options: { name: { kind: 'string', description: 'Name', required: true, autocomplete: async () => [] } },
  async run() {
    return '';
  },
});
const registry = new CommandRegistry<never>([help, version, status, ping, registerWallet, info, lookup]);

describe('commandPayloads', () => {
  const payloads = commandPayloads(registry);

  it('follows Discord rules for every command and option', () => {
    for (const payload of payloads) {
      expect(payload.type).toBe(ApplicationCommandType.ChatInput);
      expect(payload.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(payload.description?.length).toBeGreaterThan(0);
      expect(payload.description!.length).toBeLessThanOrEqual(100);
      const options = payload.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      const firstOptional = options.findIndex((o) => !o.required);
      if (firstOptional >= 0) expect(options.slice(firstOptional).every((o) => !o.required)).toBe(true);
      for (const option of options) {
        expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
        const choices = 'choices' in option ? option.choices : undefined;
        if (choices) expect(choices.length).toBeLessThanOrEqual(25);
        if ('autocomplete' in option && option.autocomplete) expect(choices).toBeUndefined();
      }
    }
  });

  it('maps each kind to its Discord option type with its limits', () => {
    const register = payloads.find((p) => p.name === 'register')!;
    expect(register.options).toEqual([
      { name: 'wallet', description: 'The wallet address', required: true, type: ApplicationCommandOptionType.String, max_length: 90 },
      {
        name: 'chain',
        description: 'The chain id',
        required: true,
        type: ApplicationCommandOptionType.String,
        choices: [
          { name: 'Cosmos Hub', value: 'cosmoshub-4' },
          { name: 'Osmosis', value: 'osmosis-1' },
        ],
      },
      { name: 'threshold', description: 'Alert below this balance', required: false, type: ApplicationCommandOptionType.Number, min_value: 0 },
      { name: 'days', description: 'Reminder interval in days', required: false, type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 30 },
      { name: 'quiet', description: 'No reminders', required: false, type: ApplicationCommandOptionType.Boolean },
      { name: 'owner', description: 'Who to notify', required: false, type: ApplicationCommandOptionType.User },
      { name: 'team', description: 'Role to notify', required: false, type: ApplicationCommandOptionType.Role },
    ]);
    expect(payloads.find((p) => p.name === 'lookup')!.options![0]).toMatchObject({ autocomplete: true });
  });

  it("lists the registry's command names as help's choices", () => {
    const option = payloads.find((p) => p.name === 'help')!.options![0]!;
    expect('choices' in option && option.choices?.map((c) => c.value)).toEqual(['help', 'version', 'status', 'ping', 'register', 'info', 'lookup']);
  });

  it('restricts global commands to guilds', () => {
    expect(payloads[0]).not.toHaveProperty('contexts');
    expect(commandPayloads(registry, { scope: 'global' })[0]).toMatchObject({ contexts: [InteractionContextType.Guild] });
  });
});

describe('registerCommands', () => {
  function recordingRest() {
    const calls: Array<{ method: string; route: string; body?: unknown }> = [];
    const rest: RestLike = {
      async get(route) {
        calls.push({ method: 'GET', route });
        return { id: '555000000000000001' };
      },
      async put(route, { body }) {
        calls.push({ method: 'PUT', route, body });
        return body;
      },
    };
    return { rest, calls };
  }

  it('puts guild commands when a guild id is given', async () => {
    const { rest, calls } = recordingRest();
    const result = await registerCommands({ rest, registry, applicationId: '42', guildId: '7' });
    expect(result).toEqual({ scope: 'guild', count: 7, applicationId: '42' });
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([`PUT ${Routes.applicationGuildCommands('42', '7')}`]);
  });

  it('puts global commands otherwise, reading the application id from /applications/@me', async () => {
    const { rest, calls } = recordingRest();
    const result = await registerCommands({ rest, registry });
    expect(result).toEqual({ scope: 'global', count: 7, applicationId: '555000000000000001' });
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([`GET ${Routes.currentApplication()}`, `PUT ${Routes.applicationCommands('555000000000000001')}`]);
  });
});
