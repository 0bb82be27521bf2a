import { defineCommand, type CommandContext } from '../command.js';
import { renderStatusEmbed, type StatusReport } from './status-embed.js';

export interface StatusDeps {
  status(): Promise<StatusReport>;
}

export const status = defineCommand({
  name: 'status',
  description: 'Shows source polling, queues, deliveries and destination health.',
  permission: 'privileged',
  async run(ctx: CommandContext<StatusDeps>) {
    return { embeds: [renderStatusEmbed(await ctx.deps.status())] };
  },
});
