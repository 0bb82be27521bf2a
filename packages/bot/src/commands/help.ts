import { defineCommand, type CommandContext, type CommandInfo } from '../command.js';
import type { CatalogChoices, Choice, OptionDef } from '../options.js';
import { fitContent } from '@herald/discord';
import { fitLines } from '@herald/discord/text';
import { invocationName, usage } from '../usage.js';
import { quote } from '../values.js';

const MAX_CONTENT = 2000;

/** Slash users pick from the registered names; prefix users type freely and get a did-you-mean. */
const commandNames: CatalogChoices = (catalog) => catalog.commands.map((c) => ({ name: c.name, value: c.name }));

export const help = defineCommand({
  name: 'help',
  description: 'Lists the commands you can use, or explains one command.',
  permission: 'everyone',
  ephemeral: true,
  options: {
    command: {
      kind: 'string',
      description: 'The command to explain',
      choices: commandNames,
    },
  },
  async run(ctx, { command }) {
    return command === undefined ? listCommands(ctx) : explainCommand(ctx, command);
  },
});

/**
 * Every command the caller may use, one line each, in as many messages as they take (a long list
 * used to end in "… and 4 more", hiding the moderators' commands from the moderators).
 */
function listCommands(ctx: CommandContext<unknown>): string[] {
  const usable = ctx.catalog.commands.filter((c) => c.permission === 'everyone' || ctx.privileged);
  const lines = usable.map((c) => `\`${usage(c, ctx.via, ctx.prefix)}\`${aliasNote(c, ctx)} — ${c.description}`);
  const detail = ctx.via === 'slash' ? '`/help command:<command>`' : `\`${ctx.prefix}help <command>\``;
  return fitContent(['**Commands**', ...lines, `Type ${detail} for details.`].join('\n'), MAX_CONTENT);
}

function explainCommand(ctx: CommandContext<unknown>, typed: string): string {
  // People type "!help !status" or "/help /status"; accept the name with its sigil.
  const name = typed.startsWith(ctx.prefix) ? typed.slice(ctx.prefix.length) : typed.startsWith('/') ? typed.slice(1) : typed;
  const command = ctx.catalog.get(name);
  if (!command) {
    const suggestion = ctx.catalog.suggest(name);
    const didYouMean = suggestion ? ` Did you mean \`${invocationName({ name: suggestion }, ctx.via, ctx.prefix)}\`?` : '';
    return `Unknown command ${quote(name)}.${didYouMean} Type \`${invocationName({ name: 'help' }, ctx.via, ctx.prefix)}\` for the list.`;
  }
  const lines = [
    `**${invocationName(command, ctx.via, ctx.prefix)}** — ${command.description}`,
    `Usage: \`${usage(command, ctx.via, ctx.prefix)}\``,
  ];
  const aliases = prefixAliases(command, ctx);
  if (aliases.length > 0) lines.push(`Also typed as: ${aliases.join(', ')}`);
  const options = Object.entries(command.options);
  if (options.length > 0) {
    lines.push('Options:');
    for (const [name, option] of options) lines.push(`• \`${name}\` (${describeOption(option, ctx.catalog.choices(command.name, name))}): ${option.description}`);
  }
  lines.push(`Who can use it: ${whoMayUse(command, ctx.privilegedRoleId)}.`);
  return fitLines(lines, MAX_CONTENT);
}

/** Aliases work in prefix commands only, so slash help does not show them. */
function prefixAliases(command: CommandInfo, ctx: CommandContext<unknown>): string[] {
  return ctx.via === 'prefix' ? (command.aliases ?? []).map((alias) => `\`${invocationName({ name: alias }, 'prefix', ctx.prefix)}\``) : [];
}

function aliasNote(command: CommandInfo, ctx: CommandContext<unknown>): string {
  const aliases = prefixAliases(command, ctx);
  return aliases.length === 0 ? '' : ` (also ${aliases.join(', ')})`;
}

function describeOption(option: OptionDef, choices: readonly Choice[] | undefined): string {
  const facts = [option.required === true ? 'required' : 'optional', kindText(option)];
  if (option.kind === 'integer' || option.kind === 'number') {
    if (option.min !== undefined && option.max !== undefined) facts.push(`from ${option.min} to ${option.max}`);
    else if (option.min !== undefined) facts.push(`at least ${option.min}`);
    else if (option.max !== undefined) facts.push(`at most ${option.max}`);
  }
  if (option.kind === 'string' && option.maxLength !== undefined) facts.push(`up to ${option.maxLength} characters`);
  if (choices && choices.length <= 10) facts.push(`one of ${choices.map((c) => `\`${String(c.value)}\``).join(', ')}`);
  else if (choices) facts.push(`one of ${choices.length} values`);
  return facts.join(', ');
}

function kindText(option: OptionDef): string {
  switch (option.kind) {
    case 'string':
      return option.rest === true ? 'text, the rest of the line' : 'text';
    case 'integer':
      return 'whole number';
    case 'number':
      return 'number';
    case 'boolean':
      return 'true or false';
    case 'user':
      return 'user mention or id';
    case 'role':
      return 'role mention or id';
  }
}

function whoMayUse(command: CommandInfo, privilegedRoleId: string | undefined): string {
  if (command.permission === 'everyone') return 'everyone';
  // Replies never ping, so naming the role as a mention is safe.
  return privilegedRoleId === undefined ? "the server's owner" : `the server's owner and members with <@&${privilegedRoleId}>`;
}
