import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { CommandRegistry } from '../registry.js';
import { commandContext } from '../test-support.js';
import { status } from './status.js';
import { renderStatusEmbed, type StatusReport } from './status-embed.js';
import { version } from './version.js';

const generatedAt = new Date('2026-11-21T12:00:00Z');

function report(overrides: Partial<StatusReport> = {}): StatusReport {
  return {
    generatedAt,
    sources: [
      { key: 'servatrice', lastSuccessAt: new Date('2026-11-21T11:59:30Z'), lagSeconds: 4, lastError: null },
      { key: 'ibc', lastSuccessAt: null, lagSeconds: null, lastError: 'connect ECONNREFUSED 10.0.0.5:26657 (https://user:hunter2@rpc.example/status)', failingSince: new Date('2026-11-21T11:50:00Z') },
    ],
    queues: [
      { name: 'events', waiting: 3, delayed: 1, active: 2, failed: 0 },
      { name: 'deliveries', waiting: 0, delayed: 0, active: 0, failed: 5 },
    ],
    openDeliveries: 7,
    destinations: [
      { label: 'Sign-ups', kind: 'webhook', status: 'healthy', failureStreak: 0, lastError: null, quarantineReason: null },
      {
        label: 'Mod alerts',
        kind: 'webhook',
        status: 'quarantined',
        failureStreak: 3,
        lastError: 'POST https://discord.com/api/webhooks/123456789012345678/SECRETTOKEN returned 404',
        quarantineReason: '404 Unknown Webhook',
      },
      { label: 'IBC *ops*', kind: 'bot', status: 'failing', failureStreak: 2, lastError: '503 from https://discord.com/api/v10/channels/1/messages', quarantineReason: null },
    ],
    ...overrides,
  };
}

function field(embed: APIEmbed, name: string): string {
  const found = embed.fields?.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found.value;
}

describe('status', () => {
  it('is privileged and renders the report the deps provide', async () => {
    expect(status.permission).toBe('privileged');
    const registry = new CommandRegistry([status]);
    const result = await status.run(commandContext({ status: async () => report() }, registry), {});
    expect(result).toEqual({ embeds: [renderStatusEmbed(report())] });
  });

  it('shows each source with a relative timestamp, lag and last error', () => {
    const sources = field(renderStatusEmbed(report()), 'Sources');
    expect(sources).toBe(
      [
        `**servatrice** — last poll <t:${Date.parse('2026-11-21T11:59:30Z') / 1000}:R> · lag 4 s`,
        `**ibc** — never polled successfully · **failing** since <t:${Date.parse('2026-11-21T11:50:00Z') / 1000}:R>`,
        '  ⚠ connect ECONNREFUSED 10.0.0.5:26657 (\\<url\\>',
      ].join('\n'),
    );
  });

  it('shows queue depths and open deliveries', () => {
    const embed = renderStatusEmbed(report());
    expect(field(embed, 'Queues')).toBe(
      '**events** — 3 waiting · 1 delayed · 2 active · 0 failed\n**deliveries** — 0 waiting · 0 delayed · 0 active · 5 failed',
    );
    expect(field(embed, 'Open deliveries')).toBe('7');
    expect(embed.timestamp).toBe(generatedAt.toISOString());
  });

  it('names failing and quarantined destinations by label only, never by target', () => {
    const embed = renderStatusEmbed(report());
    const destinations = field(embed, 'Destinations');
    expect(destinations).toBe(
      ['**Mod alerts** (webhook) — quarantined: 404 Unknown Webhook', '**IBC \\*ops\\*** (bot) — failing (2 in a row): 503 from \\<url\\>'].join('\n'),
    );
    const all = JSON.stringify(embed);
    expect(all).not.toContain('SECRETTOKEN');
    expect(all).not.toContain('hunter2');
    expect(all).not.toMatch(/https?:\/\//);
    expect(all).not.toContain('Sign-ups');
  });

  it('says all destinations are healthy when they are', () => {
    const embed = renderStatusEmbed(report({ destinations: [report().destinations[0]!], sources: [] }));
    expect(field(embed, 'Destinations')).toBe('All destinations healthy');
    expect(field(embed, 'Sources')).toBe('No sources reported.');
  });

  it('fits Discord embed limits with a huge report', () => {
    const many = report({
      sources: Array.from({ length: 200 }, (_, i) => ({ key: `source-${i}`, lastSuccessAt: generatedAt, lagSeconds: 1e6, lastError: 'e'.repeat(5000) })),
      queues: Array.from({ length: 200 }, (_, i) => ({ name: `queue-${i}`, waiting: 1, delayed: 2, active: 3, failed: 4 })),
      destinations: Array.from({ length: 200 }, (_, i) => ({
        label: 'l'.repeat(300) + i,
        kind: 'webhook',
        status: 'failing',
        failureStreak: i + 1,
        lastError: 'x'.repeat(3000),
        quarantineReason: null,
      })),
    });
    const embed = renderStatusEmbed(many);
    for (const f of embed.fields ?? []) {
      expect(f.value.length).toBeLessThanOrEqual(1024);
      expect(f.name.length).toBeLessThanOrEqual(256);
    }
    const total = (embed.title ?? '').length + (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(field(embed, 'Destinations')).toMatch(/… and \d+ more$/);
  });

  it('shows what is off for want of a privileged intent, with the fix, and only then', () => {
    const healthy = report({ sources: [], destinations: [] });
    expect(renderStatusEmbed(healthy).fields?.map((f) => f.name)).not.toContain('Bot features off');
    const embed = renderStatusEmbed({ ...healthy, botFeaturesOff: ['prefix commands (discord.bot.messageContent)', 'welcome messages (community.welcome)'] });
    expect(field(embed, 'Bot features off')).toBe(
      [
        'Discord refused their privileged intents: enable them in the Developer Portal (Bot → Privileged Gateway Intents) and restart.',
        '• prefix commands (discord.bot.messageContent)',
        '• welcome messages (community.welcome)',
      ].join('\n'),
    );
    expect(embed.color).not.toBe(renderStatusEmbed(healthy).color);
  });
});

describe('version', () => {
  it('replies with the Herald version from deps and the Node version', async () => {
    const registry = new CommandRegistry([version]);
    expect(version.permission).toBe('everyone');
    await expect(version.run(commandContext({ version: '1.2.3' }, registry), {})).resolves.toBe(`Herald 1.2.3 (Node.js ${process.version})`);
  });
});
