import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrors } from '@herald/config';
import { loadConfig, parseImportRpc } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'herald-ibc-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (text: string) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
};
const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x' };
const chains = `ibc:
  chains:
    - { chainId: hub-1, name: Hub, rpc: "http://127.0.0.1:26657", bech32Prefix: cosmos, denom: uatom, displayDenom: ATOM, exponent: 6 }
  monitor: [{ chainId: hub-1 }]
`;
const messages = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigErrors) return error.errors.map((e) => e.message);
    if (error instanceof ConfigError) return [error.message];
    throw error;
  }
  return [];
};

describe('ibc-poller configuration', () => {
  it('reads the ibc section with its defaults, and IBC_* variables over the file', () => {
    const config = loadConfig([], { ...base, HERALD_CONFIG: file(chains), IBC_POLL_INTERVAL: '30s', IBC_CRITICAL_LEFT: '12h' });
    expect(config.mode).toEqual({ kind: 'run', once: false });
    expect(config.herald.ibc).toMatchObject({
      pollInterval: 30_000,
      walletInterval: 300_000,
      expiredPollInterval: 3_600_000,
      thresholds: { warningElapsed: 0.8, criticalLeft: 12 * 3_600_000 },
      walletHysteresis: 0.05,
      monitor: [{ chainId: 'hub-1', connections: 'all' }],
    });
    expect(config.herald.ibc.chains[0]!.rpc).toEqual(['http://127.0.0.1:26657']);
  });

  it('names the setting or argument that is wrong', () => {
    expect(messages(() => loadConfig([], { ...base, HERALD_CONFIG: file(`${chains}  thresholds: { warningElapsed: 1.5 }\n`) }))).toEqual([
      expect.stringMatching(/^ibc\.thresholds\.warningElapsed: /),
    ]);
    // A percentage where a fraction belongs, and a single RPC URL that is not one, say what is expected.
    expect(messages(() => loadConfig([], { ...base, HERALD_CONFIG: file(chains), IBC_WARNING_ELAPSED: '80%' }))).toEqual([
      'IBC_WARNING_ELAPSED: must be a number between 0 and 1, such as 0.8 (not a percentage)',
    ]);
    expect(messages(() => loadConfig([], { ...base, HERALD_CONFIG: file(chains.replace('"http://127.0.0.1:26657"', '"htp://127.0.0.1:26657"')) }))).toEqual([
      'ibc.chains.0.rpc.0: must be a URL starting with http:// or https://',
    ]);
    expect(messages(() => loadConfig([], { ...base, HERALD_CONFIG: file('ibc:\n  monitor: [{ chainId: nope-1 }]\n') }))).toEqual([
      expect.stringContaining('ibc.monitor.0.chainId: "nope-1" is not in ibc.chains'),
    ]);
    expect(messages(() => loadConfig([], { ...base, HERALD_CONFIG: file(`${chains}routes: [{ events: ["ibc.*"], to: [nowhere] }]\n`) }))).toEqual([
      expect.stringContaining('no destination named "nowhere"'),
    ]);
    expect(messages(() => loadConfig(['--import-rpc', 'a=http://x'], base))).toEqual([expect.stringContaining('--import-rpc: only goes with --import-seed')]);
    expect(messages(() => loadConfig(['--bogus'], base))[0]).toContain('unknown argument --bogus');
    expect(messages(() => loadConfig([], {}))[0]).toMatch(/^postgres/);
  });

  it('takes --check-config with the other arguments, through the one parser', () => {
    expect(loadConfig([], { ...base, HERALD_CONFIG: file(chains) }).checkOnly).toBe(false);
    expect(loadConfig(['--check-config', '--once'], { ...base, HERALD_CONFIG: file(chains) })).toMatchObject({ checkOnly: true, mode: { kind: 'run', once: true } });
    expect(messages(() => loadConfig(['--check-confg'], base))[0]).toMatch(/^arguments: unknown argument --check-confg\n/);
  });

  it('has an import mode that needs Postgres only', () => {
    const config = loadConfig(['--import-seed', '/seed', '--import-rpc', 'osmo-1=https://rpc.osmo.example,grand-1=http://10.0.0.2:26657'], base);
    expect(config.mode).toEqual({
      kind: 'import-seed',
      dir: '/seed',
      rpc: new Map([
        ['osmo-1', ['https://rpc.osmo.example']],
        ['grand-1', ['http://10.0.0.2:26657']],
      ]),
    });
  });

  it('parses --import-rpc, never echoing credentials', () => {
    expect(parseImportRpc('a=http://x,a=http://y')).toEqual(new Map([['a', ['http://x', 'http://y']]]));
    expect(() => parseImportRpc('https://user:pw@host')).toThrow(/"https:\/\/\*\*\*@host" is not CHAIN_ID=URL/);
    expect(() => parseImportRpc('a=ftp://x')).toThrow(ConfigError);
  });
});
