/**
 * Message body validation with Discord's limits and error shapes
 * (400 code 50035 "Invalid Form Body" with a nested `errors` tree, or 50006 for empty messages).
 */
import { checkComponents } from './components.js';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  nonce: 25,
} as const;

export interface ValidationFailure {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

interface ErrorEntry {
  code: string;
  message: string;
}

type ErrorTree = { [key: string]: ErrorTree | ErrorEntry[] };

/** Discord's nested `errors` tree for 400 / 50035 answers. */
export class FormErrors {
  readonly tree: ErrorTree = {};
  empty = true;

  add(path: (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const segment of path) {
      const key = String(segment);
      node[key] ??= {};
      node = node[key] as ErrorTree;
    }
    const list = (node._errors ??= []) as ErrorEntry[];
    list.push({ code, message });
    this.empty = false;
  }

  maxLength(path: (string | number)[], value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Returns the characters this embed contributes to the 6000 total, recording per-field errors. */
function checkEmbed(embed: Record<string, unknown>, at: number, errors: FormErrors): number {
  const path = ['embeds', at];
  errors.maxLength([...path, 'title'], embed.title, LIMITS.title);
  errors.maxLength([...path, 'description'], embed.description, LIMITS.description);
  const footer = asObject(embed.footer);
  const author = asObject(embed.author);
  errors.maxLength([...path, 'footer', 'text'], footer?.text, LIMITS.footerText);
  errors.maxLength([...path, 'author', 'name'], author?.name, LIMITS.authorName);
  let size = text(embed.title).length + text(embed.description).length;
  size += text(footer?.text).length + text(author?.name).length;

  const fields = embed.fields;
  if (fields === undefined) return size;
  if (!Array.isArray(fields)) {
    errors.add([...path, 'fields'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return size;
  }
  if (fields.length > LIMITS.fields) {
    errors.add([...path, 'fields'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.fields} or fewer in length.`);
  }
  fields.forEach((raw, i) => {
    const field = asObject(raw) ?? {};
    for (const [key, max] of [['name', LIMITS.fieldName], ['value', LIMITS.fieldValue]] as const) {
      const value = field[key];
      if (typeof value !== 'string' || value.length === 0) {
        errors.add([...path, 'fields', i, key], 'BASE_TYPE_REQUIRED', 'This field is required');
      } else {
        errors.maxLength([...path, 'fields', i, key], value, max);
        size += value.length;
      }
    }
  });
  return size;
}

function hasNonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** Validates a message body; returns undefined when Discord would accept it. */
export function validateMessageBody(
  body: Record<string, unknown>,
  options: { checkNonce: boolean },
): ValidationFailure | undefined {
  const errors = new FormErrors();
  const { content, embeds, nonce } = body;

  if (content !== undefined && content !== null && typeof content !== 'string') {
    errors.add(['content'], 'BASE_TYPE_STRING', 'Must be a string.');
  }
  errors.maxLength(['content'], content, LIMITS.content);

  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) {
      errors.add(['embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    } else if (embeds.length > LIMITS.embeds) {
      errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.embeds} or fewer in length.`);
    } else {
      let total = 0;
      embeds.forEach((raw, i) => {
        const embed = asObject(raw);
        if (embed === undefined) errors.add(['embeds', i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        else total += checkEmbed(embed, i, errors);
      });
      if (total > LIMITS.embedTotal) {
        errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
      }
    }
  }

  checkComponents(body, errors);

  if (options.checkNonce && nonce !== undefined && nonce !== null) {
    if (typeof nonce === 'string') errors.maxLength(['nonce'], nonce, LIMITS.nonce);
    else if (!Number.isInteger(nonce)) errors.add(['nonce'], 'NONCE_TYPE_INVALID', 'Nonce must be an integer or a string.');
  }

  if (!errors.empty) return { code: 50035, message: 'Invalid Form Body', errors: errors.tree };

  const hasContent = typeof content === 'string' && content.trim().length > 0;
  const hasOther = ['embeds', 'components', 'sticker_ids', 'attachments'].some((k) => hasNonEmptyArray(body[k]));
  if (!hasContent && !hasOther && body.poll === undefined) {
    return { code: 50006, message: 'Cannot send an empty message' };
  }
  return undefined;
}
