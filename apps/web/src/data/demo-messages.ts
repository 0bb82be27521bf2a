import { z } from 'zod';

/** A message the fake Discord recorded, as its control API (`GET /_fake/messages`) returns it. */
const embedSchema = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    url: z.string().optional(),
    color: z.number().optional(),
    timestamp: z.string().optional(),
    author: z.object({ name: z.string().optional() }).loose().optional(),
    fields: z.array(z.object({ name: z.string(), value: z.string(), inline: z.boolean().optional() }).loose()).optional(),
    footer: z.object({ text: z.string().optional() }).loose().optional(),
  })
  .loose();

const messageSchema = z
  .object({
    index: z.number(),
    id: z.string(),
    channelId: z.string().nullish(),
    webhookId: z.string().nullish(),
    content: z.string().nullish(),
    // Recorded as sent; an embed this page cannot read is skipped rather than failing the page.
    embeds: z.array(z.unknown()).nullish(),
    /** Epoch milliseconds (an ISO string is accepted too). */
    createdAt: z.union([z.number(), z.string()]).nullish(),
  })
  .loose();

export type DemoEmbed = z.infer<typeof embedSchema>;

export interface DemoMessage {
  index: number;
  id: string;
  content: string | null;
  embeds: DemoEmbed[];
  createdAt: Date | null;
}

function toDemoMessage(raw: z.infer<typeof messageSchema>): DemoMessage {
  const embeds = (raw.embeds ?? []).flatMap((e) => {
    const parsed = embedSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  const createdAt = raw.createdAt === null || raw.createdAt === undefined ? null : new Date(raw.createdAt);
  return { index: raw.index, id: raw.id, content: raw.content ?? null, embeds, createdAt };
}

const FetchTimeoutMs = 3000;

/** Newest first. Throws an Error with a short, operator-readable message if anything goes wrong. */
export async function fetchDemoMessages(baseUrl: string): Promise<DemoMessage[]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/_fake/messages`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FetchTimeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new Error(`the demo Discord did not answer (${(error as Error).name === 'TimeoutError' ? 'timed out' : 'connection failed'})`);
  }
  if (!response.ok) throw new Error(`the demo Discord answered HTTP ${response.status}`);
  const parsed = z.array(messageSchema).safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new Error('the demo Discord sent something that is not a list of messages');
  return parsed.data.map(toDemoMessage).sort((a, b) => b.index - a.index);
}
