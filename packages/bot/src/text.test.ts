import { describe, expect, it } from 'vitest';
import { packLines } from './text.js';

describe('packLines', () => {
  it('packs lines into texts within the limit, in order, losing none (the tail included)', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${String(i).padStart(2, '0')} ${'x'.repeat(40)}`);
    const texts = packLines(lines, 200);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(200);
    expect(texts.join('\n').split('\n')).toEqual(lines);
  });

  it('gives one text for a short list and one empty text for none; cuts a single overlong line', () => {
    expect(packLines(['a', 'b'], 10)).toEqual(['a\nb']);
    expect(packLines([], 10)).toEqual(['']);
    expect(packLines(['0123456789abc', 'd'], 10)).toEqual(['012345678…', 'd']);
  });
});
