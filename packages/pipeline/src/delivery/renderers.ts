import type { APIEmbed } from 'discord-api-types/v10';
import { isEventType, parseEventPayload, type EventPayload, type EventType } from '@herald/contracts';

/** One renderer per event type; a type without a renderer fails to compile where the map is built. */
export type Renderers = { [T in EventType]: (payload: EventPayload<T>) => APIEmbed[] };

export class RenderError extends Error {
  override name = 'RenderError';
}

export function renderEvent(renderers: Renderers, type: string, payload: unknown): APIEmbed[] {
  if (!isEventType(type)) throw new RenderError(`unknown event type ${type}`);
  let parsed: unknown;
  try {
    parsed = parseEventPayload(type, payload);
  } catch (error) {
    throw new RenderError(`stored payload does not match ${type}: ${(error as Error).message}`);
  }
  const render = renderers[type] as (p: unknown) => APIEmbed[];
  return render(parsed);
}
