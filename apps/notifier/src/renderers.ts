import { ibcRenderers } from '@herald/ibc/render';
import type { Renderers } from '@herald/pipeline';
import { redditRenderers } from '@herald/reddit/render';
import { renderAccountEmbed } from '@herald/servatrice';

/** Every event type's renderer. Adding an event type without one here fails to compile. */
export const renderers: Renderers = {
  'servatrice.account.registered': (payload) => [renderAccountEmbed(payload)],
  ...ibcRenderers,
  ...redditRenderers,
};
