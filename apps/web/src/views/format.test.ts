import { describe, expect, it } from 'vitest';
import { escapeDiscordText } from '@herald/discord/text';
import { discordDisplayText, formatDuration, relativeTime } from './format.js';

describe('discordDisplayText', () => {
  it('shows timestamps as dates and drops markdown escapes, as a Discord client would', () => {
    expect(discordDisplayText('<t:1795301961:F> (<t:1795301961:R>)')).toMatch(/^2026-11-21 \d\d:\d\d:\d\d UTC \((\d+ \w+ ago|in \d+ \w+)\)$/);
    expect(discordDisplayText('player\\_5269')).toBe('player_5269');
  });
});

describe('relativeTime', () => {
  it("words <t:…:R> as Discord does (moment's fromNow thresholds), in the past and the future", () => {
    const now = Date.UTC(2026, 10, 30, 12);
    const at = (secondsFromNow: number) => relativeTime(now / 1000 + secondsFromNow, now);
    expect([at(-5), at(-44), at(-50), at(-44 * 60), at(-46 * 60), at(-21 * 3600), at(-23 * 3600)]).toEqual([
      '5 seconds ago', '44 seconds ago', '1 minute ago', '44 minutes ago', '1 hour ago', '21 hours ago', '1 day ago',
    ]);
    expect([at(2 * 86_400), at(27 * 86_400), at(-1111 * 86_400), at(400 * 86_400)]).toEqual(['in 2 days', 'in 1 month', '3 years ago', 'in 1 year']);
  });
});

describe('discordDisplayText and escapeDiscordText', () => {
  it('shows escaped text exactly as it was, and drops the escapes Discord clients drop', () => {
    const raw = 'a\\b *bold* _it_ ~~s~~ ||spoiler|| `code` > quote [x](y) <@123> <t:1:F>\n# heading\n- item\nwin 100%';
    expect(discordDisplayText(escapeDiscordText(raw))).toBe(raw);
    expect(discordDisplayText('1\\. not a list \\:smile\\: \\a\\1 \\ x')).toBe('1. not a list :smile: \\a\\1 \\ x');
  });
});

describe('formatDuration', () => {
  it("is @herald/discord/text's format, and a dash when unknown", () => {
    expect([125, 3 * 3600 + 5 * 60, null, undefined, Number.NaN].map(formatDuration)).toEqual(['2 min', '3 h 5 min', '—', '—', '—']);
  });
});
