import type { ServatriceAccountRegistered } from '@herald/contracts';
import { describe, expect, it } from 'vitest';
import { dryRunLine, renderAccountEmbed, testWebhookMessage } from './render.js';

const payload: ServatriceAccountRegistered = {
  source: 'default',
  accountId: 42,
  name: 'alice',
  realName: 'Alice A.',
  email: 'alice@example.org',
  registeredAt: '2026-06-21T05:09:57.000Z',
};
const epoch = Date.UTC(2026, 5, 21, 5, 9, 57) / 1000;

describe('renderAccountEmbed', () => {
  it('renders all fields in order with Discord timestamps', () => {
    expect(renderAccountEmbed(payload)).toEqual({
      title: 'New account registered',
      color: 0x5865f2,
      fields: [
        { name: 'Username', value: 'alice', inline: false },
        { name: 'Real name', value: 'Alice A.', inline: false },
        { name: 'Email', value: 'alice@example.org', inline: false },
        { name: 'Registered', value: `<t:${epoch}:F> (<t:${epoch}:R>)`, inline: false },
      ],
      footer: { text: 'Servatrice · default · #42' },
      timestamp: '2026-06-21T05:09:57.000Z',
    });
  });

  it('omits absent personal fields and handles an empty name and unknown date', () => {
    const embed = renderAccountEmbed({ source: 's', accountId: 7, name: '', registeredAt: null });
    expect(embed.fields).toEqual([
      { name: 'Username', value: '(none)', inline: false },
      { name: 'Registered', value: '(unknown)', inline: false },
    ]);
    expect(embed).not.toHaveProperty('timestamp');
  });

  it('escapes markdown and neutralises mentions in user-chosen text', () => {
    const embed = renderAccountEmbed({
      ...payload,
      name: '**bold**_x_~~s~~||sp||`c`>q\\',
      realName: '# Big\n- item [link](http://x) <@123> @everyone @here',
    });
    expect(embed.fields?.[0]?.value).toBe('\\*\\*bold\\*\\*\\_x\\_\\~\\~s\\~\\~\\|\\|sp\\|\\|\\`c\\`\\>q\\\\');
    expect(embed.fields?.[1]?.value).toBe('\\# Big\n\\- item \\[link\\](http://x) \\<@123\\> @\u200beveryone @\u200bhere');
  });

  it('keeps escaped values within the 1024-character field limit without a dangling backslash', () => {
    const embed = renderAccountEmbed({ ...payload, realName: `a${'*'.repeat(1100)}` });
    const value = embed.fields?.[1]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(1024);
    // Cut between escapes, marked with an ellipsis: never a lone backslash escaping the ellipsis.
    expect(value.endsWith('\\*…')).toBe(true);
  });
});

describe('testWebhookMessage', () => {
  it('is the seed test embed', () => {
    expect(testWebhookMessage()).toEqual({
      embeds: [{ title: 'Account monitor test', color: 5793266, description: 'If you can see this, the webhook is configured correctly.' }],
    });
  });
});

describe('dryRunLine', () => {
  it('never shows personal data on the terminal', () => {
    expect(dryRunLine(payload)).toBe('[dry-run] would post: id=42 name="alice" realName=<hidden> email=<hidden> reg=2026-06-21T05:09:57.000Z');
    expect(dryRunLine({ source: 's', accountId: 1, name: 'bob', registeredAt: null })).toBe(
      '[dry-run] would post: id=1 name="bob" realName=(not posted) email=(not posted) reg=(unknown)',
    );
  });
});
