import { readQtValue, type QtReadOptions } from './ini-value.js';

export { readQtValue, stringToValue, type QtReading, type QtReadOptions, type QtValue } from './ini-value.js';

/**
 * A reader for servatrice.ini that reads every line as Qt's QSettings (IniFormat) does, because
 * that file is Servatrice's own and Servatrice reads it through QSettings. It ports
 * `QConfFileSettingsPrivate::readIniLine`/`readIniFile`/`readIniSection` and
 * `QSettingsPrivate::iniUnescapedKey` from Qt 6's qsettings.cpp; values are read by
 * `readQtValue` (ini-value.ts). Verified behaviour: seed-behaviour §1.5.
 *
 * - A line ends at a line break or at an unquoted `;`, which starts a comment (`port=4747 ; x`).
 *   Inside `"…"` neither ends it; `\` escapes the next character (a trailing `\` joins lines).
 * - `[section]` starts a group; `[General]` (any case) is the top level. Section and key names
 *   are Qt-unescaped (`\` → `/`, `%XX`, `%UXXXX`), so `roomlist\1\name` is `roomlist/1/name`.
 * - Before any `[section]`, keys belong to the top level (Qt's `[General]`).
 * - A repeated section is merged and the last repeated key wins; groups are read in Qt's order
 *   (sorted by name), so `[General] database\password` loses to `[database] password`.
 * - `#` is not special: `pw=foo#bar` is `foo#bar`. A `#` line without `=` is skipped (Qt skips it
 *   and flags a format error).
 *
 * Deliberate differences from Qt, each for a file Qt would read in a way nobody means:
 * - `IniParseError` for a quote left open (Qt swallows the rest of the file into that value), a
 *   quoted value running past its line, a line without `=` (Qt ignores it; the seed's `key: value`
 *   form would otherwise vanish silently), and an empty key.
 * - Key lookup is case-insensitive, as the seed monitor's configparser was, so existing monitor
 *   files keep working; the exact spelling (what Servatrice itself reads) wins when present.
 *   Section names stay case-sensitive, as in both Qt and configparser.
 * - `get` refuses, with `IniValueError`, values Qt would read as something the user did not mean
 *   (see `get`).
 *
 * Errors name the line and the setting as written, never a value: the value may be a password.
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

/** A value Herald will not guess at. `setting` is the setting as written (`[database] password`). */
export class IniValueError extends Error {
  constructor(
    readonly setting: string,
    readonly problem: string,
  ) {
    super(`${setting}: ${problem}`);
    this.name = 'IniValueError';
  }
}

export interface IniEntry {
  /** Qt's full key: group and key joined by `/` (`database/password`, `rooms/roomlist/1/name`). */
  readonly path: string;
  /** The key as written in the file (`Password`, `roomlist\1\name`). */
  readonly key: string;
  /** The setting as written, for messages: `[database] password`. */
  readonly label: string;
  /** 1-based line of the key. */
  readonly line: number;
  /** The text after `=` exactly as in the file, quotes and escapes included. */
  readonly raw: string;
  /** True when an unquoted `;` right after a character (`pw=foo;bar`) cut the value short. */
  readonly cutAtSemicolon: boolean;
}

