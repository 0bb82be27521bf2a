/**
 * How Qt's QSettings (IniFormat) turns the text after `=` into a value: a port of
 * `QSettingsPrivate::iniUnescapedStringList` and `QSettingsPrivate::stringToVariant` from Qt 6's
 * qtbase/src/corelib/io/qsettings.cpp, checked row by row against a real Qt 6.4 QSettings
 * (seed-behaviour §1.5, "How QSettings reads hand-written values").
 *
 * Written here rather than taken from npm: the registry's ini readers (`ini`, `ini-api`,
 * `ini-simple-parser`, `iniparser`, ...) all follow the Windows/configparser dialect (inline `;`
 * and `#` comments everywhere, quotes stripped or kept, no `\xNN`/octal escapes, no comma lists),
 * and none reads Qt's dialect; a "nearly Qt" reader is exactly the fault being fixed.
 */

/** What Qt reads. `string` is what `QSettings::value(key).toString()` gives for plain text. */
export type QtValue =
  | { readonly kind: 'string'; readonly text: string }
  /** An unquoted comma made Qt read a QStringList; `toString()` of it is empty. */
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** `@Invalid()`: an invalid QVariant; `toString()` of it is empty. */
  | { readonly kind: 'invalid' }
  /** `@Variant(…)`, `@DateTime(…)`, `@Rect(…)`, `@Size(…)`, `@Point(…)`: not text. */
  | { readonly kind: 'binary'; readonly type: string };

export interface QtReading {
  value: QtValue;
  /** How many `\c` escapes with an unknown `c` Qt dropped together with their character (`C:\path` → `C:ath`). */
  droppedEscapes: number;
}

export interface QtReadOptions {
  /**
   * Keep the character of an unknown escape (`\:` → `:`) instead of dropping both as Qt does. Only
   * for the webhook URL: the seed monitor's README form `"https\://…"` means `https://…`.
   */
  keepUnknownEscapes?: boolean;
}

// The escapes Qt knows besides \x (hex) and \0-\7 (octal); anything else after \ is dropped.
const escapeCodes: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '?': '?', "'": "'", '\\': '\\',
};
const isHex = (c: string | undefined) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const isOct = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';

/**
 * Reads `raw` (everything after the line's `=`, as `readIniLine` cut it) the way Qt does:
 * leading spaces/tabs skipped; `"…"` quotes removed (several quoted parts join: `"a" "b"` → `ab`);
 * backslash escapes `\a \b \f \n \r \t \v \" \? \' \\`, `\xHHHH` (any number of hex digits, one
 * UTF-16 unit) and `\ooo` (octal); `\` before a line break joins the lines; any other `\c` is
 * dropped with `c`; an unquoted `,` splits a list; trailing spaces of an unquoted value are
 * dropped. Then `@…` forms as `stringToVariant` reads them (`@@x` → `@x`, `@ByteArray(x)` → `x`).
 */
