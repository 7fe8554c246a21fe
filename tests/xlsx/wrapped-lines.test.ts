/**
 * Row heights come from the lines a text wraps to. The measure finds words with indexOf and skips
 * short texts; it must count exactly as a plain walk over the characters does (code points, words
 * at spaces, paragraphs at line breaks, long words broken inside), whatever the text.
 */
import fc from 'fast-check';
import { fittedHeight, wrappedLines } from '../../src/xlsx/layout';

/** The measure written the plain way: one character at a time. */
function reference(text: string, width: number): number {
  if (!text) return 0;
  const per = Math.max(4, Math.floor(width) - 1);
  let lines = 0;
  let used = 0;
  let n = 1;
  for (const paragraph of text.split('\n')) {
    for (const [k, word] of paragraph.split(' ').entries()) {
      // Characters as code points: the low half of a pair is not counted again.
      const len = word.length - (word.match(/[\uDC00-\uDFFF]/g)?.length ?? 0);
      if (k === 0) used = len;
      else if (used === 0) used = len;
      else if (used + 1 + len <= per) used += 1 + len;
      else {
        n++;
        used = len;
      }
      while (used > per) {
        n++;
        used -= per;
      }
    }
    lines += n;
    used = 0;
    n = 1;
  }
  return lines;
}

const plain = [' ', '  ', '\n', 'a', 'ể', 'Nguyễn', 'không', 'x'.repeat(30), '\t'];
const joined = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((p) => p.join(''));
// Texts without surrogates (words counted in UTF-16 units) and with pairs and lone halves (words counted in code points).
const text = fc.oneof(joined(plain), joined([...plain, '😀', '\uD800', '\uDC00']));

test('lines counted as a plain walk over the characters counts them', () => {
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 120 }), (t, width) => {
      expect(wrappedLines(t, width)).toBe(reference(t, width));
    }),
    { numRuns: 2_000 },
  );
});

test('a reason wraps to more lines in a narrower column, and a row grows to fit it', () => {
  const reason = '✗ Tiêu biểu trong chỉnh trang nhà cửa, vườn hộ, hàng rào, phát triển kinh tế: không\n– Ngoài phạm vi kế hoạch';
  expect(wrappedLines(reason, 110)).toBe(2);
  // "✗ Tiêu biểu trong chỉnh trang" / "nhà cửa, vườn hộ, hàng rào," / "phát triển kinh tế: không" / "– Ngoài phạm vi kế hoạch"
  expect(wrappedLines(reason, 30)).toBe(4);
  expect(wrappedLines('một dòng', 30)).toBe(1);
  expect(fittedHeight([{ text: 'một dòng', width: 30 }], 11)).toBeUndefined();
  expect(fittedHeight([{ text: reason, width: 30 }], 11)).toBe(4 * 15.25 + 3); // Calibri 11: 15.25 pt a line
});
