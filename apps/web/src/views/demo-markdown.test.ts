import { describe, expect, it } from 'vitest';
import { discordMarkdown, safeLinkTarget, type MentionNames } from './demo-markdown.js';

const none: MentionNames = { user: () => undefined, role: () => undefined, channel: () => undefined };
const render = (text: string) => discordMarkdown(text, none).value;

describe('discordMarkdown', () => {
  it('links only http(s) URLs, whatever the spelling of another scheme', () => {
    for (const target of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '//evil.example', 'not a url']) {
      expect(safeLinkTarget(target), target).toBeUndefined();
    }
    expect(safeLinkTarget('https://example.com/x y')).toBe('https://example.com/x%20y');
    expect(render('[a](JaVaScRiPt:alert(1)) <javascript:alert(2)>')).not.toContain('href');
    expect(render('see https://example.com/"onmouseover=x')).toContain('href="https://example.com/%22onmouseover=x"');
  });

  it("drops Discord's escapes, shows timestamps as dates and custom emoji by name, and masks e-mail addresses across markup", () => {
    expect(render('player\\_5269 \\*not bold\\*')).toBe('player_5269 *not bold*');
    expect(render('<t:1795301961:F>')).toMatch(/^2026-11-21 \d\d:\d\d:\d\d UTC$/);
    expect(render('<:party:123456789012345678>')).toBe(':party:');
    // Italics would split the address into pieces the mask no longer recognises: it is masked first.
    expect(render('*first_user@example.org*')).toBe('<em>[email]</em>');
  });

  it('names unknown mentions as Discord does', () => {
    expect(render('<@123456789012345678> <@&123456789012345678> <#123456789012345678> @everyone')).toBe(
      '<span class="mention">@unknown-user</span> <span class="mention">@deleted-role</span> <span class="mention">#unknown</span> <span class="mention">@everyone</span>',
    );
  });
});
