import { describe, expect, it } from 'vitest';
import { limitViolations } from './check.js';

describe('limitViolations', () => {
  it('accepts a message within every limit', () => {
    expect(limitViolations({ content: 'hi', embeds: [{ title: 't', fields: [{ name: 'n', value: 'v' }] }] })).toEqual([]);
  });

  it('names each broken limit', () => {
    const problems = limitViolations({
      content: 'c'.repeat(2001),
      embeds: [
        { title: 't'.repeat(257), fields: [{ name: '', value: 'v'.repeat(1025) }] },
        ...Array.from({ length: 10 }, () => ({ description: 'd'.repeat(600) })),
      ],
    });
    expect(problems).toEqual([
      'embeds[0].title: 257 > 256',
      'embeds[0].fields[0].value: 1025 > 1024',
      'embeds[0].fields[0].name is blank',
      'content: 2001 > 2000',
      'embeds: 11 > 10',
      'embed characters: 7282 > 6000',
    ]);
  });

  it('rejects an empty message', () => {
    expect(limitViolations({})).toEqual(['message is empty']);
  });
});
