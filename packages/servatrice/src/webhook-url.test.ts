import { ConfigError } from '@herald/config';
import { describe, expect, it } from 'vitest';
import { parseWebhookUrl } from './webhook-url.js';

const token = 'AbC-def_123.xyz';

describe('parseWebhookUrl', () => {
  it.each([
    `https://discord.com/api/webhooks/123456789012345678/${token}`,
    `https://discordapp.com/api/webhooks/123456789012345678/${token}`,
    `https://ptb.discord.com/api/v10/webhooks/123456789012345678/${token}`,
    `https://canary.discord.com/api/v9/webhooks/123456789012345678/${token}/`,
    `http://127.0.0.1:8080/api/webhooks/123456789012345678/${token}`,
    `https://discord-proxy.internal/api/webhooks/123456789012345678/${token}?wait=true`,
  ])('accepts %s', (url) => {
    expect(parseWebhookUrl(url)).toEqual({ id: '123456789012345678', token });
  });

  it('returns the thread id from ?thread_id=', () => {
    expect(parseWebhookUrl(`https://discord.com/api/webhooks/1/${token}?thread_id=987&wait=true`)).toEqual({ id: '1', token, threadId: '987' });
  });

  it.each([
    ['not a url', 'is not a valid URL'],
    [`ftp://discord.com/api/webhooks/1/${token}`, 'does not look like an http(s) URL'],
    [`https://discord.com/api/webhooks/abc/${token}`, 'is not a Discord webhook URL'],
    [`https://discord.com/webhooks/1/${token}`, 'is not a Discord webhook URL'],
    ['https://discord.com/api/webhooks/1', 'is not a Discord webhook URL'],
    [`https://discord.com/api/webhooks/1/${token}/extra`, 'is not a Discord webhook URL'],
    [`https://discord.com/api/webhooks/1/${token}?thread_id=x`, 'thread_id that is not a number'],
  ])('rejects %s without echoing the token', (url, problem) => {
    let error: unknown;
    try {
      parseWebhookUrl(url, 'DISCORD_WEBHOOK_URL');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('DISCORD_WEBHOOK_URL');
    expect((error as ConfigError).message).toContain(problem);
    expect((error as ConfigError).message).not.toContain(token);
  });
});
