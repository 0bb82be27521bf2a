/**
 * A reader for servatrice-style ini files that behaves like Python's
 * `configparser.ConfigParser(interpolation=None)`, which is what the seed monitor used, so any
 * file the seed accepted reads the same here:
 *
 * - `[section]` headers; section names are case-sensitive, keys are lower-cased;
 * - `key=value` and `key: value` (the first `=` or `:` splits); keys and values are trimmed;
 * - full-line comments start with `;` or `#`; inline comments are NOT stripped (`a=b ; c` is "b ; c");
 * - no interpolation: `%` is literal, so passwords such as `p%40ss` survive;
 * - an indented line continues the previous value (joined with "\n"), as in configparser;
 * - `[DEFAULT]` values are inherited by every section.
 *
 * Deliberate leniencies (configparser would raise): a repeated key or section merges, last value
 * wins; a UTF-8 BOM is ignored. Parse errors name the line number but never echo the line,
 * because the line may hold a password.
 */
export class IniParseError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'IniParseError';
  }
}

export interface IniDocument {
  /** Section name → (lower-cased key → value). `DEFAULT` is not listed here. */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The value of `key` (any case) in `section`, falling back to `[DEFAULT]`; undefined if absent. */
  get(section: string, key: string): string | undefined;
}

const sectionHeader = /^\[([^\]]+)\]/;
const defaultSection = 'DEFAULT';

interface OpenValue {
  section: Map<string, string>;
  key: string;
  indent: number;
  lines: string[];
}

export function parseIni(text: string): IniDocument {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let open: OpenValue | undefined;
  const closeValue = () => {
    if (!open) return;
    // configparser drops trailing blank lines of a multi-line value.
    while (open.lines.length > 1 && open.lines.at(-1) === '') open.lines.pop();
    open.section.set(open.key, open.lines.join('\n'));
    open = undefined;
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const stripped = raw.trim();
    if (stripped.startsWith(';') || stripped.startsWith('#')) return;
    if (stripped === '') {
      // A blank line inside a multi-line value is kept; if nothing follows it is trimmed on close.
      open?.lines.push('');
      return;
    }
    const indent = raw.length - raw.trimStart().length;
    if (open && indent > open.indent) {
      open.lines.push(stripped);
      return;
    }
    closeValue();
    const header = sectionHeader.exec(stripped);
    if (header) {
      const name = header[1]!;
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      return;
    }
    if (!current) throw new IniParseError(lineNumber, 'a setting appears before any [section] header');
    const delimiter = stripped.search(/[=:]/);
    if (delimiter === -1) throw new IniParseError(lineNumber, 'expected "key=value" or "key: value"');
    const key = stripped.slice(0, delimiter).trim().toLowerCase();
    if (key === '') throw new IniParseError(lineNumber, 'a setting has an empty key');
    open = { section: current, key, indent, lines: [stripped.slice(delimiter + 1).trim()] };
  });
  closeValue();

  const defaults = sections.get(defaultSection);
  sections.delete(defaultSection);
  return {
    sections,
    get(section, key) {
      const name = key.toLowerCase();
      return sections.get(section)?.get(name) ?? defaults?.get(name);
    },
  };
}

/**
 * Undoes the quoting Qt-based tools may apply to a value (`"https\://host/path"`): one pair of
 * matching surrounding quotes is removed, then each backslash escape becomes the escaped
 * character (`\:` → `:`, `\\` → `\`, `\"` → `"`). Used for the webhook URL only; passwords are
 * always taken verbatim so they are never altered.
 */
export function cleanIniValue(value: string): string {
  let result = value.trim();
  const first = result[0];
  if (result.length >= 2 && (first === '"' || first === "'") && result.at(-1) === first) {
    result = result.slice(1, -1);
  }
  return result.replace(/\\([\s\S])/g, '$1');
}
