import { describe, expect, it } from 'vitest';
import { defineCommand } from './command.js';
import { usage } from './usage.js';
import { info, ping, registerWallet } from './test-support.js';

describe('usage', () => {
  const seedRegister = defineCommand({
    name: 'register',
    description: 'Register a wallet.',
    permission: 'everyone',
    options: {
      wallet: { kind: 'string', description: 'w', required: true },
      chain: { kind: 'string', description: 'c', required: true },
      threshold: { kind: 'number', description: 't' },
    },
    async run() {
      return '';
    },
  });

  it('renders slash usage with name:<placeholder> and optional options in brackets', () => {
    expect(usage(seedRegister, 'slash')).toBe('/register wallet:<wallet> chain:<chain> [threshold:<number>]');
  });

  it('renders prefix usage with the configured prefix', () => {
    expect(usage(seedRegister, 'prefix')).toBe('!register <wallet> <chain> [threshold]');
    expect(usage(seedRegister, 'prefix', '$')).toBe('$register <wallet> <chain> [threshold]');
  });

  it('names each kind and the rest of the line', () => {
    expect(usage(registerWallet, 'slash')).toBe(
      '/register wallet:<wallet> chain:<chain> [threshold:<number>] [days:<integer>] [quiet:<true|false>] [owner:<@user>] [team:<@role>]',
    );
    expect(usage(info, 'prefix')).toBe('!info <name...>');
    expect(usage(ping, 'slash')).toBe('/ping');
    expect(usage(ping, 'prefix', '?')).toBe('?ping');
  });
});
