import type { APIAllowedMentions, APIEmbed, RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10';
import { embedLength, fitEmbed, truncate } from './fit.js';
import { MAX_ALLOWED_MENTION_IDS, MAX_CONTENT_LENGTH, MAX_EMBED_TOTAL_LENGTH, MAX_EMBEDS_PER_MESSAGE } from './limits.js';

/**
 * An explicit ping. Only the listed users and roles are pinged: `@everyone`, `@here` or `<@id>` written in
 * `content` (or in any text from a source) stays inert, because every body carries `allowed_mentions.parse: []`.
 */
export interface Mention {
  content: string;
  users?: string[];
  roles?: string[];
}

export interface PackItem {
  /** The caller's identity for this item (e.g. an outbox event id); returned with the message(s) carrying it. */
  key: string;
  embeds: APIEmbed[];
  mention?: Mention;
}

/** Message-wide settings copied into every body (username / avatar overrides, flags such as SUPPRESS_NOTIFICATIONS). */
export type MessageBase = Omit<RESTPostAPIWebhookWithTokenJSONBody, 'content' | 'embeds' | 'allowed_mentions'>;

export interface PackOptions {
  /** A mention for the whole batch: sent once, on the first message (as if it belonged to the first item). */
  mention?: Mention;
  base?: MessageBase;
}

export interface PackedMessage {
  keys: string[];
  body: RESTPostAPIWebhookWithTokenJSONBody;
}

/** One message being filled. */
class Draft {
  keys: string[] = [];
  embeds: APIEmbed[] = [];
  length = 0;
  contents: string[] = [];
  users = new Set<string>();
  roles = new Set<string>();

  get isEmpty(): boolean {
    return this.embeds.length === 0 && this.contents.length === 0;
  }

  fits(embeds: APIEmbed[], length: number, mention: Mention | undefined): boolean {
    if (this.embeds.length + embeds.length > MAX_EMBEDS_PER_MESSAGE) return false;
    if (this.length + length > MAX_EMBED_TOTAL_LENGTH) return false;
    if (!mention) return true;
    // allowed_mentions takes at most 100 ids of each kind: a user past that would silently not be pinged.
    if (!this.roomFor(this.users, mention.users) || !this.roomFor(this.roles, mention.roles)) return false;
    return this.contentWith(mention.content).length <= MAX_CONTENT_LENGTH;
  }

  add(key: string, embeds: APIEmbed[], length: number, mention: Mention | undefined): void {
    if (this.keys[this.keys.length - 1] !== key) this.keys.push(key);
    this.embeds.push(...embeds);
    this.length += length;
    if (mention) {
      const content = this.withoutRepeatedPings(mention.content);
      if (content !== '' && !this.contents.includes(content)) this.contents.push(content);
      for (const id of mention.users ?? []) this.users.add(id);
      for (const id of mention.roles ?? []) this.roles.add(id);
    }
  }

  /**
   * Items of one message often ping the same route role while one also pings its own user (a wallet's
   * owner): a ping already in the message is left out of the next item's line instead of repeated.
   */
  private withoutRepeatedPings(content: string): string {
    const present = new Set(this.contents.flatMap((c) => c.split(/\s+/)));
    return content
      .split(' ')
      .filter((token) => !(/^<@[&!]?\d+>$/.test(token) && present.has(token)))
      .join(' ')
      .trim();
  }

  private roomFor(have: Set<string>, ids: string[] | undefined): boolean {
    return new Set([...have, ...(ids ?? [])]).size <= MAX_ALLOWED_MENTION_IDS;
  }

  private contentWith(extra: string): string {
    return [...this.contents, extra].filter((c) => c !== '').join('\n');
  }

  toMessage(base: MessageBase | undefined): PackedMessage {
    const allowed: APIAllowedMentions = { parse: [] };
    if (this.users.size > 0) allowed.users = [...this.users].slice(0, MAX_ALLOWED_MENTION_IDS);
    if (this.roles.size > 0) allowed.roles = [...this.roles].slice(0, MAX_ALLOWED_MENTION_IDS);
    const body: RESTPostAPIWebhookWithTokenJSONBody = { ...base, allowed_mentions: allowed };
    if (this.contents.length > 0) body.content = this.contents.join('\n');
    if (this.embeds.length > 0) body.embeds = this.embeds;
    return { keys: this.keys, body };
  }
}

function fitMention(mention: Mention): Mention {
  return { ...mention, content: truncate(mention.content, MAX_CONTENT_LENGTH) };
}

function mergeMentions(a: Mention | undefined, b: Mention | undefined): Mention | undefined {
  if (!a || !b) return a ?? b;
  return {
    content: [a.content, b.content].filter((c) => c !== '').join('\n'),
    users: [...(a.users ?? []), ...(b.users ?? [])],
    roles: [...(a.roles ?? []), ...(b.roles ?? [])],
  };
}

/**
 * Groups items, in order, into as few webhook messages as Discord's limits allow (10 embeds and 6000 embed
 * characters per message, 2000 characters of content). Each embed is first passed through `fitEmbed`.
 * An item's embeds stay in one message unless the item alone is over a limit; such an item gets messages of its
 * own, each listing its key. An item with nothing to send (no embeds, no mention) travels with a neighbouring
 * message's keys; if nothing at all is sendable the result is empty.
 */
export function packMessages(items: PackItem[], options: PackOptions = {}): PackedMessage[] {
  const messages: PackedMessage[] = [];
  let draft = new Draft();
  const flush = (): void => {
    if (draft.isEmpty) return; // keys of empty items carry over to the next message
    messages.push(draft.toMessage(options.base));
    draft = new Draft();
  };

  items.forEach((item, index) => {
    const merged = index === 0 ? mergeMentions(options.mention, item.mention) : item.mention;
    const mention = merged && fitMention(merged);
    const embeds = item.embeds.map(fitEmbed);
    const length = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
    const oversized = embeds.length > MAX_EMBEDS_PER_MESSAGE || length > MAX_EMBED_TOTAL_LENGTH;

    if (!oversized) {
      if (!draft.fits(embeds, length, mention)) flush();
      draft.add(item.key, embeds, length, mention);
      return;
    }
    // Too big for any one message: give the item messages of its own, the mention on the first.
    flush();
    let pendingMention = mention;
    for (const embed of embeds) {
      const single = embedLength(embed);
      if (!draft.fits([embed], single, pendingMention)) flush();
      draft.add(item.key, [embed], single, pendingMention);
      pendingMention = undefined;
    }
    flush();
  });

  if (draft.isEmpty) {
    const last = messages[messages.length - 1];
    last?.keys.push(...draft.keys);
  } else {
    messages.push(draft.toMessage(options.base));
  }
  return messages;
}
