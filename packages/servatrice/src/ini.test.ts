import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanIniValue, IniParseError, parseIni } from './ini.js';

const stock = readFileSync(new URL('../fixtures/servatrice-stock.ini', import.meta.url), 'utf8');

describe('parseIni', () => {
  it('parses the stock servatrice.ini shape with all its sections', () => {
    const ini = parseIni(stock);
    expect([...ini.sections.keys()]).toEqual([
      'server', 'authentication', 'users', 'registration', 'forgotpassword', 'smtp', 'database',
      'rooms', 'game', 'security', 'reporting', 'logging', 'audit', 'servernetwork',
    ]);
    expect(ini.get('database', 'type')).toBe('none');
    expect(ini.get('database', 'prefix')).toBe('cockatrice');
    expect(ini.get('database', 'hostname')).toBe('localhost');
    expect(ini.get('database', 'user')).toBe('servatrice');
    expect(ini.get('database', 'password')).toBe('foobar');
    expect(ini.get('database', 'port')).toBeUndefined();
    expect(ini.get('discord', 'new_user_activation_webhook')).toBeUndefined();
    // Qt-style values are returned raw: quotes and backslash keys are not interpreted.
    expect(ini.get('server', 'name')).toBe('"My Cockatrice server"');
    expect(ini.get('server', 'logfilters')).toBe('""');
    expect(ini.get('rooms', 'roomlist\\1\\game_types\\2\\name')).toBe('"GameType2"');
    expect(ini.get('smtp', 'body')).toContain('Hi %username%');
    expect(ini.get('security', 'trusted_sources')).toBe('"127.0.0.1,::1"');
  });

  it('accepts "=" and ":" delimiters, trims, lower-cases keys and keeps sections case-sensitive', () => {
    const ini = parseIni('[Database]\n  HostName :  db.example  \nPASSWORD=  a=b:c  \n');
    expect(ini.get('Database', 'hostname')).toBe('db.example');
    expect(ini.get('Database', 'HOSTNAME')).toBe('db.example');
    expect(ini.get('Database', 'password')).toBe('a=b:c');
    expect(ini.get('database', 'hostname')).toBeUndefined();
  });

  it('skips full-line comments but never strips inline comments or interpolates %', () => {
    const ini = parseIni('; top\n# hash\n[database]\n  ; indented comment\npassword=p%40ss ; not a comment\nuser=bob # neither\n');
    expect(ini.get('database', 'password')).toBe('p%40ss ; not a comment');
    expect(ini.get('database', 'user')).toBe('bob # neither');
    expect([...ini.sections.get('database')!.keys()]).toEqual(['password', 'user']);
  });

  it('lets the last duplicate key win and merges repeated sections', () => {
    const ini = parseIni('[database]\nuser=a\nUSER=b\n[other]\nx=1\n[database]\nhost=h\n');
    expect(ini.get('database', 'user')).toBe('b');
    expect(ini.get('database', 'host')).toBe('h');
  });

  it('joins indented continuation lines like configparser and inherits [DEFAULT]', () => {
    const ini = parseIni('[DEFAULT]\nport=3307\n[a]\nlist=one\n  two\n\n  three\n\nnext=x\n');
    expect(ini.get('a', 'list')).toBe('one\ntwo\n\nthree');
    expect(ini.get('a', 'next')).toBe('x');
    expect(ini.get('a', 'port')).toBe('3307');
    expect(ini.sections.has('DEFAULT')).toBe(false);
  });

  it('handles a BOM, CRLF line endings and empty values', () => {
    const ini = parseIni('\uFEFF[database]\r\npassword=\r\nuser=u\r\n');
    expect(ini.get('database', 'password')).toBe('');
    expect(ini.get('database', 'user')).toBe('u');
  });

  it('reports the line number of malformed lines without echoing their content', () => {
    expect(() => parseIni('password=secret-before-header\n')).toThrow(new IniParseError(1, 'a setting appears before any [section] header'));
    const error = (() => {
      try {
        parseIni('[database]\n\nhunter2-no-delimiter\n');
      } catch (e) {
        return e as IniParseError;
      }
    })();
    expect(error?.line).toBe(3);
    expect(error?.message).not.toContain('hunter2');
    expect(() => parseIni('[a]\n= value\n')).toThrow(IniParseError);
  });
});

describe('cleanIniValue', () => {
  it('undoes Qt quoting of the webhook URL', () => {
    expect(cleanIniValue('"https\\://discord.com/api/webhooks/1/abc"')).toBe('https://discord.com/api/webhooks/1/abc');
    expect(cleanIniValue("'https://discord.com/api/webhooks/1/abc'")).toBe('https://discord.com/api/webhooks/1/abc');
    expect(cleanIniValue('"a\\\\b\\"c"')).toBe('a\\b"c');
  });

  it('leaves a plain URL and unmatched quotes alone', () => {
    expect(cleanIniValue('https://discord.com/api/webhooks/1/abc?thread_id=2')).toBe('https://discord.com/api/webhooks/1/abc?thread_id=2');
    expect(cleanIniValue('"half')).toBe('"half');
    expect(cleanIniValue('"')).toBe('"');
  });
});
