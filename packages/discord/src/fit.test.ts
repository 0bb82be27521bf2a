import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { BLANK_PLACEHOLDER, embedLength, fitContent, fitEmbed, truncate } from './fit.js';
import { limitViolations } from './check.js';

/** One embed must always be sendable on its own: every per-embed limit and the 6000 total. */
function assertEmbedWithinLimits(embed: APIEmbed): void {
  expect(limitViolations({ embeds: [embed] })).toEqual([]);
}

describe('truncate', () => {
  it('leaves short text alone and ends cut text with an ellipsis at exactly the limit', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 5)).toBe('hell…');
    expect(truncate('hello world', 5)).toHaveLength(5);
  });

  it('never leaves half of a surrogate pair', () => {
    const out = truncate('ab😀cd', 4); // "ab" + high surrogate would be cut
    expect(out).toBe('ab…');
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('embedLength', () => {
  it('counts title, description, field names and values, footer text and author name only', () => {
    const embed: APIEmbed = {
      title: 'abc',
      description: 'de',
      url: 'https://example.com/not-counted',
      fields: [{ name: 'f', value: 'gh' }],
      footer: { text: 'ijkl', icon_url: 'https://example.com/x.png' },
      author: { name: 'mn' },
      color: 123,
    };
    expect(embedLength(embed)).toBe(3 + 2 + 1 + 2 + 4 + 2);
  });
});

describe('fitEmbed', () => {
  it('truncates each text to its limit and keeps other properties', () => {
    const fitted = fitEmbed({
      title: 't'.repeat(300),
      description: 'd'.repeat(5000),
      footer: { text: 'f'.repeat(100), icon_url: 'https://example.com/i.png' },
      author: { name: 'a'.repeat(300), url: 'https://example.com' },
      color: 0xff0000,
      url: 'https://example.com/event',
    });
    expect(fitted.title).toBe(`${'t'.repeat(255)}…`);
    expect(fitted.description).toHaveLength(4096);
    expect(fitted.description?.endsWith('…')).toBe(true);
    expect(fitted.author).toEqual({ name: `${'a'.repeat(255)}…`, url: 'https://example.com' });
    expect(fitted.footer?.icon_url).toBe('https://example.com/i.png');
    expect(fitted.color).toBe(0xff0000);
    expect(fitted.url).toBe('https://example.com/event');
    assertEmbedWithinLimits(fitted);
  });

  it('does not modify its input', () => {
    const input: APIEmbed = { title: 'x'.repeat(300), fields: [{ name: '', value: 'v' }] };
    const copy = structuredClone(input);
    fitEmbed(input);
    expect(input).toEqual(copy);
  });

  it('replaces blank field names and values with a zero-width placeholder and drops blank footer/author', () => {
    const fitted = fitEmbed({ fields: [{ name: '', value: '  ', inline: true }], footer: { text: ' ' }, author: { name: '' } });
    expect(fitted.fields).toEqual([{ name: BLANK_PLACEHOLDER, value: BLANK_PLACEHOLDER, inline: true }]);
    expect(fitted.footer).toBeUndefined();
    expect(fitted.author).toBeUndefined();
  });

  it('keeps 24 of 30 fields and says how many more there were', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    const fitted = fitEmbed({ fields });
    expect(fitted.fields).toHaveLength(25);
    expect(fitted.fields?.slice(0, 24)).toEqual(fields.slice(0, 24));
    expect(fitted.fields?.[24]).toEqual({ name: '…', value: '6 more not shown' });
  });

  it('keeps an embed with long fields under the 6000 total by dropping trailing fields', () => {
    const fields = Array.from({ length: 10 }, (_, i) => ({ name: `field ${i}`, value: 'x'.repeat(1024) }));
    const fitted = fitEmbed({ title: 'report', fields });
    assertEmbedWithinLimits(fitted);
    const kept = fitted.fields ?? [];
    expect(kept.at(-1)?.value).toMatch(/^\d+ more not shown$/);
    expect(kept.length - 1 + Number.parseInt(kept.at(-1)?.value ?? '', 10)).toBe(10);
    expect(kept.slice(0, -1)).toEqual(fields.slice(0, kept.length - 1));
  });

  it('shortens the description when title, description, footer and author alone exceed 6000', () => {
    const fitted = fitEmbed({ title: 't'.repeat(256), description: 'd'.repeat(4096), footer: { text: 'f'.repeat(2048) }, author: { name: 'a'.repeat(256) } });
    expect(embedLength(fitted)).toBe(6000);
    expect(fitted.title).toHaveLength(256);
    expect(fitted.footer?.text).toHaveLength(2048);
    expect(fitted.description?.endsWith('…')).toBe(true);
  });
});

describe('fitContent', () => {
  it('returns short text as one chunk and empty text as none', () => {
    expect(fitContent('hello')).toEqual(['hello']);
    expect(fitContent('')).toEqual([]);
  });

  it('splits on line boundaries and loses no line', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(i % 40)}`);
    const chunks = fitContent(lines.join('\n'));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2000);
    expect(chunks.flatMap((c) => c.split('\n'))).toEqual(lines);
  });

  it('splits a single over-long line at spaces, or anywhere when it has none', () => {
    const words = Array.from({ length: 800 }, (_, i) => `w${i}`).join(' ');
    const chunks = fitContent(words, 100);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(100);
    expect(chunks.join(' ')).toBe(words);

    const solid = 'y'.repeat(4500);
    expect(fitContent(solid).map((c) => c.length)).toEqual([2000, 2000, 500]);
  });
});
