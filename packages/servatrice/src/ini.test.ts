import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IniParseError, IniValueError, iniUnescapedKey, parseIni, readQtValue } from './ini.js';

const stock = readFileSync(new URL('../fixtures/servatrice-stock.ini', import.meta.url), 'utf8');
const repoFile = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** The value QSettings gives for `line` in `[g]`, or the error Herald gives instead. */
function read(line: string): string | undefined {
  return parseIni(`[g]\n${line}\n`).get('g', line.split('=')[0]!.trim());
}
function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

// seed-behaviour §1.5, "How QSettings reads hand-written values", verified against Qt 6.4: one test per row.
describe('parseIni reads hand-written values as QSettings does', () => {
  it('name="My Server" → My Server', () => expect(read('name="My Server"')).toBe('My Server'));
  it("name='single' → 'single' (single quotes are literal)", () => expect(read("name='single'")).toBe("'single'"));
  it('port=4747 ; comment → 4747 (; starts a comment outside quotes)', () => expect(read('port=4747 ; comment')).toBe('4747'));

  it('pw=foo;bar → Qt reads foo; Herald refuses the cut value and says to quote it', () => {
    const ini = parseIni('[database]\npw=foo;bar\n');
    expect(readQtValue(ini.entry('database', 'pw')!.raw).value).toEqual({ kind: 'string', text: 'foo' });
    const error = refusal(() => ini.get('database', 'pw'));
    expect(error).toBeInstanceOf(IniValueError);
    expect(error.message).toBe('[database] pw: an unquoted ";" ends the value there (Qt reads the rest of the line as a comment); quote the whole value: pw="…"');
    expect(error.message).not.toContain('bar');
  });

  it('pw=foo#bar → foo#bar (# is not a comment inside a value)', () => expect(read('pw=foo#bar')).toBe('foo#bar'));
  it('pw=foo=bar → foo=bar', () => expect(read('pw=foo=bar')).toBe('foo=bar'));
  it('pw="p;a#s=s\\"w\'o\\\\rd" → p;a#s=s"w\'o\\rd', () => expect(read('pw="p;a#s=s\\"w\'o\\\\rd"')).toBe('p;a#s=s"w\'o\\rd'));
  it('url=mysql://user:pw@db:3306/name → unchanged', () => expect(read('url=mysql://user:pw@db:3306/name')).toBe('mysql://user:pw@db:3306/name'));

  it('list=a,b,c → a list of three; Herald refuses it by the key as written, without the value', () => {
    const ini = parseIni('[database]\nPassword=hun,ter2\n');
    expect(readQtValue(parseIni('[g]\nlist=a,b,c\n').entry('g', 'list')!.raw).value).toEqual({ kind: 'list', items: ['a', 'b', 'c'] });
    const error = refusal(() => ini.get('database', 'password'));
    expect(error).toEqual(new IniValueError('[database] Password', 'an unquoted "," makes Qt read a list, not one value; quote the whole value: Password="…"'));
    expect(error.message).not.toMatch(/hun|ter2/);
  });

  it('list="a,b,c" → a,b,c', () => expect(read('list="a,b,c"')).toBe('a,b,c'));
  it('key = value   → value (trimmed)', () => expect(read('key = value  ')).toBe('value'));

  it('path=C:\\path → Qt reads C:ath; Herald refuses the dropped escape', () => {
    const ini = parseIni('[g]\npath=C:\\path\n');
    expect(readQtValue(ini.entry('g', 'path')!.raw)).toEqual({ value: { kind: 'string', text: 'C:ath' }, droppedEscapes: 1 });
    expect(refusal(() => ini.get('g', 'path')).message).toBe(
      '[g] path: has a backslash before a character that is not a Qt escape, and Qt drops both; write \\\\ for a backslash',
    );
    expect(ini.get('g', 'path', { keepUnknownEscapes: true })).toBe('C:path');
  });

  it('v="ab (unbalanced quote) → Qt swallows the rest of the file; Herald refuses the file, naming the setting', () => {
    const error = refusal(() => parseIni('[database]\nuser=u\npassword="hunter2\nhostname=h\n'));
    expect(error).toEqual(new IniParseError(3, '[database] password opens a quote (") that is never closed; Qt would read the rest of the file into it'));
    expect(error.message).not.toContain('hunter2');
    // Closed on a later line, it still swallows what lies between: refused too.
    expect(refusal(() => parseIni('[g]\na="x\nb=y"\n'))).toEqual(
      new IniParseError(2, '[g] a has a quoted value that runs past the end of its line (write a line break as \\n)'),
    );
  });

  it('# a line → ignored', () => {
    const ini = parseIni('# a line\n[g]\n# another\nk=v\n');
    expect([...ini.entries.keys()]).toEqual(['g/k']);
  });

  it('a key twice in a group → the last wins; group names are case-sensitive', () => {
    const ini = parseIni('[g]\nk=1\nk=2\n[G]\nk=3\n[g]\nk=4\n');
    expect(ini.get('g', 'k')).toBe('4');
    expect(ini.get('G', 'k')).toBe('3');
  });
});

