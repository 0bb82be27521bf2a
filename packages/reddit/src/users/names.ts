/**
 * How names are typed to the user commands and `useradd` (seed-behaviour §3.5–§3.6): `name`,
 * `u/name`, `/u/name`, and the hide prefix (`hide/name` registers the user hidden from reports).
 */

/** The seed's default `hide_prefix` (§3.13); `reddit.hidePrefix` overrides it. */
export const DEFAULT_HIDE_PREFIX = 'hide/';

/** At most this many names per command: one embed field each, and a Discord embed holds 25 fields. */
export const MAX_NAMES = 25;

/** One typed name, taken apart. */
export interface NameArgument {
  /** As typed, minus a leading `/u/` or `u/` (the seed's field name: it keeps the hide prefix). */
  shown: string;
  /** The Reddit name to look up: without the `/u/`, `u/` and hide prefixes. May be invalid or empty. */
  name: string;
  /** Typed with the hide prefix. */
  hidden: boolean;
}

const USER_PREFIX = /^\/?u\//i;

/** `/u/name` or `u/name` → `name` (one prefix only, as the seed). */
export function stripUserPrefix(text: string): string {
  return text.replace(USER_PREFIX, '');
}

/**
 * Takes one typed name apart as the seed's `register` did: strip `/u/`, note and strip the hide
 * prefix (case-sensitive, like the seed's `strings.HasPrefix`), strip `/u/` again, so both
 * `hide/u/name` and `u/hide/name` work.
 */
export function parseNameArgument(raw: string, hidePrefix: string = DEFAULT_HIDE_PREFIX): NameArgument {
  const shown = stripUserPrefix(raw);
  const hidden = hidePrefix !== '' && shown.startsWith(hidePrefix);
  const name = stripUserPrefix(hidden ? shown.slice(hidePrefix.length) : shown);
  return { shown, name, hidden };
}

/**
 * The names of one command line, in order: split on whitespace, empty arguments (double spaces, the
 * seed's empty embed fields, §3.14.7) dropped, and a name typed twice (in any case, with or without
 * a prefix) kept once, at its first place.
 */
export function commandNames(text: string, hidePrefix: string = DEFAULT_HIDE_PREFIX): NameArgument[] {
  return distinct(text.split(/\s+/), hidePrefix);
}

/**
 * The names of the CLI's `--useradd "a,b c"`: split on spaces and commas (the seed's `[ ,]`), empty
 * parts dropped, duplicates kept once.
 */
export function useraddNames(text: string, hidePrefix: string = DEFAULT_HIDE_PREFIX): NameArgument[] {
  return distinct(text.split(/[\s,]+/), hidePrefix);
}

function distinct(parts: readonly string[], hidePrefix: string): NameArgument[] {
  const seen = new Set<string>();
  const names: NameArgument[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const argument = parseNameArgument(part, hidePrefix);
    const key = argument.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(argument);
  }
  return names;
}