export function readQtValue(raw: string, options: QtReadOptions = {}): QtReading {
  const items: string[] = [];
  let result = '';
  let isList = false;
  let inQuotes = false;
  let quoted = false; // Qt's currentValueIsQuoted: a quoted item keeps its trailing spaces
  let droppedEscapes = 0;
  let i = 0;
  // Trailing spaces are chopped only back to here, so escaped or quoted spaces survive. Qt resets
  // it after every escape and closing quote (its StNormal label) and after each list comma.
  let chopLimit = 0;
  const skipSpaces = () => {
    while (raw[i] === ' ' || raw[i] === '\t') i++;
    chopLimit = result.length;
  };
  const chop = () => {
    if (quoted) return;
    let end = result.length;
    while (end > chopLimit && (result[end - 1] === ' ' || result[end - 1] === '\t')) end--;
    result = result.slice(0, end);
  };
  // Qt's StHexEscape/StOctEscape: digits accumulate in a char16_t (so they wrap) and the result
  // is appended as one UTF-16 unit; two escapes can therefore spell a surrogate pair.
  const numberEscape = (base: 8 | 16, first: number) => {
    const digit = base === 16 ? isHex : isOct;
    let value = first;
    while (digit(raw[i])) value = (value * base + parseInt(raw[i++]!, base)) & 0xffff;
    result += String.fromCharCode(value);
  };

  skipSpaces();
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch === '\\') {
      const code = raw[i + 1];
      i += 2;
      if (code === undefined) {
        chopLimit = result.length; // Qt jumps to its end here: a lone trailing \ is ignored, nothing chopped
        break;
      }
      const known = escapeCodes[code];
      if (known !== undefined) result += known;
      else if (code === 'x') {
        if (isHex(raw[i])) numberEscape(16, 0); // `\x` without a hex digit is dropped
      } else if (isOct(code)) numberEscape(8, Number(code));
      else if (code === '\n' || code === '\r') {
        // A line continuation: \n, \r, \r\n and \n\r each count as one line break.
        const next = raw[i];
        if ((next === '\n' || next === '\r') && next !== code) i++;
      } else if (options.keepUnknownEscapes) result += code;
      else droppedEscapes++;
      chopLimit = result.length;
    } else if (ch === '"') {
      i++;
      quoted = true;
      inQuotes = !inQuotes;
      if (!inQuotes) skipSpaces();
    } else if (ch === ',' && !inQuotes) {
      chop();
      isList = true;
      items.push(result);
      result = '';
      quoted = false;
      i++;
      skipSpaces();
    } else {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '\\' && raw[j] !== '"' && raw[j] !== ',') j++;
      result += raw.slice(i, j);
      i = j;
    }
  }
  chop();
  return { value: isList ? { kind: 'list', items: [...items, result] } : stringToValue(result), droppedEscapes };
}

/**
 * Qt's `stringToVariant` for one string: `@@x` is `@x`; `@ByteArray(…)` and `@String(…)` are text;
 * `@Invalid()` is an invalid value; `@Variant(…)`, `@DateTime(…)` and well-formed `@Rect(x y w h)`,
 * `@Size(w h)`, `@Point(x y)` are not text; anything else is the string itself.
 */
export function stringToValue(s: string): QtValue {
  if (s.startsWith('@') && s.endsWith(')')) {
    if (s.startsWith('@ByteArray(')) return { kind: 'string', text: byteArrayText(s.slice(11, -1)) };
    if (s.startsWith('@String(')) return { kind: 'string', text: s.slice(8, -1) };
    if (s.startsWith('@Variant(')) return { kind: 'binary', type: 'Variant' };
    if (s.startsWith('@DateTime(')) return { kind: 'binary', type: 'DateTime' };
    for (const [type, args] of [['Rect', 4], ['Size', 2], ['Point', 2]] as const) {
      if (s.startsWith(`@${type}(`) && splitArgs(s, type.length + 1).length === args) return { kind: 'binary', type };
    }
    if (s === '@Invalid()') return { kind: 'invalid' };
  }
  return { kind: 'string', text: s.startsWith('@@') ? s.slice(1) : s };
}

/** `QString::toLatin1()` (a unit above U+00FF becomes `?`), then `QVariant(QByteArray).toString()` (UTF-8). */
function byteArrayText(s: string): string {
  const bytes = Uint8Array.from(s, (c) => (c.charCodeAt(0) > 0xff ? 0x3f : c.charCodeAt(0)));
  return new TextDecoder().decode(bytes);
}

/** Qt's `QSettingsPrivate::splitArgs`: the space-separated arguments between `(` at `open` and the final `)`. */
function splitArgs(s: string, open: number): string[] {
  const args: string[] = [];
  let item = '';
  for (const c of s.slice(open + 1)) {
    if (c === ')') args.push(item);
    else if (c === ' ') {
      args.push(item);
      item = '';
    } else item += c;
  }
  return args;
}
