import type { APIEmbed } from 'discord-api-types/v10';
import { isEventType, parseEventPayload, type EventPayload, type EventType } from '@herald/contracts';

/**
 * What an event renders to: its embeds, and the users the event itself pings wherever it is
 * delivered (e.g. a low-balance alert pings the wallet's owner), on top of the route's mentions.
 * Only these ids ever ping: text from a source stays inert (see `mentionOf`).
 */
export interface RenderedEvent {
  embeds: APIEmbed[];
  /** Discord user ids (snowflakes). */
  pings?: { users: string[] };
}

/**
 * One renderer per event type; a type without a renderer fails to compile where the map is built.
 * A renderer returns its embeds, or a `RenderedEvent` when the event pings someone.
 */
export type Renderers = { [T in EventType]: (payload: EventPayload<T>) => APIEmbed[] | RenderedEvent };

export class RenderError extends Error {
  override name = 'RenderError';
}

/** A Discord snowflake: the only thing a ping may name. */
const snowflake = /^\d{1,25}$/;

/**
 * Validates the stored payload against its type's schema and renders it. Throws `RenderError` for
 * an unknown type, a payload that does not match, or a ping that is not a user id.
 */
export function renderEvent(renderers: Renderers, type: string, payload: unknown): RenderedEvent {
  if (!isEventType(type)) throw new RenderError(`unknown event type ${type}`);
  let parsed: unknown;
  try {
    parsed = parseEventPayload(type, payload);
  } catch (error) {
    throw new RenderError(`stored payload does not match ${type}: ${(error as Error).message}`);
  }
  const render = renderers[type] as (p: unknown) => APIEmbed[] | RenderedEvent;
  const rendered = render(parsed);
  if (Array.isArray(rendered)) return { embeds: rendered };
  const bad = rendered.pings?.users.find((id) => !snowflake.test(id));
  if (bad !== undefined) throw new RenderError(`${type} renders a ping of ${JSON.stringify(bad)}, which is not a Discord user id`);
  return rendered;
}
