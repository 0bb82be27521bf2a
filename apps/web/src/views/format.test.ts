import { describe, expect, it } from 'vitest';
import { escapeDiscordText } from '@herald/discord/text';
import { discordDisplayText, formatDuration } from './format.js';

describe('discordDisplayText', () => {
  it('shows timestamps as dates and drops markdown escapes, as a Discord client would', () => {
    expect(discordDisplayText('<t:1795301961:F> (<t:1795301961:R>)')).toMatch(/^2026-11-21 \d\d:\d\d:\d\d UTC \((\d+ [smhd].* ago|in .*)\)$/);
    expect(discordDisplayText('player\\_5269')).toBe('player_5269');
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
