import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { eventTypes, type IbcChainAlert, type IbcClientAlert, type IbcWalletAlert } from '@herald/contracts';
import { limitViolations, packMessages } from '@herald/discord';
import { renderEvent, type Renderers } from '@herald/pipeline';
import { ibcRenderers, type IbcEventType } from './renderers.js';
import { hoursText } from './style.js';
import { roundUpSignificant, topUpAmount } from './wallet-alerts.js';

// Other sources' events render to nothing here.
const renderers = { ...Object.fromEntries(eventTypes.map((type) => [type, () => []])), ...ibcRenderers } as Renderers;
const OWNER = '400000000000000001';

function client(overrides: Partial<IbcClientAlert> = {}): IbcClientAlert {
  return {
    chainId: 'cosmoshub-4',
    chainName: 'Cosmos Hub',
    clientId: '07-tendermint-1119',
    trackedChainId: 'osmosis-1',
    trackedChainName: 'Osmosis',
    connectionId: 'connection-257',
    counterpartyConnectionId: 'connection-1',
    counterpartyClientId: '07-tendermint-1',
    from: 'ok',
    to: 'warning',
    lastUpdateAt: '2026-11-20T00:00:00.000Z',
    expiresAt: '2026-12-04T00:00:00.000Z',
    secondsLeft: 73_800, // 20.5 h
    trustingPeriodSeconds: 1_209_600, // 14 d
    percentLeft: 6.1,
    hostTime: '2026-12-03T03:30:00.000Z',
    ...overrides,
  };
}

const chain = (overrides: Partial<IbcChainAlert> = {}): IbcChainAlert => ({
  chainId: 'osmosis-1',
  chainName: 'Osmosis',
  error: 'https://osmosis-rpc.example/: ECONNREFUSED; https://user:s3cret@rpc2.example/: timeout',
  since: '2026-12-03T01:00:00.000Z',
  endpoints: 2,
  ...overrides,
});

const wallet = (overrides: Partial<IbcWalletAlert> = {}): IbcWalletAlert => ({
  chainId: 'cosmoshub-4',
  chainName: 'Cosmos Hub',
  address: 'cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu',
  ownerId: OWNER,
  balance: '1234567', // 1.234567 ATOM
  threshold: '5000000', // 5 ATOM
  denom: 'uatom',
  displayDenom: 'ATOM',
  exponent: 6,
  runwaySeconds: 3 * 86_400 + 4 * 3600,
  ...overrides,
});

const samples: Record<IbcEventType, unknown> = {
  'ibc.client.warning': client(),
  'ibc.client.critical': client({ from: 'warning', to: 'critical' }),
  'ibc.client.expired': client({ from: 'critical', to: 'expired', secondsLeft: -7200, percentLeft: 0 }),
  'ibc.client.frozen': client({ from: 'ok', to: 'frozen' }),
  'ibc.client.resolved': client({ from: 'critical', to: 'ok', secondsLeft: 1_000_000, percentLeft: 82.7 }),
  'ibc.client.reactivated': client({ from: 'expired', to: 'ok', secondsLeft: 1_100_000, percentLeft: 90.9 }),
  'ibc.client.reminder': client({ from: 'critical', to: 'critical' }),
  'ibc.chain.unreachable': chain(),
  'ibc.chain.recovered': chain(),
  'ibc.chain.halted': chain({ error: null, blockHeight: '123456', blockTime: '2026-12-03T01:00:00.000Z' }),
  'ibc.chain.resumed': chain({ error: null, blockHeight: '123457', blockTime: '2026-12-03T02:00:00.000Z' }),
  'ibc.wallet.low': wallet(),
  'ibc.wallet.resolved': wallet({ balance: '25000000' }),
};

const text = (embeds: APIEmbed[]) => JSON.stringify(embeds);
const render = (type: IbcEventType, payload: unknown = samples[type]) => renderEvent(renderers, type, payload);

