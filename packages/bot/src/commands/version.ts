import { defineCommand, type CommandContext } from '../command.js';

export interface VersionDeps {
  /** The Herald release, e.g. from the app's package.json. */
  readonly version: string;
}

export const version = defineCommand({
  name: 'version',
  description: 'Shows the Herald and Node.js versions.',
  permission: 'everyone',
  async run(ctx: CommandContext<VersionDeps>) {
    return `Herald ${ctx.deps.version} (Node.js ${process.version})`;
  },
});
