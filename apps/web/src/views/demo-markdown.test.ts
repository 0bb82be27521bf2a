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
    expect(render('<:party:123456789012345678>')).toBe('<span class="md-emoji" role="img" aria-label=":party:" title=":party:">:party:</span>');
    // Italics would split the address into pieces the mask no longer recognises: it is masked first.
    expect(render('*first_user@example.org*')).toBe('<em>[email]</em>');
  });

  it('names unknown mentions as Discord does', () => {
    expect(render('<@123456789012345678> <@&123456789012345678> <#123456789012345678> @everyone')).toBe(
      '<span class="mention">@unknown-user</span> <span class="mention">@deleted-role</span> <span class="mention">#unknown</span> <span class="mention">@everyone</span>',
    );
  });

  it('starts a header on the line after a quote, as Discord does', () => {
    expect(render('> quote\n# Header')).toBe('<div class="md-quote">quote<br></div><div class="md-h md-h1">Header</div>');
    expect(render('> one\n> two\n## Second\ntext')).toBe('<div class="md-quote">one<br>two<br></div><div class="md-h md-h2">Second</div>text');
    // Only at the start of a line, with a space, at most three #.
    expect(render('a # b')).toBe('a # b');
    expect(render('#nospace\n#### four')).toBe('#nospace<br>#### four');
  });

  it('keeps subtext on its own line: the next line starts below it', () => {
    expect(render('-# small print\nnext line')).toBe('<div class="md-sub">small print</div>next line');
    expect(render('text\n-# small\n-# smaller\nmore')).toBe('text<br><div class="md-sub">small</div><div class="md-sub">smaller</div>more');
    expect(render('> quoted\n-# after the quote')).toBe('<div class="md-quote">quoted<br></div><div class="md-sub">after the quote</div>');
  });

  it('renders bulleted and numbered lists, numbered from the first number, nested by indentation', () => {
    expect(render('- one\n* two\nafter')).toBe('<ul class="md-list"><li>one</li><li>two</li></ul>after');
    expect(render('1. first\n2. second')).toBe('<ol class="md-list"><li>first</li><li>second</li></ol>');
    expect(render('3. third\n7. fourth\n  - inner **bold**\n  - inner 2\n9. fifth')).toBe(
      '<ol class="md-list" start="3"><li>third</li><li>fourth<ul class="md-list"><li>inner <strong>bold</strong></li><li>inner 2</li></ul></li><li>fifth</li></ol>',
    );
    expect(render('> - quoted item')).toBe('<div class="md-quote"><ul class="md-list"><li>quoted item</li></ul></div>');
    // Not lists: mid-line markers, no space after the marker, a marker alone, code blocks.
    expect(render('a - b * c 1. d')).toBe('a - b * c 1. d');
    expect(render('-5 degrees\n*italic*')).toBe('-5 degrees<br><em>italic</em>');
    expect(render('- ')).toBe('- ');
    expect(render('```\n- a\n```')).toBe('<pre class="md-pre"><code>- a</code></pre>');
  });

  it('shows custom emoji, animated or not, by name in a styled chip, loading nothing', () => {
    expect(render('hi <a:wave:1234> <:ok_hand:99>')).toBe(
      'hi <span class="md-emoji" role="img" aria-label=":wave:" title=":wave: (animated)">:wave:</span> <span class="md-emoji" role="img" aria-label=":ok_hand:" title=":ok_hand:">:ok_hand:</span>',
    );
    // Not an emoji: a name Discord refuses (one letter, a quote) stays text, escaped.
    expect(render('<:x:1> <:a"b:12>')).toBe('&lt;:x:1&gt; &lt;:a&quot;b:12&gt;');
  });

  it('keeps every block escaped: HTML in headers, subtext, lists and quotes stays text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    for (const text of [`# ${hostile}`, `-# ${hostile}`, `- ${hostile}`, `1. ${hostile}`, `> ${hostile}\n# ${hostile}`, `- [a](javascript:alert(1))`]) {
      const out = render(text);
      expect(out, text).not.toMatch(/<img|<script|href="javascript/i);
      if (text.includes('<img')) expect(out, text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });
});
