import { describe, expect, it } from 'vitest';
import { parseDeleteArguments } from './delete-arguments.js';

describe("delete's arguments, refused with the seed's texts (seed-behaviour §3.6)", () => {
  it('reads n and an optional offset', () => {
    expect(parseDeleteArguments('5', undefined)).toEqual({ ok: true, count: 5, offset: 0 });
    expect(parseDeleteArguments('5', '3')).toEqual({ ok: true, count: 5, offset: 3 });
    expect(parseDeleteArguments('+7', '0')).toEqual({ ok: true, count: 7, offset: 0 });
    expect(parseDeleteArguments('60', '40')).toEqual({ ok: true, count: 60, offset: 40 });
  });

  it.each([
    [['5', '3 1'], 'This command takes at most two arguments.'],
    [['5', ' 3'], 'This command takes at most two arguments.'],
    [['five', undefined], 'Invalid number of messages to delete: "five" is not a whole number'],
    [['1.5', undefined], 'Invalid number of messages to delete: "1.5" is not a whole number'],
    [['99999999999999999999', undefined], 'Invalid number of messages to delete: "99999999999999999999" is far too large'],
    [['0', undefined], 'The number of messages to delete must be higher than 0'],
    [['-3', '2'], 'The number of messages to delete must be higher than 0'],
    [['5', 'x'], 'Invalid deletion offset: "x" is not a whole number'],
    [['5', ''], 'Invalid deletion offset: "" is not a whole number'],
    [['5', '-1'], 'The deletion offset must be at least 0'],
    [['101', undefined], 'The sum of the number of messages to delete (101) and the offset (0) cannot be more than 100.'],
    [['60', '41'], 'The sum of the number of messages to delete (60) and the offset (41) cannot be more than 100.'],
  ] as const)('%j → %s', ([count, rest], error) => {
    expect(parseDeleteArguments(count, rest)).toEqual({ ok: false, error });
  });
});
