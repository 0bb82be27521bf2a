import { describe, expect, it } from 'vitest';
import { validateMessageBody } from './validate.js';

const check = (body: Record<string, unknown>, checkNonce = false) => validateMessageBody(body, { checkNonce });
const field = (name: string, value: string) => ({ name, value });

describe('validateMessageBody', () => {
  it('accepts content or embeds at their limits', () => {
    expect(check({ content: 'x'.repeat(2000) })).toBeUndefined();
    expect(check({ embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(4096) }] })).toBeUndefined();
    expect(check({ embeds: Array.from({ length: 10 }, () => ({ title: 'a' })) })).toBeUndefined();
  });

  it('rejects an empty message with 50006', () => {
    for (const body of [{}, { content: '' }, { content: '   ', embeds: [] }]) {
      expect(check(body)).toEqual({ code: 50006, message: 'Cannot send an empty message' });
    }
  });

  it('reports content over 2000 characters at errors.content', () => {
    expect(check({ content: 'x'.repeat(2001) })).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    });
  });

  it('reports each per-embed limit at its path', () => {
    const result = check({
      embeds: [
        {
          title: 't'.repeat(257),
          description: 'd'.repeat(4097),
          footer: { text: 'f'.repeat(2049) },
          author: { name: 'a'.repeat(257) },
          fields: [field('', 'v'), field('n', ''), field('n'.repeat(257), 'v'.repeat(1025))],
        },
      ],
    });
    const embed = (result?.errors?.embeds as Record<string, Record<string, unknown>>)['0'];
    expect(Object.keys(embed ?? {}).sort()).toEqual(['author', 'description', 'fields', 'footer', 'title']);
    expect(embed?.fields).toEqual({
      '0': { name: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } },
      '1': { value: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } },
      '2': {
        name: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] },
        value: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 1024 or fewer in length.' }] },
      },
    });
  });

  it('rejects more than 10 embeds and more than 25 fields', () => {
    expect(check({ embeds: Array.from({ length: 11 }, () => ({ title: 'a' })) })?.errors).toEqual({
      embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] },
    });
    const fields = Array.from({ length: 26 }, () => field('n', 'v'));
    expect(check({ embeds: [{ fields }] })?.errors).toHaveProperty(['embeds', '0', 'fields', '_errors']);
  });

  it('counts the 6000-character total over all embeds and only the counted parts', () => {
    // 4 embeds × (1500 description) = 6000 → fine; one more character → too big.
    const embeds = Array.from({ length: 4 }, () => ({ description: 'd'.repeat(1500), url: 'u'.repeat(5000) }));
    expect(check({ embeds })).toBeUndefined();
    const over = [...embeds, { footer: { text: 'f' } }];
    expect(check({ embeds: over })?.errors).toEqual({
      embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }] },
    });
  });

  it('checks nonce length only where nonces are accepted', () => {
    expect(check({ content: 'x', nonce: 'n'.repeat(26) })).toBeUndefined();
    expect(check({ content: 'x', nonce: 'n'.repeat(26) }, true)?.errors).toHaveProperty('nonce');
    expect(check({ content: 'x', nonce: 12345 }, true)).toBeUndefined();
  });
});
