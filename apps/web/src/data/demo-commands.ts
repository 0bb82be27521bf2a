import { z } from 'zod';
import { controlUrl, fetchControl, jsonBody } from './demo-control.js';
import type { DemoActor } from './demo-guild.js';

export interface DemoCommandInput {
  as: DemoActor;
  /** `/name args` runs a slash command; anything else is posted as a chat message. */
  text: string;
  channelId: string;
}

/** What happened to a command sent through the fake's gateway. */
export type DemoCommandOutcome =
  /** The bot answered the slash command; times are from the fake's dispatch. */
  | { kind: 'replied'; interactionId: string; replyMs: number; deferred: boolean; ephemeral: boolean }
  /** Dispatched, but the bot did not answer within `waitedMs`. */
  | { kind: 'no-reply'; interactionId: string; waitedMs: number }
  /** A chat message: the bot sees it (prefix commands need the message-content intent); replies show in the list. */
  | { kind: 'posted'; messageId: string }
  /** The fake refused: 404 command not registered, 400 bad input or missing permission, 503 no bot connected. */
  | { kind: 'refused'; status: number; error: string }
  /** The fake could not be reached or answered something unexpected. */
  | { kind: 'failed'; error: string };

const dispatchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interaction'), interactionId: z.string() }).loose(),
  z.object({ kind: z.literal('message'), messageId: z.string() }).loose(),
]);
const replySchema = z
  .object({ deferred: z.boolean(), ephemeral: z.boolean(), dispatchedAt: z.number(), repliedAt: z.number() })
  .loose();
const errorSchema = z.object({ error: z.string() }).loose();

const DispatchTimeoutMs = 3000;
/** On top of the reply wait: the fake answers 408 itself when its wait ends. */
const WaitMarginMs = 2000;

async function errorText(response: Response): Promise<string> {
  const parsed = errorSchema.safeParse(await jsonBody(response));
  return parsed.success ? parsed.data.error : `HTTP ${response.status}`;
}

/**
 * `POST /_fake/gateway/command`, then for a slash command `GET /_fake/interactions/:id?waitMs=`.
 * Never throws: every failure is an outcome the page can explain.
 */
export async function sendDemoCommand(baseUrl: string, input: DemoCommandInput, replyWaitMs: number): Promise<DemoCommandOutcome> {
  try {
    const sent = await fetchControl(controlUrl(baseUrl, '/gateway/command'), {
      method: 'POST',
      json: { as: input.as, text: input.text, channelId: input.channelId },
      timeoutMs: DispatchTimeoutMs,
    });
    if (!sent.ok) return { kind: 'refused', status: sent.status, error: await errorText(sent) };
    const dispatched = dispatchSchema.safeParse(await jsonBody(sent));
    if (!dispatched.success) return { kind: 'failed', error: 'the demo Discord answered something that is not a dispatch result' };
    if (dispatched.data.kind === 'message') return { kind: 'posted', messageId: dispatched.data.messageId };
    return await awaitReply(baseUrl, dispatched.data.interactionId, replyWaitMs);
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message };
  }
}

async function awaitReply(baseUrl: string, interactionId: string, waitMs: number): Promise<DemoCommandOutcome> {
  const url = `${controlUrl(baseUrl, `/interactions/${encodeURIComponent(interactionId)}`)}?waitMs=${waitMs}`;
  const response = await fetchControl(url, { timeoutMs: waitMs + WaitMarginMs });
  if (response.status === 408) return { kind: 'no-reply', interactionId, waitedMs: waitMs };
  if (!response.ok) return { kind: 'failed', error: `waiting for the reply: ${await errorText(response)}` };
  const reply = replySchema.safeParse(await jsonBody(response));
  if (!reply.success) return { kind: 'failed', error: 'the demo Discord answered something that is not an interaction reply' };
  const { deferred, ephemeral, dispatchedAt, repliedAt } = reply.data;
  return { kind: 'replied', interactionId, replyMs: Math.max(0, repliedAt - dispatchedAt), deferred, ephemeral };
}
