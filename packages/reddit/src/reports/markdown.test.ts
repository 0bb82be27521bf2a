import { describe, expect, it } from 'vitest';
import { CommentLinkRel, isSafeLinkTarget, MaxBodyLength, renderRedditMarkdown } from './markdown.js';

/** Every `href` and `src` value of some HTML. */
const urls = (html: string) => [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);

describe('renderRedditMarkdown', () => {
  it('renders Reddit Markdown: emphasis, strikethrough, quotes, lists, code, tables and bare URLs', () => {
    const out = renderRedditMarkdown(
      '**bold** *it* ~~gone~~ `code`\n\n> quoted\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nsee https://example.org/x?y=1 now',
    );
    expect(out).toContain('<strong>bold</strong> <em>it</em> <s>gone</s> <code>code</code>');
    expect(out).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(out).toContain('<ol>\n<li>one</li>\n<li>two</li>\n</ol>');
    expect(out).toContain('<div class="md-table"><table>');
    expect(out).toContain('</table>\n</div>');
    expect(out).toContain(`see <a href="https://example.org/x?y=1" rel="${CommentLinkRel}">https://example.org/x?y=1</a> now`);
  });

  it('shows raw HTML as text: no tag from a body reaches the page', () => {
    const out = renderRedditMarkdown('<script>alert(1)</script> <img src=x onerror=alert(2)> <a href="javascript:alert(3)">x</a>\n\n<iframe src="https://evil.example">');
    expect(out).not.toMatch(/<(script|img|iframe)\b/i);
    expect(out).not.toMatch(/<a href="javascript/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('never links script-capable or data URLs, however they are spelled', () => {
    const hostile = [
      '[a](javascript:alert(1))',
      '[b](JaVaScRiPt:alert(1))',
      '[c](vbscript:msgbox(1))',
      '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[e](data:image/png;base64,iVBORw0KGgo=)',
      '[f](java&#x09;script:alert(1))',
      '[g](javascript&colon;alert(1))',
      '[h](file:///etc/passwd)',
      '<javascript:alert(1)>',
      '![i](data:image/gif;base64,R0lGODlhAQABAAAAACw=)',
      '[j](  javascript:alert(1)  )',
    ].join('\n\n');
    const out = renderRedditMarkdown(hostile);
    expect(urls(out)).toEqual(['https://www.reddit.com/java%09script:alert(1)']); // `[f]`: harmless once encoded, a reddit.com path
    for (const url of urls(out)) expect(url).toMatch(/^https:\/\/www\.reddit\.com\//);
    expect(out).not.toMatch(/href="(javascript|vbscript|data|file):/i);
  });

  it('gives every link rel="nofollow noopener noreferrer" and resolves relative links on reddit.com', () => {
    const out = renderRedditMarkdown('[sub](/r/test) [user](/u/someone) [frag](#12) [proto](//evil.example/x) <https://example.org> mail me: <me@example.org>');
    expect(urls(out)).toEqual([
      'https://www.reddit.com/r/test',
      'https://www.reddit.com/u/someone',
      'https://www.reddit.com/#12',
      'https://evil.example/x',
      'https://example.org',
      'mailto:me@example.org',
    ]);
    expect(out.match(/<a /g)).toHaveLength(6);
    expect(out.match(new RegExp(`rel="${CommentLinkRel}"`, 'g'))).toHaveLength(6);
  });

  it('renders images as links to them: nothing is loaded', () => {
    const out = renderRedditMarkdown('![a cat](https://i.example.org/cat.png) ![](https://i.example.org/dog.png "t")');
    expect(out).not.toContain('<img');
    expect(out).toContain(`<a href="https://i.example.org/cat.png" rel="${CommentLinkRel}" class="md-image" title="image (not loaded)">a cat</a>`);
    expect(out).toContain('>https://i.example.org/dog.png</a>');
  });

  it('moves headings below the page’s own', () => {
    expect(renderRedditMarkdown('# big\n\n### small\n\n###### tiny')).toBe('<h4>big</h4>\n<h6>small</h6>\n<h6>tiny</h6>\n');
  });

  it('keeps a huge table inside a scrolling wrapper', () => {
    const columns = 300;
    const row = (cell: string) => `|${Array.from({ length: columns }, (_, i) => `${cell}${i}`).join('|')}|`;
    const table = [row('h'), `|${'---|'.repeat(columns)}`, ...Array.from({ length: 30 }, () => row('c'))].join('\n');
    const out = renderRedditMarkdown(table);
    expect(out.startsWith('<div class="md-table"><table>')).toBe(true);
    expect(out.match(/<th>/g)).toHaveLength(columns);
  });

  it('cuts bodies longer than Reddit allows, with a note, and bounds hostile nesting', () => {
    const long = 'word '.repeat(8000); // 40,000 characters
    const out = renderRedditMarkdown(long);
    expect(out).toContain(`[… ${(long.length - MaxBodyLength).toLocaleString('en-US')} more characters not shown: longer than Reddit allows]`);
    expect(out.length).toBeLessThan(MaxBodyLength + 500);
    const nested = renderRedditMarkdown('>'.repeat(5000) + ' deep ' + '*['.repeat(5000));
    expect(nested.match(/<blockquote>/g)!.length).toBeLessThanOrEqual(20);
  });

  it('keeps text intact: entities and Markdown escapes as Reddit shows them', () => {
    expect(renderRedditMarkdown('a &amp; b < c > d "e" \\*not italic\\*')).toBe('<p>a &amp; b &lt; c &gt; d &quot;e&quot; *not italic*</p>\n');
  });
});

describe('isSafeLinkTarget', () => {
  it('allows relative links and http, https, mailto only', () => {
    expect(['/r/x', 'r/x', '#a', '?q', 'https://a.b', 'HTTP://a.b', 'mailto:a@b.c'].every(isSafeLinkTarget)).toBe(true);
    expect(['javascript:x', ' javascript:x', 'java\tscript:x', 'data:x', 'vbscript:x', 'file:x', 'ftp://x', 'chrome://x'].some(isSafeLinkTarget)).toBe(false);
  });
});