describe('IBC alert renderers', () => {
  it('render every ibc.* event type within Discord limits, pinging nobody but a low wallet\'s owner', () => {
    const ibcTypes = eventTypes.filter((t): t is IbcEventType => t.startsWith('ibc.'));
    expect(Object.keys(ibcRenderers).sort()).toEqual([...ibcTypes].sort());
    for (const type of ibcTypes) {
      const { embeds, pings } = render(type);
      expect(embeds.length, type).toBeGreaterThan(0);
      const [message] = packMessages([{ key: type, embeds }]);
      expect(limitViolations(message!.body), type).toEqual([]);
      expect(pings, type).toEqual(type === 'ibc.wallet.low' ? { users: [OWNER] } : undefined);
    }
  });

  it('a client alert names the client, both chains, both connections, hours and percent left, expiry, and the exact commands', () => {
    const [embed] = render('ibc.client.warning').embeds;
    const all = text([embed!]);
    expect(embed!.color).toBe(0xffff00);
    expect(embed!.title).toBe('⚠️ IBC client expiring in 20.5 h: 07-tendermint-1119 on Cosmos Hub');
    expect(embed!.description).toContain('Client `07-tendermint-1119` on **Cosmos Hub** (`cosmoshub-4`) tracks **Osmosis** (`osmosis-1`).');
    expect(embed!.description).toContain('Over connection `connection-257`, counterparty connection `connection-1`, counterparty client `07-tendermint-1`.');
    const unix = Date.parse('2026-12-04T00:00:00.000Z') / 1000;
    expect(all).toContain(`<t:${unix}:R>`);
    expect(embed!.fields).toEqual(
      expect.arrayContaining([
        { name: 'Time left', value: '20.5 h', inline: true },
        { name: 'Trusting period left', value: '6.1 % of 14 d', inline: true },
      ]),
    );
    const hint = embed!.fields!.find((f) => f.name === 'Update it')!.value;
    expect(hint).toContain('```\nhermes update client --host-chain cosmoshub-4 --client 07-tendermint-1119\nrly tx update-clients <path>\n```');
    expect(hint).toContain('`rly paths list`');
    expect(embed!.timestamp).toBe('2026-12-03T03:30:00.000Z');
  });

  it('shows days as well as hours when the time left is long', () => {
    const [embed] = render('ibc.client.warning', client({ secondsLeft: 5 * 86_400, percentLeft: 35.7 })).embeds;
    expect(embed!.fields).toContainEqual({ name: 'Time left', value: '120 h (5.0 d)', inline: true });
  });

  it('critical and reminder are red and still give the update commands', () => {
    for (const type of ['ibc.client.critical', 'ibc.client.reminder'] as const) {
      const [embed] = render(type).embeds;
      expect(embed!.color).toBe(0xfc0303);
      expect(embed!.fields!.map((f) => f.name)).toContain('Update it');
    }
    expect(render('ibc.client.reminder').embeds[0]!.title).toMatch(/^🔴 Still critical/);
  });

  it('expired and frozen say only governance can revive the client and that its channels are stopped, with no update command', () => {
    for (const type of ['ibc.client.expired', 'ibc.client.frozen'] as const) {
      const [embed] = render(type).embeds;
      expect(embed!.color).toBe(0xfc0303);
      expect(embed!.description).toContain('only governance can revive it');
      expect(embed!.description).toContain('`MsgRecoverClient` in ibc-go v8 and later, a `ClientUpdateProposal` before');
      expect(embed!.description).toContain('every channel on it is stopped');
      expect(text([embed!])).not.toContain('hermes update client');
    }
    const expired = render('ibc.client.expired').embeds[0]!.fields;
    expect(expired).toContainEqual({ name: 'Time left', value: 'expired 2.0 h ago', inline: true });
    expect(expired!.map((f) => f.name)).toEqual(['Time left', 'Trusting period', 'Expired at', 'Last updated']);
  });

  it('resolved and reactivated are green and say what the client was', () => {
    const [resolved] = render('ibc.client.resolved').embeds;
    expect(resolved!.color).toBe(0x20fc03);
    expect(resolved!.title).toBe('✅ IBC client updated, no longer critical: 07-tendermint-1119 on Cosmos Hub');
    const [revived] = render('ibc.client.reactivated').embeds;
    expect(revived!.description).toContain('Active again (it was expired)');
  });

  it('copes with what a poll may not know (no connection, no tracked chain name, no times)', () => {
    const sparse = client({ trackedChainName: null, connectionId: null, counterpartyConnectionId: null, counterpartyClientId: null, secondsLeft: null, percentLeft: null, expiresAt: null, lastUpdateAt: null, hostTime: null });
    const [embed] = render('ibc.client.warning', sparse).embeds;
    expect(embed!.description).toContain('tracks `osmosis-1`.');
    expect(embed!.description).not.toContain('connection');
    const [message] = packMessages([{ key: 'x', embeds: [embed!] }]);
    expect(limitViolations(message!.body)).toEqual([]);
  });

  it('escapes names from configuration or commands and fits long ones', () => {
    const hostile = client({ chainName: '**Evil** <@123> @everyone '.repeat(20), trackedChainName: '`rm -rf`' });
    const { embeds } = render('ibc.client.critical', hostile);
    const all = text(embeds);
    expect(all).not.toMatch(/(?<!\\\\)<@123>/);
    expect(all).not.toContain('@everyone');
    const [message] = packMessages([{ key: 'x', embeds }]);
    expect(limitViolations(message!.body)).toEqual([]);
  });
});

