import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, parseArgs, parseCommandLine, UsageError } from './index.js';

const spec = { flags: ['dry-run', 'verbose'], options: ['config', 'backfill'], aliases: { '-c': 'config', '-v': 'verbose' } };
const usage = 'Usage: tool [--config PATH] [--dry-run] [--backfill N] [--verbose]';

describe('parseArgs', () => {
  it('reads flags, options in both spellings, and one-letter aliases', () => {
    const out = parseArgs(['-c', 'x.ini', '--dry-run', '--backfill=5'], spec);
    expect([...out.flags]).toEqual(['dry-run']);
    expect(Object.fromEntries(out.options)).toEqual({ config: 'x.ini', backfill: '5' });
    expect(Object.fromEntries(parseArgs(['--config', 'a b.ini', '-cother.ini'], spec).options)).toEqual({ config: 'other.ini' });
    expect([...parseArgs(['-v', '--dry-run'], spec).flags].sort()).toEqual(['dry-run', 'verbose']);
    expect(parseArgs([], spec)).toEqual({ flags: new Set(), options: new Map() });
  });

  it('takes a value starting with a dash only when written --name=value', () => {
    expect(parseArgs(['--config=-odd.ini'], spec).options.get('config')).toBe('-odd.ini');
    expect(() => parseArgs(['--backfill', '--dry-run'], spec)).toThrow(new UsageError('--backfill needs a value'));
  });

  it.each([
    [['--nope'], 'unknown argument --nope'],
    [['-x'], 'unknown argument -x'],
    [['--backfill'], '--backfill needs a value'],
    [['-c'], '-c needs a value'],
    [['--dry-run=yes'], '--dry-run takes no value'],
    [['extra.ini'], 'unexpected argument extra.ini'],
    [['--', '--dry-run'], 'unexpected argument --dry-run'],
  ])('refuses %j, naming the argument as typed', (argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(new UsageError(message));
  });

  it('refuses an alias that node:util cannot express (a programming error, not a usage error)', () => {
    expect(() => parseArgs([], { flags: ['x'], options: [], aliases: { '--ex': 'x' } })).toThrow(/alias --ex must be -<letter>/);
    expect(() => parseArgs([], { flags: [], options: [], aliases: { '-x': 'missing' } })).toThrow(/declared flag or option/);
  });
});

describe('parseCommandLine', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns the parsed arguments', () => {
    expect(parseCommandLine(['--backfill', '3'], spec, usage).options.get('backfill')).toBe('3');
  });

  it('turns a malformed argument into a config error (exit 2) that names it and carries the usage', () => {
    let error: unknown;
    try {
      parseCommandLine(['--frobnicate'], spec, usage);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('arguments');
    expect((error as ConfigError).problem).toBe(`unknown argument --frobnicate\n${usage}`);
  });

  it.each([['--help'], ['-h']])('%s prints the usage on stdout and exits 0', (arg) => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    // process.exit must not end the test run: record the code and stop where the process would.
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    expect(() => parseCommandLine(['--dry-run', arg], spec, usage)).toThrow('exit 0');
    expect(written.join('')).toBe(`${usage}\n`);
  });
});
