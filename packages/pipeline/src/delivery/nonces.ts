import type { PendingDelivery } from './ledger.js';
import type { MessageBody, MessagePacker, PackItem } from './sender.js';

/** A message about to go out; `nonce` is set when it must be resent with the nonce it already carried. */
export type OutgoingMessage = { keys: string[]; body: MessageBody; nonce?: string };

/**
 * Packs items into messages. For bot channels, deliveries already sent with a nonce (outcome in
 * doubt) go out again grouped exactly as before, with that nonce, so Discord (enforce_nonce)
 * returns the message it created instead of posting a copy; the rest are packed afresh.
 */
export function packKeepingNonces(pack: MessagePacker, items: PackItem[], batch: PendingDelivery[]): OutgoingMessage[] {
  const nonceOf = new Map(batch.map((d) => [d.id.toString(), d.nonce]));
  const messages: OutgoingMessage[] = [];
  let run: PackItem[] = [];
  let runNonce: string | null = null;
  const flush = () => {
    const packed: OutgoingMessage[] = pack(run);
    if (runNonce !== null && packed[0]) packed[0] = { ...packed[0], nonce: runNonce };
    messages.push(...packed);
    run = [];
  };
  for (const item of items) {
    const nonce = nonceOf.get(item.key) ?? null;
    if (run.length > 0 && nonce !== runNonce) flush();
    runNonce = nonce;
    run.push(item);
  }
  if (run.length > 0) flush();
  return messages;
}
