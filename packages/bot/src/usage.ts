import type { CommandInfo, InvocationStyle } from './command.js';
import type { OptionDef } from './options.js';

/**
 * One-line usage generated from the definition:
 * slash  `/register wallet:<wallet> chain:<chain> [threshold:<number>]`,
 * prefix `!register <wallet> <chain> [threshold]`.
 */
export function usage(command: CommandInfo, style: InvocationStyle, prefix = '!'): string {
  const parts = [style === 'slash' ? `/${command.name}` : `${prefix}${command.name}`];
  for (const [name, option] of Object.entries(command.options)) {
    const shown = style === 'slash' ? `${name}:<${placeholder(name, option)}>` : `<${name}${isRest(option) ? '...' : ''}>`;
    parts.push(option.required === true ? shown : `[${stripAngles(shown)}]`);
  }
  return parts.join(' ');
}

/** How the command is named in text: `/status` or `!status`. */
export function invocationName(command: { readonly name: string }, style: InvocationStyle, prefix = '!'): string {
  return style === 'slash' ? `/${command.name}` : `${prefix}${command.name}`;
}

function placeholder(name: string, option: OptionDef): string {
  switch (option.kind) {
    case 'string':
      return name;
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'true|false';
    case 'user':
      return '@user';
    case 'role':
      return '@role';
  }
}

function isRest(option: OptionDef): boolean {
  return option.kind === 'string' && option.rest === true;
}

/** `[threshold]` rather than `[<threshold>]` for optional prefix arguments; slash keeps `name:<…>`. */
function stripAngles(shown: string): string {
  return shown.startsWith('<') && shown.endsWith('>') ? shown.slice(1, -1) : shown;
}
