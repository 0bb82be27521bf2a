import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadHeraldSettings, parseConfig, pipelineSections } from '@herald/config';
import { redditEnvMapping, redditSection } from '../settings.js';
import { dabConfig, withDabConfigOption } from './index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-dab-layers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const credentials = { id: 'XaiUdR5UBKl_FY', secret: 'D8PvhefS9ZTZFOUxK', username: 'AGreatUsername', password: 'hunter2', user_agent: '{{.OS}}:agreatbot:v{{.Version}}' };
const channels = { token: 'bot-token', general: '508169151894056221', highscores: '508263683211452578', privileged_role: '653243081214462080' };
const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/herald' };

/** The reddit-poller's view: the pipeline sections and `reddit:`. */
const pollerSchema = z.object({ ...pipelineSections, reddit: redditSection });
const loadPoller = (env: Record<string, string>, warnings: string[] = []) =>
  parseConfig(pollerSchema, loadHeraldSettings({ ...base, ...env }, redditEnvMapping, { foreign: [dabConfig], onWarning: (w) => warnings.push(w) }));

/** The notifier's view of the bot and the channels (its schema is built from these sections; DISCORD_BOT_TOKEN as in its botEnvMapping). */
const notifierSchema = z.object(pipelineSections);
const loadNotifier = (env: Record<string, string>) => parseConfig(notifierSchema, loadHeraldSettings({ ...base, ...env }, { DISCORD_BOT_TOKEN: 'discord.bot.token' }, { foreign: [dabConfig] }));

describe('DAB_CONFIG as a layer under HERALD_CONFIG and the environment', () => {
  it('the reddit-poller gets its credentials, settings and routes from dab.conf.json', () => {
    const path = write('dab.conf.json', JSON.stringify({ reddit: { ...credentials, max_age: '72h' }, discord: channels }));
    const warnings: string[] = [];
    const config = loadPoller({ DAB_CONFIG: path }, warnings);
    expect(config.reddit.credentials).toEqual({ clientId: 'XaiUdR5UBKl_FY', clientSecret: 'D8PvhefS9ZTZFOUxK', username: 'AGreatUsername', password: 'hunter2', userAgent: '{{.OS}}:agreatbot:v{{.Version}}' });
    expect(config.reddit.maxAge).toBe(72 * 3_600_000);
    expect(config.reddit.fullScanInterval).toBe(6 * 3_600_000);
    expect(config.destinations).toEqual({ graveyard: { channel: '508169151894056221' }, highscores: { channel: '508263683211452578' } });
    expect(config.routes.map((route) => [route.events, route.to.map((to) => to.destination)])).toEqual([
      [['reddit.user.*'], ['graveyard']],
      [['reddit.comment.highscore'], ['highscores']],
    ]);
    expect(warnings).toEqual([]);
  });

  it('env wins, then the YAML, then dab.conf.json', () => {
    const dab = write('dab.conf.json', JSON.stringify({ reddit: { max_age: '72h', max_batches: 2, inactivity_threshold: '48h' } }));
    const yaml = write('herald.yaml', 'reddit:\n  maxAge: 96h\n  maxBatches: 3\n');
    const config = loadPoller({ DAB_CONFIG: dab, HERALD_CONFIG: yaml, REDDIT_MAX_BATCHES: '4' });
    expect(config.reddit).toMatchObject({ maxAge: 96 * 3_600_000, maxBatches: 4, inactivityThreshold: 48 * 3_600_000 });
  });

  it('a value Herald refuses is named as written in dab.conf.json; secrets may come from the environment', () => {
    const dab = write('dab.conf.json', JSON.stringify({ Discord: { Prefix: 'a b' } }));
    expect(() => loadNotifier({ DAB_CONFIG: dab })).toThrow(`Discord.Prefix in ${dab}: may not contain spaces`);
    const { password: _password, ...withoutPassword } = credentials;
    const partial = write('partial.json', JSON.stringify({ reddit: withoutPassword }));
    expect(() => loadPoller({ DAB_CONFIG: partial })).toThrow(`reddit.password in ${partial}: missing (REDDIT_PASSWORD sets it too)`);
    expect(loadPoller({ DAB_CONFIG: partial, REDDIT_PASSWORD: 'from-env' }).reddit.credentials?.password).toBe('from-env');
  });

  it('errors in dab.conf.json stop the load, naming the key and the file; a missing file names DAB_CONFIG', () => {
    const dab = write('dab.conf.json', JSON.stringify({ reddit: { max_age: '1h', maxage: '24h' } }));
    expect(() => loadPoller({ DAB_CONFIG: dab })).toThrow(`reddit.max_age in ${dab}: must be at least 24h (got 1h)\nreddit.maxage in ${dab}: unknown key`);
    const missing = join(dir, 'missing.json');
    expect(() => loadPoller({ DAB_CONFIG: missing })).toThrow(`DAB_CONFIG: cannot read the dab.conf.json ${missing}: ENOENT`);
  });

  it('the notifier gets the bot (token, prefix, privileged role) and the channel destinations; DISCORD_BOT_TOKEN wins', () => {
    const dab = write('dab.conf.json', JSON.stringify({ discord: channels }));
    const config = loadNotifier({ DAB_CONFIG: dab });
    expect(config.discord.bot).toEqual({ token: 'bot-token', prefix: '!', privilegedRole: '653243081214462080', messageContent: false });
    expect(config.destinations.graveyard).toEqual({ channel: '508169151894056221' });
    expect(loadNotifier({ DAB_CONFIG: dab, DISCORD_BOT_TOKEN: 'env-token' }).discord.bot?.token).toBe('env-token');
  });

  it('a destination of the same name in the YAML replaces the one from dab.conf.json', () => {
    const dab = write('dab.conf.json', JSON.stringify({ discord: channels }));
    const yaml = write('herald.yaml', 'destinations:\n  graveyard:\n    webhook: https://discord.com/api/webhooks/1/t\n');
    expect(loadNotifier({ DAB_CONFIG: dab, HERALD_CONFIG: yaml }).destinations.graveyard).toEqual({ webhook: 'https://discord.com/api/webhooks/1/t' });
  });

  it('--dab-config PATH sets DAB_CONFIG', () => {
    expect(withDabConfigOption({ DAB_CONFIG: 'a' }, new Map([['dab-config', 'b']]))).toEqual({ DAB_CONFIG: 'b' });
    expect(withDabConfigOption({ DAB_CONFIG: 'a' }, new Map())).toEqual({ DAB_CONFIG: 'a' });
  });
});
