/**
 * Reads a Python literal assigned at the top of a seed file (`chain_data = [ {...}, ... ]`,
 * `tracked_wallets = {'addr': [...], ...}`).
 *
 * No npm library parses Python literals (`ast.literal_eval`): the options are a whole Python in
 * WASM (tens of MB) or unmaintained one-offs. The seed's files are what `pprint.pformat` and hand
 * edits produce — dicts, lists, quoted strings, numbers, True/False/None, `#` comments, trailing
 * commas — which is JSON5 except for the Python-only tokens. So the value is rewritten token by
 * token (strings copied untouched, so a `True` or `#` inside a string stays text) and parsed with
 * json5. Numbers are kept as their source text (as JSON strings): a threshold `0.1` is converted
 * to exact base units from its digits, never through a binary float.
 */
import JSON5 from 'json5';

export class PythonLiteralError extends Error {
  override name = 'PythonLiteralError';
}

const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;
const KEYWORDS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };

/** The value assigned to `name` (at the start of a line) in `source`; throws PythonLiteralError naming what is wrong. */
export function readPythonAssignment(source: string, name: string): unknown {
  const match = new RegExp(`^${name}\\s*=\\s*`, 'm').exec(source);
  if (!match) throw new PythonLiteralError(`no "${name} = ..." assignment found`);
  const start = match.index + match[0].length;
  const text = toJson5(source, start, name);
  try {
    return JSON5.parse(text);
  } catch (error) {
    throw new PythonLiteralError(`${name}: not a literal Herald can read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Rewrites the literal starting at `start` into JSON5, up to the bracket that closes it. */
function toJson5(source: string, start: number, name: string): string {
  const line = (at: number) => source.slice(0, at).split('\n').length;
  let out = '';
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "'" || c === '"') {
      if (source.startsWith(c.repeat(3), i)) throw new PythonLiteralError(`${name}: triple-quoted strings are not supported (line ${line(i)})`);
      const end = stringEnd(source, i);
      if (end < 0) throw new PythonLiteralError(`${name}: unterminated string (line ${line(i)})`);
      out += source.slice(i, end + 1);
      i = end + 1;
    } else if (c === '#') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if ('[{'.includes(c)) {
      depth++;
      out += c;
      i++;
    } else if (']}'.includes(c)) {
      depth--;
      out += c;
      i++;
      if (depth === 0) return out;
    } else if (c === '(' || c === ')') {
      throw new PythonLiteralError(`${name}: tuples and parenthesised expressions are not supported (line ${line(i)})`);
    } else if (/[\d.+-]/.test(c) && NUMBER.test(source.slice(i))) {
      const number = NUMBER.exec(source.slice(i))![0];
      out += JSON.stringify(number.replaceAll('_', ''));
      i += number.length;
    } else if (WORD.test(source.slice(i))) {
      const word = WORD.exec(source.slice(i))![0];
      const keyword = KEYWORDS[word];
      if (keyword === undefined) throw new PythonLiteralError(`${name}: "${word}" is not a literal (line ${line(i)})`);
      out += keyword;
      i += word.length;
    } else {
      out += c;
      i++;
    }
    if (depth === 0 && out.trim() !== '') return out; // a bare scalar
  }
  throw new PythonLiteralError(`${name}: the literal is not closed (missing "]" or "}")`);
}

/** Index of the quote closing the string that opens at `open` (backslash escapes skipped), or -1. */
function stringEnd(source: string, open: number): number {
  const quote = source[open];
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (c === '\n') return -1;
  }
  return -1;
}
