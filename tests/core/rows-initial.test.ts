/**
 * The repeated-header pre-check rules a cell out by the first character of its header key without
 * normalising the whole text. It may only rule out: whatever first character it names must be the
 * key's own, for any text, or a repeated header would be missed.
 */
import fc from 'fast-check';
import { headerKey } from '../../src/core/headers';
import { firstAsciiAlnum } from '../../src/core/rows';

const PIECES = [
  ...'aAzZ09ăâđêôơưĂÂĐÊÔƠƯÀÁẢÃẠẦẤẨẪẬỦỨỪỬỮỰỲÝỶỸỴđĐ',
  ...'ßæÆ×÷ĳǅǈİıſ',
  ...' .-–—_*:;,"\'“”‘’•/()',
  '\u00a0',
  '\u200b',
  '\t',
  '\n',
  '\u0301',
  '\u0323',
  '\u031b',
  '\u1dc0',
  'e\u0302\u0301',
  'Hộ ông ',
  'Đặng Văn ',
  'Ủy ban MTTQ',
  'Tên tập thể, cá nhân',
];

describe('the header pre-check', () => {
  it('names only the first character the header key itself has', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((xs) => xs.join('')), (text) => {
        const first = firstAsciiAlnum(text);
        if (first !== undefined) expect(headerKey(text)[0]).toBe(first);
      }),
      { numRuns: 20_000 },
    );
  });

  it('rules out names that start with a Vietnamese letter without reading them whole', () => {
    expect(firstAsciiAlnum('Đặng Văn An')).toBe('d');
    expect(firstAsciiAlnum('“Ủy ban MTTQ')).toBe('u');
    expect(firstAsciiAlnum('Ơn')).toBe('o');
    // Not a letter folding to one ASCII letter or digit: the full key decides.
    expect(firstAsciiAlnum('Æon')).toBeUndefined();
    expect(firstAsciiAlnum('\u0301a')).toBeUndefined();
  });

  it('covers every precomposed letter of the ranges it reads alone', () => {
    for (const [from, to] of [
      [0xc0, 0x24f],
      [0x1e00, 0x1eff],
    ]) {
      for (let c = from; c <= to; c++) {
        for (const text of [String.fromCharCode(c), `${String.fromCharCode(c)}x`, `${String.fromCharCode(c)}\u0301y`, ` ${String.fromCharCode(c)}`]) {
          const first = firstAsciiAlnum(text);
          if (first !== undefined) expect(headerKey(text)[0]).toBe(first);
        }
      }
    }
  });
});
