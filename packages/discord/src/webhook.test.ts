import { describe, expect, it } from 'vitest';
import { InvalidWebhookUrlError, parseWebhookTarget, webhookLabel } from './webhook.js';

const id = '1234567890123456789';
const token = 'AbC_def-GHI.jkl012345678901234567890123456789012345678901234567890-xyz';

describe('parseWebhookTarget', () => {
  it.each([
    `https://discord.com/api/webhooks/${id}/${token}`,
    `https://discordapp.com/api/webhooks/${id}/${token}`,
    `https://ptb.discord.com/api/webhooks/${id}/${token}`,
    `https://canary.discord.com/api/v10/webhooks/${id}/${token}/`,
    `  https://discord.com/api/v9/webhooks/${id}/${token}?wait=true  `,
    `http://discord-proxy.internal:8080/api/webhooks/${id}/${token}`,
    `https://proxy.example.org/discord/api/v10/webhooks/${id}/${token}`,
  ])('reads id and token from %s', (url) => {
    expect(parseWebhookTarget(url)).toEqual({ id, token });
  });

  it('reads the thread id', () => {
    expect(parseWebhookTarget(`https://discord.com/api/webhooks/${id}/${token}?thread_id=987654321098765432`)).toEqual({
      id,
      token,
      threadId: '987654321098765432',
    });
  });

  it.each([
    ['not a URL', 'discord.com/api/webhooks/1/abc'],
    ['wrong scheme', `ftp://discord.com/api/webhooks/${id}/${token}`],
    ['missing token', `https://discord.com/api/webhooks/${id}`],
    ['non-numeric id', `https://discord.com/api/webhooks/abc/${token}`],
    ['another endpoint', `https://discord.com/api/webhooks/${id}/${token}/slack`],
    ['bad thread id', `https://discord.com/api/webhooks/${id}/${token}?thread_id=general`],
    ['a channel URL', 'https://discord.com/channels/1/2'],
  ])('rejects %s without revealing the token', (_reason, url) => {
    let caught: unknown;
    try {
      parseWebhookTarget(url);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidWebhookUrlError);
    const message = (caught as Error).message;
    expect(message).not.toContain(token);
    expect(message).not.toContain('abc');
  });
});

describe('webhookLabel', () => {
  it('shortens the id and never shows the token', () => {
    const label = webhookLabel(`https://discord.com/api/webhooks/${id}/${token}`);
    expect(label).toBe('webhook 1234…6789');
    expect(webhookLabel(`https://discord.com/api/webhooks/${id}/${token}?thread_id=987654321098765432`)).toBe('webhook 1234…6789 (thread 9876…5432)');
  });

  it('labels targets and invalid URLs', () => {
    expect(webhookLabel({ id: '42' })).toBe('webhook 42');
    expect(webhookLabel(`https://discord.com/api/webhooks/${id}/${token}/slack`)).toBe('webhook (invalid URL)');
  });
});
