import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadHeraldSettings } from './herald-file.js';
import { botSection } from './discord.js';
import { parseConfig } from './load.js';
import { logSection } from './blocks.js';
import { z } from 'zod';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string): string {
  const path = join(dir, 'herald.yaml');
  writeFileSync(path, text);
  return path;
}

describe('HERALD_CONFIG file', () => {
  it('reads ${NAME} values from the environment, so secrets can stay out of the file', () => {
    const path = file('destinations:\n  signups:\n    webhook: ${SIGNUPS_WEBHOOK}\nroutes:\n  - events: "*"\n    to: [signups]\n');
    const settings = loadHeraldSettings({ HERALD_CONFIG: path, SIGNUPS_WEBHOOK: 'https://discord.com/api/webhooks/1/t' });
    expect(settings).toMatchObject({ destinations: { signups: { webhook: 'https://discord.com/api/webhooks/1/t' } }, routes: [{ events: '*', to: ['signups'] }] });
  });

  it('names the key and the variable when a referenced variable is not set, without printing other values', () => {
    const path = file('destinations:\n  signups:\n    webhook: ${SIGNUPS_WEBHOOK}\n');
    expect(() => loadHeraldSettings({ HERALD_CONFIG: path })).toThrow('destinations.signups.webhook: refers to the environment variable SIGNUPS_WEBHOOK, which is not set');
  });

  it('names the environment variable, not the settings key, when a bad value came from the environment', () => {
    const schema = logSection;
    const fromEnv = loadHeraldSettings({ LOG_LEVEL: 'nope' });
    expect(() => parseConfig(z.object({ log: schema }), fromEnv)).toThrow(/^LOG_LEVEL: /);
    // The same bad value written in the file is named by its key in the file.
    const fromFile = loadHeraldSettings({ HERALD_CONFIG: file('log:\n  level: nope\n') });
    expect(() => parseConfig(z.object({ log: schema }), fromFile)).toThrow(/^log\.level: /);
  });

  it('refuses unknown sections by name', () => {
    expect(() => loadHeraldSettings({ HERALD_CONFIG: file('route: []\n') })).toThrow(/^route: unknown section/);
  });

  it('bot settings: prefix default !, message content off by default, ids must be quoted strings', () => {
    expect(parseConfig(botSection, {})).toEqual({ prefix: '!', messageContent: false });
    expect(() => parseConfig(botSection, { prefix: 'a b' }, 'discord.bot')).toThrow(/discord\.bot\.prefix: may not contain spaces/);
    expect(() => parseConfig(botSection, { guildId: 123456789012345680 }, 'discord.bot')).toThrow(/discord\.bot\.guildId: put Discord ids in quotes/);
    expect(parseConfig(botSection, { guildId: '123456789012345678', messageContent: 'true' })).toMatchObject({ guildId: '123456789012345678', messageContent: true });
  });
});