export interface IniDocument {
  /** Every setting by Qt's full key, in the order Qt applies them. */
  readonly entries: ReadonlyMap<string, IniEntry>;
  /** The entry for `key` in `section` (exact spelling first, then any case); undefined if absent. */
  entry(section: string, key: string): IniEntry | undefined;
  /**
   * The value as QSettings' `value(key).toString()` reads it; undefined if absent, `""` for
   * `@Invalid()`. Throws `IniValueError` when Qt would read something the user surely did not
   * mean: a list (an unquoted comma), a non-text `@Variant(…)`-style value, a value cut short by
   * `;`, or an unknown backslash escape that Qt drops with its character (`C:\path` → `C:ath`;
   * `options.keepUnknownEscapes` keeps the character instead, for the webhook's `https\://` form).
   */
  get(section: string, key: string, options?: QtReadOptions): string | undefined;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isSpecial = (c: string) => c === '\n' || c === '\r' || c === '"' || c === ';' || c === '=' || c === '\\';
// QByteArray::trimmed(): ASCII whitespace only (String.prototype.trim would also take U+00A0 etc.).
const qtTrim = (s: string) => s.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');

interface RawLine {
  start: number;
  end: number;
  /** Offset of the first unquoted `=`, or -1. */
  equals: number;
  /** A `"` was still open at the end of the file. */
  openQuote: boolean;
  /** A quoted part ran over a line break. */
  quoteCrossedLine: boolean;
  cutAtSemicolon: boolean;
}

/** Qt's readIniLine: yields logical lines, skipping blank lines and `;` comment lines. */
function* iniLines(data: string): Generator<RawLine> {
  let pos = 0;
  for (;;) {
    let start = pos;
    while (start < data.length && isSpace(data[start])) start++;
    let i = start;
    let equals = -1;
    let inQuotes = false;
    let quoteCrossedLine = false;
    let cutAtSemicolon = false;
    scan: while (i < data.length) {
      while (!isSpecial(data[i]!)) if (++i === data.length) break scan;
      const ch = data[i++]!;
      if (ch === '=') {
        if (!inQuotes && equals === -1) equals = i - 1;
      } else if (ch === '\n' || ch === '\r') {
        if (i === start + 1) start++;
        else if (!inQuotes) {
          i--;
          break;
        } else quoteCrossedLine = true;
      } else if (ch === '\\') {
        if (i < data.length) {
          const escaped = data[i++];
          const next = data[i];
          if ((escaped === '\n' && next === '\r') || (escaped === '\r' && next === '\n')) i++;
        }
      } else if (ch === '"') {
        inQuotes = !inQuotes;
      } else if (i === start + 1) {
        // `;` opening a line: a comment to the end of the line.
        while (i < data.length && data[i] !== '\n' && data[i] !== '\r') i++;
        while (i < data.length && isSpace(data[i])) i++;
        start = i;
      } else if (!inQuotes) {
        i--;
        cutAtSemicolon = equals !== -1 && ![' ', '\t', '"'].includes(data[i - 1]!);
        break;
      }
    }
    pos = i;
    if (i - start <= 0) return;
    yield { start, end: i, equals, openQuote: inQuotes, quoteCrossedLine, cutAtSemicolon };
  }
}

/** Qt's iniUnescapedKey: `\` → `/`, `%XX` and `%UXXXX` → that character, anything else as is. */
export function iniUnescapedKey(key: string): string {
  let result = '';
  let i = 0;
  while (i < key.length) {
    const ch = key[i]!;
    if (ch === '\\' || ch !== '%' || i === key.length - 1) {
      result += ch === '\\' ? '/' : ch;
      i++;
      continue;
    }
    const digits = key[i + 1] === 'U' ? 4 : 2;
    const first = digits === 4 ? i + 2 : i + 1;
    const hex = key.slice(first, first + digits);
    if (hex.length < digits || !/^[0-9A-Fa-f]+$/.test(hex)) {
      result += '%';
      i++;
      continue;
    }
    result += String.fromCharCode(parseInt(hex, 16));
    i = first + digits;
  }
  return result;
}

/** Parses servatrice.ini text. Throws `IniParseError` (see the module comment). */
export function parseIni(text: string): IniDocument {
  const data = text.replace(/^\uFEFF/, '');
  const lineOf = lineNumbers(data);
  const groups = new Map<string, IniEntry[]>();
  let group = '';
  let section: string | undefined;

  for (const line of iniLines(data)) {
    const lineNumber = lineOf(line.start);
    const content = data.slice(line.start, line.end);
    const rawKey = line.equals === -1 ? undefined : qtTrim(data.slice(line.start, line.equals));
    const where = rawKey === undefined || content.startsWith('[') ? 'this line' : `${section ? `[${section}] ` : ''}${rawKey}`;
    if (line.openQuote) throw new IniParseError(lineNumber, `${where} opens a quote (") that is never closed; Qt would read the rest of the file into it`);
    if (line.quoteCrossedLine) throw new IniParseError(lineNumber, `${where} has a quoted value that runs past the end of its line (write a line break as \\n)`);
    if (content.startsWith('[')) {
      const close = content.indexOf(']');
      section = qtTrim(content.slice(1, close === -1 ? content.length : close));
      const name = section.toLowerCase() === 'general' ? '' : section.toLowerCase() === '%general' ? section.slice(1) : iniUnescapedKey(section);
      group = name === '' ? '' : `${name}/`;
      continue;
    }
    if (rawKey === undefined) {
      if (content.startsWith('#')) continue;
      throw new IniParseError(lineNumber, 'expected key=value (this line has no "=")');
    }
    if (rawKey === '') throw new IniParseError(lineNumber, 'a setting has an empty key');
    const entries = groups.get(group) ?? [];
    groups.set(group, entries);
    entries.push({
      path: group + iniUnescapedKey(rawKey),
      key: rawKey,
      label: where,
      line: lineNumber,
      raw: data.slice(line.equals + 1, line.end),
      cutAtSemicolon: line.cutAtSemicolon,
    });
  }

  // Qt parses groups in key order (QMap), each in file order; a later key replaces an earlier one.
  const entries = new Map<string, IniEntry>();
  for (const name of [...groups.keys()].sort()) for (const e of groups.get(name)!) entries.set(e.path, e);
  const entry = (sectionName: string, key: string) => {
    const prefix = `${sectionName}/`;
    const exact = entries.get(prefix + key);
    if (exact) return exact;
    const wanted = key.toLowerCase();
    return [...entries.values()].findLast((e) => e.path.startsWith(prefix) && e.path.slice(prefix.length).toLowerCase() === wanted);
  };
  return {
    entries,
    entry,
    get(sectionName, key, options) {
      const found = entry(sectionName, key);
      return found && textOf(found, options);
    },
  };
}

function textOf(entry: IniEntry, options: QtReadOptions = {}): string {
  const quoteIt = `quote the whole value: ${entry.key}="…"`;
  if (entry.cutAtSemicolon) throw new IniValueError(entry.label, `an unquoted ";" ends the value there (Qt reads the rest of the line as a comment); ${quoteIt}`);
  const { value, droppedEscapes } = readQtValue(entry.raw, options);
  if (value.kind === 'list') throw new IniValueError(entry.label, `an unquoted "," makes Qt read a list, not one value; ${quoteIt}`);
  if (value.kind === 'binary') throw new IniValueError(entry.label, `holds a Qt @${value.type}(…) value, not text`);
  if (droppedEscapes > 0) {
    throw new IniValueError(entry.label, 'has a backslash before a character that is not a Qt escape, and Qt drops both; write \\\\ for a backslash');
  }
  return value.kind === 'invalid' ? '' : value.text;
}

/** Maps an offset to its 1-based line (\n, \r\n and \r each end a line). */
function lineNumbers(data: string): (offset: number) => number {
  const starts = [0];
  for (const match of data.matchAll(/\r\n|\n|\r/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
