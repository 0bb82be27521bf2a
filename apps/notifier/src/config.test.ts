import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@herald/config';
import { loadConfig, notifierUsage, parseNotifierCommandLine } from './config.js';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/abcd' };

describe('notifier config: the invalid request budget', () => {
  it('defaults to a 10-minute window, slowing at 2500 and stopping at 5000', () => {
    expect(loadConfig(base).notifier.invalidRequests).toEqual({ windowMs: 600_000, slowAt: 2500, stopAt: 5000 });
  });

  it('reads the environment', () => {
    const env = { ...base, NOTIFIER_INVALID_REQUEST_WINDOW: '5s', NOTIFIER_INVALID_REQUEST_SLOW_AT: '3', NOTIFIER_INVALID_REQUEST_STOP_AT: '6' };
    expect(loadConfig(env).notifier.invalidRequests).toEqual({ windowMs: 5000, slowAt: 3, stopAt: 6 });
  });

  it('refuses thresholds at or past Discord’s ban, or slowing after stopping', () => {
    expect(() => loadConfig({ ...base, NOTIFIER_INVALID_REQUEST_STOP_AT: '10000' })).toThrow(/^NOTIFIER_INVALID_REQUEST_STOP_AT: /);
    expect(() => loadConfig({ ...base, NOTIFIER_INVALID_REQUEST_SLOW_AT: '6000' })).toThrow(/^NOTIFIER_INVALID_REQUEST_SLOW_AT: must not be above stopAt/);
  });
});

describe('notifier config: the ibc section', () => {
  function withFile(yaml: string, env: Record<string, string> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'herald-notifier-'));
    const file = join(dir, 'herald.yaml');
    writeFileSync(file, yaml);
    try {
      return loadConfig({ ...base, HERALD_CONFIG: file, ...env });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('defaults without an ibc section: a 10 s request timeout, no status destinations', () => {
    expect(loadConfig(base).ibc).toMatchObject({ requestTimeout: 10_000, statusDestinations: [], chains: [] });
  });

  it('reads the request timeout and the status destinations (the file is shared with the ibc-poller)', () => {
    const config = withFile(
      [
        'destinations:',
        '  relayers: { webhook: "https://discord.com/api/webhooks/2/efgh" }',
        'ibc:',
        '  requestTimeout: 4s',
        '  statusDestinations: [relayers]',
        '  chains:',
        '    - { chainId: cosmoshub-4, name: Cosmos Hub, rpc: "https://rpc.example.com", bech32Prefix: cosmos, denom: uatom, displayDenom: ATOM, exponent: 6 }',
        '  monitor: [{ chainId: cosmoshub-4 }]',
      ].join('\n'),
    );
    expect(config.ibc).toMatchObject({ requestTimeout: 4000, statusDestinations: ['relayers'] });
    expect(withFile('ibc: { requestTimeout: 4s }', { IBC_REQUEST_TIMEOUT: '750ms' }).ibc.requestTimeout).toBe(750);
  });

  it('refuses a status destination that is not a destination, and a bad ibc key, naming the key', () => {
    expect(() => withFile('ibc:\n  statusDestinations: [nowhere]')).toThrow(/ibc\.statusDestinations\.0.*"nowhere" is not a destination/);
    expect(() => withFile('ibc:\n  requestTimeot: 4s')).toThrow(/ibc/);
  });
});

describe('notifier config: retention', () => {
  it('reads the RETENTION_* variables, 0/off keeping a table forever', () => {
    const env = { ...base, RETENTION_EVENTS: 'off', RETENTION_DELIVERIES: '0', RETENTION_ATTEMPTS: '14d', RETENTION_PERSONAL_DATA: '7d', RETENTION_INTERVAL: '10m', RETENTION_BATCH_SIZE: '500' };
    expect(loadConfig(env).retention).toEqual({ events: null, deliveries: null, attempts: 14 * 86_400_000, personalData: 7 * 86_400_000, interval: 600_000, batchSize: 500 });
  });

  it('refuses a malformed age, naming the setting', () => {
    expect(() => loadConfig({ ...base, RETENTION_PERSONAL_DATA: 'a month' })).toThrow(/^RETENTION_PERSONAL_DATA: /);
  });
});

