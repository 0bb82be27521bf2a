import { Events, type Client, type Message } from 'discord.js';
import type { Logger } from '@herald/logging';
import type { GatewayFeature } from '../features.js';

/** Runs a handler in the background; its failure is logged, never thrown into discord.js. */
export type Guard = (what: string, work: () => Promise<void>) => void;

/** Calls every feature's member handlers on GUILD_MEMBER_ADD / GUILD_MEMBER_REMOVE, each on its own. */
export function attachMemberHandlers(client: Client, features: readonly GatewayFeature[], guard: Guard): void {
  const adders = features.filter((f) => f.onMemberAdd);
  const removers = features.filter((f) => f.onMemberRemove);
  if (adders.length > 0) {
    client.on(Events.GuildMemberAdd, (member) => {
      for (const feature of adders) guard(`${feature.name} (member joined)`, () => feature.onMemberAdd!(member));
    });
  }
  if (removers.length > 0) {
    client.on(Events.GuildMemberRemove, (member) => {
      for (const feature of removers) guard(`${feature.name} (member left)`, () => feature.onMemberRemove!(member));
    });
  }
}

/**
 * Offers a guild message to the features in order; true once one handled it (then it is not a
 * command). A feature that throws is logged and counts as not handling it, so a command still runs.
 */
export async function offerToFeatures(message: Message<true>, features: readonly GatewayFeature[], logger: Logger): Promise<boolean> {
  for (const feature of features) {
    if (!feature.onMessage) continue;
    try {
      if (await feature.onMessage(message)) return true;
    } catch (err) {
      logger.error({ err, feature: feature.name, messageId: message.id }, `${feature.name} failed on a message`);
    }
  }
  return false;
}
