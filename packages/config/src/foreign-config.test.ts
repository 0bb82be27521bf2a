import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { duration } from './blocks.js';
import { ConfigError } from './errors.js';
import type { ForeignConfig } from './foreign-config.js';
import { mergeSettingLayers } from './foreign-config.js';
import { loadHeraldSettings } from './herald-file.js';
import { parseConfig } from './load.js';
import { destinationsSection, routesSection } from './routing.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-foreign-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A made-up program whose JSON file has `{ "wait": "5s", "room": "123456789012345678" }`. */
const other: ForeignConfig = {
  envVar: 'OTHER_CONFIG',
  read(path, setting) {
    let json: { wait?: string; room?: string; old?: boolean };
    try {
      json = JSON.parse(readFileSync(path, 'utf8')) as typeof json;
    } catch {
      throw new ConfigError(setting, `cannot read ${path}`);
    }
    const settings: Record<string, unknown> = { demo: {} };
    const sources = new Map<string, string>();
    if (json.wait !== undefined) {
      settings.demo = { wait: json.wait, keep: '1s' };
      sources.set('demo.wait', `wait in ${path}`);
      sources.set('demo.keep', `keep in ${path}`);
    }
    if (json.room !== undefined) {
      settings.destinations = { room: { channel: json.room } };
      settings.routes = [{ events: ['other.*'], to: ['room'] }];
      sources.set('destinations.room.channel', `room in ${path}`);
    }
    return { settings, sources, warnings: json.old ? [`old in ${path} is deprecated`] : [] };
  },
};

const schema = z.object({
  demo: z.strictObject({ wait: duration({ min: 1000 }).default(2000), keep: duration().optional() }).prefault({}),
  destinations: destinationsSection,
  routes: routesSection,
});

describe('foreign config files under HERALD_CONFIG and the environment', () => {
  it('env wins, then the YAML file, then the foreign file', () => {
    const foreign = write('other.json', JSON.stringify({ wait: '5s' }));
    const yaml = write('herald.yaml', 'demo:\n  wait: 7s\n');
    const load = (env: Record<string, string>) => parseConfig(schema, loadHeraldSettings(env, { DEMO_WAIT: 'demo.wait' }, { foreign: [other] })).demo;
    expect(load({ OTHER_CONFIG: foreign })).toEqual({ wait: 5000, keep: 1000 });
    expect(load({ OTHER_CONFIG: foreign, HERALD_CONFIG: yaml })).toEqual({ wait: 7000, keep: 1000 });
    expect(load({ OTHER_CONFIG: foreign, HERALD_CONFIG: yaml, DEMO_WAIT: '9s' })).toEqual({ wait: 9000, keep: 1000 });
    // Not passed by the app, or not set: no file is read.
    expect(parseConfig(schema, loadHeraldSettings({ OTHER_CONFIG: foreign })).demo).toEqual({ wait: 2000 });
    expect(parseConfig(schema, loadHeraldSettings({ OTHER_CONFIG: '' }, {}, { foreign: [other] })).demo).toEqual({ wait: 2000 });
  });

  it('a bad value is named as the foreign file wrote it, unless the YAML or env replaced it', () => {
    const foreign = write('other.json', JSON.stringify({ wait: '500ms' }));
    const load = (env: Record<string, string>) => () => parseConfig(schema, loadHeraldSettings(env, { DEMO_WAIT: 'demo.wait' }, { foreign: [other] }));
    expect(load({ OTHER_CONFIG: foreign })).toThrow(`wait in ${foreign}: must be at least 1s (got 500ms)`);
    const yaml = write('herald.yaml', 'demo:\n  wait: 10ms\n');
    expect(load({ OTHER_CONFIG: foreign, HERALD_CONFIG: yaml })).toThrow(/^demo\.wait: must be at least 1s \(got 10ms\)$/);
    expect(load({ OTHER_CONFIG: foreign, HERALD_CONFIG: yaml, DEMO_WAIT: '20ms' })).toThrow(/^DEMO_WAIT: must be at least 1s \(got 20ms\)$/);
  });

  it("errors about the file itself name its variable; warnings go to onWarning", () => {
    expect(() => loadHeraldSettings({ OTHER_CONFIG: join(dir, 'missing.json') }, {}, { foreign: [other] })).toThrow(/^OTHER_CONFIG: cannot read /);
    const warnings: string[] = [];
    const foreign = write('other.json', JSON.stringify({ old: true }));
    loadHeraldSettings({ OTHER_CONFIG: foreign }, {}, { foreign: [other], onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([`old in ${foreign} is deprecated`]);
  });

  it('routes from both files apply; a destination the YAML defines replaces the foreign one whole', () => {
    const foreign = write('other.json', JSON.stringify({ room: '123456789012345678' }));
    const yaml = write('herald.yaml', 'destinations:\n  room:\n    webhook: https://discord.com/api/webhooks/1/t\nroutes:\n  - events: "*"\n    to: [room]\n');
    const config = parseConfig(schema, loadHeraldSettings({ OTHER_CONFIG: foreign, HERALD_CONFIG: yaml }, {}, { foreign: [other] }));
    expect(config.destinations).toEqual({ room: { webhook: 'https://discord.com/api/webhooks/1/t' } });
    expect(config.routes.map((r) => r.events)).toEqual([['*'], ['other.*']]);
  });

  it('an empty YAML section leaves the foreign values', () => {
    expect(mergeSettingLayers({ demo: { wait: '5s' } }, { demo: null }).merged).toEqual({ demo: { wait: '5s' } });
    expect(mergeSettingLayers({ demo: { wait: '5s' } }, { demo: {} }).merged).toEqual({ demo: { wait: '5s' } });
  });

  it('knows the reddit section', () => {
    expect(loadHeraldSettings({ HERALD_CONFIG: write('herald.yaml', 'reddit:\n  maxBatches: 3\n') })).toEqual({ reddit: { maxBatches: 3 } });
  });
});