describe('notifier config: the community chores and the time zone', () => {
  const general = '508169151894056221';
  const log = '508869940013213344';
  const graveyard = '508869940013213345';
  const bot = { ...base, DISCORD_BOT_TOKEN: 'token' };

  function withFiles(files: { yaml?: string; dab?: object }, env: Record<string, string> = bot) {
    const dir = mkdtempSync(join(tmpdir(), 'herald-notifier-'));
    const paths: Record<string, string> = {};
    if (files.yaml !== undefined) writeFileSync((paths.HERALD_CONFIG = join(dir, 'herald.yaml')), files.yaml);
    if (files.dab !== undefined) writeFileSync((paths.DAB_CONFIG = join(dir, 'dab.conf.json')), JSON.stringify(files.dab));
    try {
      return loadConfig({ ...env, ...paths });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('is off without settings; the time zone defaults to UTC', () => {
    const config = loadConfig(base);
    expect(config.community).toEqual({});
    expect(config.reports.timezone).toBe('UTC');
  });

  it('reads the YAML section, the environment winning', () => {
    const yaml = `community:\n  generalChannel: "${general}"\n  logChannel: "${log}"\n  welcome: "Hello <@{{.Member.ID}}>!"\nreports:\n  timezone: Europe/Paris\n`;
    expect(withFiles({ yaml }).community).toEqual({ generalChannel: general, logChannel: log, welcome: 'Hello <@{{.Member.ID}}>!' });
    const env = { ...bot, COMMUNITY_GOODBYE_CHANNEL: graveyard, COMMUNITY_LOG_CHANNEL: graveyard, HERALD_TIMEZONE: 'America/Chicago' };
    const config = withFiles({ yaml }, env);
    expect(config.community).toMatchObject({ logChannel: graveyard, goodbyeChannel: graveyard });
    expect(config.reports.timezone).toBe('America/Chicago');
  });

  it("takes DAB's discord.general, log, welcome and graveyard (which defaults to general) and its timezone", () => {
    const dab = { timezone: 'America/Chicago', discord: { token: 't', general, log, welcome: 'Hi <@{{.Member.ID}}>, see <#{{.ChannelsID.Log}}>' } };
    const config = withFiles({ dab }, base);
    expect(config.community).toEqual({ generalChannel: general, logChannel: log, welcome: 'Hi <@{{.Member.ID}}>, see <#{{.ChannelsID.Log}}>', goodbyeChannel: general });
    expect(config.reports.timezone).toBe('America/Chicago');
    expect(withFiles({ dab: { discord: { ...dab.discord, graveyard } } }, base).community.goodbyeChannel).toBe(graveyard);
  });

  it('refuses a welcome field the seed did not have, naming the key as written', () => {
    expect(() => withFiles({ yaml: `community:\n  generalChannel: "${general}"\n  welcome: "Hi {{.Member.Nick}}"\n` })).toThrow(/community\.welcome.*\{\{\.Member\.Nick\}\} is not available/);
    expect(() => withFiles({ dab: { discord: { token: 't', general, welcome: 'Hi {{.User}}' } } }, base)).toThrow(/discord\.welcome in .*dab\.conf\.json.*\{\{\.User\}\} is not available/);
  });

  it('needs the bot for the chores, and a general channel for the welcome', () => {
    expect(() => loadConfig({ ...base, COMMUNITY_GENERAL_CHANNEL: general })).toThrow(/^discord\.bot\.token \(DISCORD_BOT_TOKEN\): required: community\.generalChannel is set/);
    expect(() => loadConfig({ ...bot, COMMUNITY_WELCOME: 'Hello' })).toThrow(/COMMUNITY_WELCOME: needs community\.generalChannel/);
    expect(() => loadConfig({ ...bot, COMMUNITY_GENERAL_CHANNEL: 'general' })).toThrow(/^COMMUNITY_GENERAL_CHANNEL: must be a Discord id/);
  });
});

describe('notifier command line', () => {
  const refusal = (argv: string[]) => {
    try {
      parseNotifierCommandLine(argv);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error(`${argv.join(' ')} was accepted`);
  };

  it('starts with no argument, and only checks the settings with --check-config', () => {
    expect(parseNotifierCommandLine([])).toEqual({ checkOnly: false });
    expect(parseNotifierCommandLine(['--check-config'])).toEqual({ checkOnly: true });
  });

  it('refuses a mistyped option or a stray word as a config error naming it, with the usage', () => {
    const typo = refusal(['--check-confg']);
    expect(typo.key).toBe('arguments');
    expect(typo.problem).toBe(`unknown argument --check-confg\n${notifierUsage}`);
    expect(refusal(['start']).problem).toMatch(/^unexpected argument start\n/);
    expect(refusal(['--check-config=yes']).problem).toMatch(/^--check-config takes no value\n/);
  });
});
