import { describe, expect, it } from 'vitest';
import { ConfigErrors, destinationsSection, parseConfig, routesSection } from '@herald/config';
import { checkRoutes, compileRouter, destinationSpecs, patternMatcher } from './routing.js';

const ROLE = '300000000000000001';
const USER = '300000000000000002';
const routes = (input: unknown) => parseConfig(routesSection, input, 'routes');
const ids = new Map([
  ['signups', 1],
  ['mods', 2],
  ['alerts', 3],
]);

describe('routing', () => {
  it('matches event types with * standing for anything, dots included, and nothing else', () => {
    expect(patternMatcher('servatrice.*')('servatrice.account.registered')).toBe(true);
    expect(patternMatcher('*')('servatrice.account.registered')).toBe(true);
    expect(patternMatcher('servatrice.account.registered')('servatrice.account.registered')).toBe(true);
    expect(patternMatcher('servatrice.account')('servatrice.account.registered')).toBe(false);
    expect(patternMatcher('servatrice.a.count.*')('servatrice.account.registered')).toBe(false);
    expect(patternMatcher('ibc.*')('servatrice.account.registered')).toBe(false);
  });

  it('sends an event once per destination, with the union of the routes\' mentions, honouring minimum severities', () => {
    const route = compileRouter(
      routes([
        { events: 'servatrice.*', to: ['signups', { destination: 'mods', mentions: { roles: [ROLE] } }] },
        { events: ['servatrice.account.registered'], to: [{ destination: 'mods', mentions: { users: [USER] } }] },
        { events: '*', to: [{ destination: 'alerts', minSeverity: 'warning' }] },
      ]),
      ids,
    );
    expect(route({ type: 'servatrice.account.registered', severity: 'info' })).toEqual([
      { destinationId: 1, mentions: null },
      { destinationId: 2, mentions: { users: [USER], roles: [ROLE] } },
    ]);
    expect(route({ type: 'servatrice.account.registered', severity: 'critical' }).map((t) => t.destinationId)).toEqual([1, 2, 3]);
  });

  it('refuses routes to unknown destinations and patterns that match no event type, naming the key', () => {
    const bad = routes([{ events: ['servatrice.acount.*'], to: ['signups', 'nowhere'] }]);
    let error: unknown;
    try {
      checkRoutes(bad, ids.keys());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigErrors);
    expect((error as Error).message).toContain('routes.0.events.0: "servatrice.acount.*" matches no event type');
    expect((error as Error).message).toContain('routes.0.to.1: no destination named "nowhere"');
  });

  it('rejects ids written as bare YAML numbers (they lose digits), unknown keys and bad severities', () => {
    expect(() => routes([{ events: '*', to: [{ destination: 'mods', mentions: { roles: [300000000000000001] } }] }])).toThrow(/routes\.0\.to\.0.*put Discord ids in quotes/s);
    expect(() => routes([{ events: '*', to: [{ destination: 'mods', ping: 'everyone' }] }])).toThrow(/routes\.0\.to\.0/);
    expect(() => routes([{ events: '*', to: [{ destination: 'mods', minSeverity: 'urgent' }] }])).toThrow(/minSeverity/);
  });

  it('turns destinations into rows labelled without secrets; each names exactly one target', () => {
    const destinations = parseConfig(
      destinationsSection,
      { signups: { webhook: 'https://discord.com/api/webhooks/123456789012345678/secret-token' }, mods: { channel: '400000000000000001', label: '#mods' } },
      'destinations',
    );
    const specs = destinationSpecs(destinations);
    expect(specs).toEqual([
      { key: 'signups', kind: 'webhook', target: 'https://discord.com/api/webhooks/123456789012345678/secret-token', label: expect.not.stringContaining('secret-token') },
      { key: 'mods', kind: 'channel', target: '400000000000000001', label: '#mods' },
    ]);
    expect(() => parseConfig(destinationsSection, { both: { webhook: 'https://x.invalid/a', channel: '400000000000000001' } }, 'destinations')).toThrow(
      /destinations\.both.*exactly one of webhook or channel/s,
    );
    expect(() => parseConfig(destinationsSection, { 'Bad Name': { channel: '400000000000000001' } }, 'destinations')).toThrow(/lowercase/);
  });
});
