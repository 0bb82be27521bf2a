import { describe, expect, it } from 'vitest';
import { discordDisplayText } from './format.js';

describe('discordDisplayText', () => {
  it('shows timestamps as dates and drops markdown escapes, as a Discord client would', () => {
    expect(discordDisplayText('<t:1795301961:F> (<t:1795301961:R>)')).toMatch(/^2026-11-21 \d\d:\d\d:\d\d UTC \((\d+[smhd].* ago|in .*)\)$/);
    expect(discordDisplayText('player\\_5269')).toBe('player_5269');
  });
});
