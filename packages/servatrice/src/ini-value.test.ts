import { describe, expect, it } from 'vitest';
import { readQtValue, stringToValue } from './ini-value.js';

const text = (raw: string) => {
  const { value } = readQtValue(raw);
  if (value.kind !== 'string') throw new Error(`expected text, got ${value.kind}`);
  return value.text;
};

describe('readQtValue (Qt 6 iniUnescapedStringList + stringToVariant)', () => {
  it('removes quotes, joins quoted parts and keeps quoted spaces', () => {
    expect(text('"My Server"')).toBe('My Server');
    expect(text('"a" "b"')).toBe('ab');
    expect(text('" padded "')).toBe(' padded ');
    expect(text('""')).toBe('');
    expect(text("'single'")).toBe("'single'");
  });

  it('skips leading and chops trailing spaces of unquoted text, but not escaped ones', () => {
    expect(text('  value \t ')).toBe('value');
    expect(text('value\\x20')).toBe('value ');
    expect(text('a\\t')).toBe('a\t');
    expect(text('abc  \\')).toBe('abc  '); // a lone trailing backslash: Qt stops without chopping
  });

  it('reads every escape Qt knows', () => {
    expect(text('\\a\\b\\f\\n\\r\\t\\v\\"\\?\\\'\\\\')).toBe('\x07\b\f\n\r\t\v"?\'\\');
    expect(text('\\x41\\x263a')).toBe('A\u263a'); // any number of hex digits: one UTF-16 unit
    expect(text('\\xd83d\\xde00')).toBe('😀'); // two units spell a surrogate pair
    expect(text('\\x1g')).toBe('\x01g');
    expect(text('\\101\\0')).toBe('A\0'); // octal
    expect(text('\\x12345')).toBe('\u2345'); // Qt's char16_t wraps
    expect(text('a\\xz')).toBe('az'); // \x without a digit is dropped
    expect(text('one\\\ntwo')).toBe('onetwo'); // backslash + line break joins lines
    expect(text('one\\\r\ntwo')).toBe('onetwo');
  });

  it('drops an unknown escape together with its character, and counts it', () => {
    expect(readQtValue('C:\\path')).toEqual({ value: { kind: 'string', text: 'C:ath' }, droppedEscapes: 1 });
    expect(readQtValue('"https\\://x"')).toEqual({ value: { kind: 'string', text: 'https//x' }, droppedEscapes: 1 });
    expect(readQtValue('"https\\://x"', { keepUnknownEscapes: true })).toEqual({ value: { kind: 'string', text: 'https://x' }, droppedEscapes: 0 });
  });

  it('reads an unquoted comma as a list, and a quoted one as text', () => {
    expect(readQtValue('a,b,c').value).toEqual({ kind: 'list', items: ['a', 'b', 'c'] });
    expect(readQtValue('a , "b ", c ').value).toEqual({ kind: 'list', items: ['a', 'b ', 'c'] });
    expect(readQtValue('a,').value).toEqual({ kind: 'list', items: ['a', ''] });
    expect(text('"a,b,c"')).toBe('a,b,c');
    expect(text('a\\,b')).toBe('ab'); // `\,` is not an escape: dropped with the comma
  });

  it('reads the @ forms as stringToVariant does', () => {
    expect(text('@@home')).toBe('@home');
    expect(text('@ByteArray(secret)')).toBe('secret');
    expect(text('@String(x y)')).toBe('x y');
    expect(readQtValue('@Invalid()').value).toEqual({ kind: 'invalid' });
    expect(readQtValue('@Variant(\\0\\0\\0\\x7f)').value).toEqual({ kind: 'binary', type: 'Variant' });
    expect(stringToValue('@Rect(1 2 3 4)')).toEqual({ kind: 'binary', type: 'Rect' });
    expect(stringToValue('@Size(1 2)')).toEqual({ kind: 'binary', type: 'Size' });
    expect(stringToValue('@Size(1)')).toEqual({ kind: 'string', text: '@Size(1)' }); // wrong arity: plain text
    expect(stringToValue('@home')).toEqual({ kind: 'string', text: '@home' });
  });

  it('reads back what QSettings writes (iniEscapedString)', () => {
    // value → the form Qt 6 writes it in
    const written: Array<[string, string]> = [
      ["Pa;ss#wo=rd\"q'x", "\"Pa;ss#wo=rd\\\"q'x\""],
      ['a,b', '"a,b"'],
      [' lead and trail ', '" lead and trail "'],
      ['back\\slash', 'back\\\\slash'],
      ['two\nlines\ttab', 'two\\nlines\\ttab'],
      ['\x01A', '\\x1\\x41'], // a hex digit after \xN is escaped too
      ['@home', '@@home'],
      ['pässwörd ☺', 'pässwörd ☺'], // Qt 6 writes UTF-8 as is
      ['https://discord.com/api/webhooks/1/t?thread_id=2', '"https://discord.com/api/webhooks/1/t?thread_id=2"'],
    ];
    for (const [value, form] of written) {
      const reading = readQtValue(form);
      expect(reading.value).toEqual({ kind: 'string', text: value });
      expect(reading.droppedEscapes).toBe(0);
    }
  });
});