describe('parseIni structure (readIniLine, readIniSection, iniUnescapedKey)', () => {
  it('reads the stock servatrice.ini shape: Qt-quoted values unquoted, backslash keys as paths', () => {
    const ini = parseIni(stock);
    expect(ini.get('database', 'type')).toBe('none');
    expect(ini.get('database', 'prefix')).toBe('cockatrice');
    expect(ini.get('database', 'password')).toBe('foobar');
    expect(ini.get('database', 'port')).toBeUndefined();
    expect(ini.get('discord', 'new_user_activation_webhook')).toBeUndefined();
    expect(ini.get('server', 'name')).toBe('My Cockatrice server');
    expect(ini.get('server', 'logfilters')).toBe('');
    expect(ini.get('rooms', 'roomlist/1/game_types/2/name')).toBe('GameType2');
    expect(ini.entry('rooms', 'roomlist/1/game_types/2/name')!.label).toBe('[rooms] roomlist\\1\\game_types\\2\\name');
    expect(ini.get('smtp', 'body')).toMatch(/^Hi %username%, thank you .*!\r\nHere's .*\r\n\r\n%token%\r\n\r\nHappy gaming!$/);
    expect(ini.get('security', 'trusted_sources')).toBe('127.0.0.1,::1');
    expect(ini.get('logging', 'log_user_msg')).toBe('room,game,chat');
  });

  it('reads every ini Herald ships', () => {
    const demo = parseIni(repoFile('infra/servatrice-demo.ini'));
    expect(['hostname', 'port', 'database', 'user', 'password', 'prefix'].map((k) => demo.get('database', k))).toEqual([
      'mariadb', '3306', 'servatrice', 'account_monitor', 'demo-monitor-password', 'cockatrice',
    ]);
    expect(demo.get('discord', 'new_user_activation_webhook')).toBe('');
    const example = parseIni(repoFile('infra/monitor.ini.example'));
    expect(example.get('database', 'password')).toBe('a-strong-password');
    expect(example.get('discord', 'new_user_activation_webhook', { keepUnknownEscapes: true })).toBe(
      'https://discord.com/api/webhooks/123456789012345678/replace-with-the-webhook-token',
    );
  });

  it('looks keys up by exact spelling first, then in any case (as the seed monitor did)', () => {
    const ini = parseIni('[database]\nPASSWORD=upper\n');
    expect(ini.get('database', 'password')).toBe('upper');
    expect(parseIni('[database]\nPassword=any\npassword=exact\nPASSWORD=later\n').get('database', 'password')).toBe('exact');
    expect(ini.get('Database', 'password')).toBeUndefined();
  });

  it('puts keys before any section and under [General] at the top level; a group wins over a General path', () => {
    const ini = parseIni('top=1\n[General]\nother=2\ndatabase\\password=general\n[database]\npassword=group\n[%General]\nk=3\n');
    expect([...ini.entries.keys()]).toEqual(['top', 'other', 'database/password', 'General/k']);
    expect(ini.get('database', 'password')).toBe('group');
    expect(ini.get('General', 'k')).toBe('3');
  });

  it('continues a value after an escaped line break and keeps ; and line breaks inside quotes out of the line end', () => {
    const ini = parseIni('[g]\na=one\\\ntwo\nb="x;y" ; comment\n');
    expect(ini.get('g', 'a')).toBe('onetwo');
    expect(ini.get('g', 'b')).toBe('x;y');
  });

  it('handles a BOM, CRLF and lone CR line endings, blank and ; comment lines', () => {
    const ini = parseIni('\uFEFF; c\r\n[database]\r\n\r\n  ; indented\r\npassword=\r\nuser=u\rhost = "h"\r\n');
    expect(ini.get('database', 'password')).toBe('');
    expect(ini.get('database', 'user')).toBe('u');
    expect(ini.get('database', 'host')).toBe('h');
  });

  it('reads @Invalid() as empty and refuses non-text @ values', () => {
    const ini = parseIni('[g]\na=@Invalid()\nb=@Rect(1 2 3 4)\n');
    expect(ini.get('g', 'a')).toBe('');
    expect(refusal(() => ini.get('g', 'b')).message).toBe('[g] b: holds a Qt @Rect(…) value, not text');
  });

  it('refuses lines without "=" and empty keys by line number, without echoing the line', () => {
    const error = refusal(() => parseIni('[database]\n\nhunter2-no-delimiter\n'));
    expect(error).toEqual(new IniParseError(3, 'expected key=value (this line has no "=")'));
    expect(error.message).not.toContain('hunter2');
    expect(refusal(() => parseIni('[database]\nhostname: db\n'))).toBeInstanceOf(IniParseError); // configparser's form is not Qt's
    expect(refusal(() => parseIni('[a]\n= value\n'))).toEqual(new IniParseError(2, 'a setting has an empty key'));
  });

  it('unescapes keys as Qt does', () => {
    expect(iniUnescapedKey('roomlist\\1\\name')).toBe('roomlist/1/name');
    expect(iniUnescapedKey('a%20b%U263A%zz%')).toBe('a b\u263a%zz%');
  });
});
