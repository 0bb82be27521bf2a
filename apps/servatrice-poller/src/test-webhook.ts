import type { Logger } from '@herald/logging';
import { testWebhookMessage } from '@herald/servatrice';

/** `--test-webhook`: posts the seed's test message; exit code 0 when Discord accepted it, 1 otherwise. */
export async function runTestWebhook(webhookUrl: string, apiBaseUrl: string, logger: Logger): Promise<number> {
  // Loaded only in this mode, so the long-running poller does not carry the REST client in memory.
  const { createDiscordClient, parseWebhookTarget } = await import('@herald/discord');
  const discord = createDiscordClient({ apiBaseUrl, logger, retries: 1 });
  try {
    const result = await discord.executeWebhook(parseWebhookTarget(webhookUrl), { ...testWebhookMessage(), allowed_mentions: { parse: [] } });
    if (result.ok) {
      logger.info({ messageId: result.messageId }, 'test message posted: the webhook works');
      return 0;
    }
    logger.error({ status: result.status, kind: result.kind, error: result.error }, 'test message failed');
    return 1;
  } finally {
    discord.destroy();
  }
}