describe('chain alerts', () => {
  it('unreachable: name, since, endpoint count and the error without credentials', () => {
    const [embed] = render('ibc.chain.unreachable').embeds;
    const all = text([embed!]);
    expect(embed!.title).toBe('📡 Chain unreachable: Osmosis');
    expect(embed!.description).toContain('all 2 of its RPC endpoints failed');
    expect(all).toContain(`<t:${Date.parse('2026-12-03T01:00:00.000Z') / 1000}:f>`);
    expect(embed!.fields).toContainEqual({ name: 'Endpoints configured', value: '2', inline: true });
    expect(all).toContain('ECONNREFUSED');
    expect(all).not.toContain('s3cret');
  });

  it('recovered: green, with the outage start', () => {
    const [embed] = render('ibc.chain.recovered').embeds;
    expect(embed!.color).toBe(0x20fc03);
    expect(embed!.description).toContain('answers again');
  });
});

describe('time left', () => {
  it('reads in hours, in days too when long, and in minutes in the last hour (never "0.0 h")', () => {
    expect(hoursText(20.5 * 3600)).toBe('20.5 h');
    expect(hoursText(52 * 3600)).toBe('52 h (2.2 d)');
    expect(hoursText(12 * 60)).toBe('12 min');
    expect(hoursText(-90)).toBe('expired 90 s ago');
  });
});

describe('halted chains', () => {
  it('halted: says the chain answers without new blocks, since when, and what it means for its clients', () => {
    const [embed] = render('ibc.chain.halted').embeds;
    expect(embed!.title).toBe('⏸️ Chain halted: Osmosis');
    expect(embed!.description).toContain('makes no new blocks');
    expect(embed!.fields).toContainEqual({ name: 'Latest block', value: '123456', inline: true });
  });

  it('resumed: green', () => {
    const [embed] = render('ibc.chain.resumed').embeds;
    expect(embed!.color).toBe(0x20fc03);
    expect(embed!.title).toContain('making blocks again');
  });
});

describe('wallet alerts', () => {
  it('low: orange, pings the owner, exact amounts in display units, what to send, denom and runway', () => {
    const { embeds, pings } = render('ibc.wallet.low');
    const [embed] = embeds;
    expect(pings).toEqual({ users: [OWNER] });
    expect(embed!.color).toBe(0xffa000);
    expect(embed!.fields).toEqual([
      { name: 'Balance', value: '1.234567 ATOM', inline: true },
      { name: 'Threshold', value: '5 ATOM', inline: true },
      { name: 'Top up at least', value: '3.77 ATOM (`uatom`)', inline: true },
      { name: 'Runway', value: '~3 d 4 h at the recent spend rate', inline: true },
      { name: 'Owner', value: `<@${OWNER}>`, inline: true },
    ]);
    expect(embed!.description).toContain('`cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu`');
    expect(embed!.description).toContain('Send at least **3.77 ATOM** (denom `uatom`)');
  });

  it('keeps 18-decimal amounts exact', () => {
    const big = wallet({ balance: '1000000000000000001', threshold: '2500000000000000000', exponent: 18, denom: 'aevmos', displayDenom: 'EVMOS', runwaySeconds: null });
    const [embed] = render('ibc.wallet.low', big).embeds;
    expect(embed!.fields).toContainEqual({ name: 'Balance', value: '1.000000000000000001 EVMOS', inline: true });
    expect(embed!.fields).toContainEqual({ name: 'Top up at least', value: '1.5 EVMOS (`aevmos`)', inline: true });
    expect(embed!.fields).toContainEqual({ name: 'Runway', value: 'unknown (no spending measured yet)', inline: true });
  });

  it('asks for enough to clear the alert: up to the poller\'s resolve level, not merely the threshold', () => {
    const low = wallet({ balance: '1234567', threshold: '1500000', resolveAt: '1575000' });
    const [embed] = render('ibc.wallet.low', low).embeds;
    expect(embed!.fields).toContainEqual({ name: 'Top up at least', value: '0.341 ATOM (`uatom`)', inline: true });
  });

  it('resolved: green, pings nobody', () => {
    const { embeds, pings } = render('ibc.wallet.resolved');
    expect(pings).toBeUndefined();
    expect(embeds[0]!.color).toBe(0x20fc03);
    expect(embeds[0]!.description).toContain('**25 ATOM** again');
  });

  it('rounds the top-up up to three significant digits, never below what is missing', () => {
    expect(roundUpSignificant(3_765_433n)).toBe(3_770_000n);
    expect(roundUpSignificant(3_760_000n)).toBe(3_760_000n);
    expect(roundUpSignificant(999n)).toBe(999n);
    expect(roundUpSignificant(9_991n)).toBe(10_000n);
    expect(topUpAmount(5n, 3n)).toBe(0n);
    for (const missing of [1n, 17n, 123_456n, 10n ** 30n + 7n]) expect(roundUpSignificant(missing) >= missing).toBe(true);
  });
});
