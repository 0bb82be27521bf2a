import { z } from 'zod';
import { controlUrl, fetchControl, jsonBody } from './demo-control.js';

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
    /** The bot user's id on bot and interaction messages; absent on webhook messages. */
    authorId: z.string().nullish(),
    /** Set on the bot's replies to slash commands (and their follow-ups). */
    interactionId: z.string().nullish(),
    /** An interaction reply only the invoking member sees. */
    ephemeral: z.boolean().nullish(),
    /** The member message a bot reply answers (`msg.reply()`), e.g. a prefix command. */
    referencedMessageId: z.string().nullish(),
    editedAt: z.union([z.number(), z.string()]).nullish(),
    deletedAt: z.union([z.number(), z.string()]).nullish(),
  })
  .loose();

export type DemoEmbed = z.infer<typeof embedSchema>;

export interface DemoMessage {
  index: number;
  id: string;
  channelId: string | null;
  webhookId: string | null;
  authorId: string | null;
  interactionId: string | null;
  ephemeral: boolean;
  referencedMessageId: string | null;
  content: string | null;
  embeds: DemoEmbed[];
  createdAt: Date | null;
  editedAt: Date | null;
  deletedAt: Date | null;
}

const time = (value: number | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));

function toDemoMessage(raw: z.infer<typeof messageSchema>): DemoMessage {
  const embeds = (raw.embeds ?? []).flatMap((e) => {
    const parsed = embedSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    index: raw.index,
    id: raw.id,
    channelId: raw.channelId ?? null,
    webhookId: raw.webhookId ?? null,
    authorId: raw.authorId ?? null,
    interactionId: raw.interactionId ?? null,
    ephemeral: raw.ephemeral === true,
    referencedMessageId: raw.referencedMessageId ?? null,
    content: raw.content ?? null,
    embeds,
    createdAt: time(raw.createdAt),
    editedAt: time(raw.editedAt),
    deletedAt: time(raw.deletedAt),
  };
}

const FetchTimeoutMs = 3000;

/** Which page of the fake's messages to read: see its `GET /_fake/messages/page`. */
export interface DemoMessageQuery {
  /** How many, newest first; the fake allows 1..100. */
  limit: number;
  /** Just older than the message with this index. */
  before?: number | undefined;
  /** Just newer than the message with this index. */
  after?: number | undefined;
  /** Only this channel's messages. */
  channelId?: string | undefined;
}

export interface DemoMessagePage {
  /** Newest first, at most `limit`. */
  messages: DemoMessage[];
  newer: boolean;
  older: boolean;
  /** Matching messages in all. */
  total: number;
}

const pageSchema = z.object({ messages: z.array(messageSchema), newer: z.boolean(), older: z.boolean(), total: z.number() }).loose();

/**
 * One page from `GET /_fake/messages/page`, so the page never pulls the whole history. Throws an Error
 * with a short, operator-readable message if anything goes wrong.
 */
export async function fetchDemoMessagePage(baseUrl: string, query: DemoMessageQuery): Promise<DemoMessagePage> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.before !== undefined) params.set('before', String(query.before));
  if (query.after !== undefined) params.set('after', String(query.after));
  if (query.channelId !== undefined) params.set('channelId', query.channelId);
  const response = await fetchControl(`${controlUrl(baseUrl, '/messages/page')}?${params}`, { timeoutMs: FetchTimeoutMs });
  if (!response.ok) throw new Error(`the demo Discord answered HTTP ${response.status}`);
  const parsed = pageSchema.safeParse(await jsonBody(response));
  if (!parsed.success) throw new Error('the demo Discord sent something that is not a page of messages');
  const { messages, newer, older, total } = parsed.data;
  return { messages: messages.map(toDemoMessage).sort((a, b) => b.index - a.index), newer, older, total };
}
