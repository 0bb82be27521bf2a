import { z } from 'zod';
import { controlUrl, fetchControl, jsonBody } from './demo-control.js';

/** A channel of the demo Discord: one of its server's (the bot's) or one a webhook posts to. */
export interface DemoChannel {
  id: string;
  name: string;
  /** Names of the webhooks posting here; empty for a bot-only channel. */
  webhooks: string[];
  /** Recorded messages in it. */
  messages: number;
}

const channelsSchema = z.array(
  z
    .object({
      id: z.string(),
      name: z.string(),
      webhooks: z.array(z.object({ name: z.string() }).loose()),
      messages: z.number(),
    })
    .loose(),
);

const FetchTimeoutMs = 3000;

/** `GET /_fake/channels`. Throws an Error with a short, operator-readable message if anything goes wrong. */
export async function fetchDemoChannels(baseUrl: string): Promise<DemoChannel[]> {
  const response = await fetchControl(controlUrl(baseUrl, '/channels'), { timeoutMs: FetchTimeoutMs });
  if (!response.ok) throw new Error(`the demo Discord answered HTTP ${response.status} for its channels`);
  const parsed = channelsSchema.safeParse(await jsonBody(response));
  if (!parsed.success) throw new Error('the demo Discord sent something that is not a list of channels');
  return parsed.data.map(({ id, name, webhooks, messages }) => ({ id, name, webhooks: webhooks.map((w) => w.name), messages }));
}
