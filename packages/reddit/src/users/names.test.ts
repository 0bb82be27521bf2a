import { describe, expect, it } from 'vitest';
import { commandNames, parseNameArgument, useraddNames } from './names.js';

describe('parseNameArgument', () => {
  it.each([
    ['spez', { shown: 'spez', name: 'spez', hidden: false }],
    ['u/spez', { shown: 'spez', name: 'spez', hidden: false }],
    ['/u/spez', { shown: 'spez', name: 'spez', hidden: false }],
    ['/U/spez', { shown: 'spez', name: 'spez', hidden: false }],
    ['hide/spez', { shown: 'hide/spez', name: 'spez', hidden: true }],
    ['hide//u/spez', { shown: 'hide//u/spez', name: 'spez', hidden: true }],
    ['/u/hide/u/spez', { shown: 'hide/u/spez', name: 'spez', hidden: true }],
    // The seed's prefix test is case-sensitive.
    ['HIDE/spez', { shown: 'HIDE/spez', name: 'HIDE/spez', hidden: false }],
    ['u/u/spez', { shown: 'u/spez', name: 'spez', hidden: false }],
  ])('%s', (raw, expected) => {
    expect(parseNameArgument(raw)).toEqual(expected);
  });

  it('uses the configured hide prefix', () => {
    expect(parseNameArgument('secret:spez', 'secret:')).toEqual({ shown: 'secret:spez', name: 'spez', hidden: true });
    expect(parseNameArgument('hide/spez', 'secret:').hidden).toBe(false);
  });
});

describe('commandNames', () => {
  it('drops empty arguments and keeps the first of names typed twice in any case or form', () => {
    expect(commandNames('  a  u/B hide/a /u/b c ').map((n) => n.shown)).toEqual(['a', 'B', 'c']);
  });
});

describe('useraddNames', () => {
  it("splits on spaces and commas (the seed's `[ ,]`)", () => {
    expect(useraddNames('a,b c,,hide/d ,e').map((n) => [n.name, n.hidden])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
      ['d', true],
      ['e', false],
    ]);
  });
});
