/**
 * How tall a wrapped cell must be. Excel does not grow a row whose height a writer gave, and
 * LibreOffice keeps the stored height too, so the writer computes it: text is wrapped greedily at
 * spaces into lines of about `width` characters (a column width counts digits of the workbook's
 * default font, and Vietnamese letters with their marks are about as wide), and each line takes
 * the font's line height. Estimates lean tall: a little white space is better than clipped text.
 */

/** Points per line for a font size: Calibri 11 → 15 pt as Excel lays it out, others in proportion. */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.37 * 4) / 4;
}

/** Excel's largest row height. */
export const MAX_ROW_HEIGHT = 409;

/**
 * Lines `text` takes when wrapped in a column `width` characters wide: paragraphs at "\n", words at
 * spaces, characters counted as code points. Without splitting the text: every result cell of every
 * row is measured, so words are found with the native `indexOf`, and a text short enough for one
 * line is not scanned at all.
 */
export function wrappedLines(text: string, width: number): number {
  if (!text) return 0;
  // Lowercase letters are narrower than digits, capitals wider: one character of padding.
  const per = Math.max(4, Math.floor(width) - 1);
  // Code points never outnumber UTF-16 units: a short paragraph fits on one line.
  if (text.length <= per && text.indexOf('\n') < 0) return 1;
  // A surrogate pair is one character: a text holding one has its words counted in code points.
  const pairs = HAS_SURROGATE.test(text);
  let lines = 0;
  let used = 0;
  let n = 1;
  let space = text.indexOf(' ');
  let newline = text.indexOf('\n');
  for (let i = 0; ; ) {
    if (space >= 0 && space < i) space = text.indexOf(' ', i);
    if (newline >= 0 && newline < i) newline = text.indexOf('\n', i);
    const end = space < 0 ? (newline < 0 ? text.length : newline) : newline < 0 || space < newline ? space : newline;
    const len = pairs ? codePoints(text, i, end) : end - i;
    // A word ends: on this line if it fits, else on the next; a word longer than a line breaks inside itself.
    if (used === 0) used = len;
    else if (used + 1 + len <= per) used += 1 + len;
    else {
      n++;
      used = len;
    }
    while (used > per) {
      n++;
      used -= per;
    }
    if (end === text.length || end === newline) {
      lines += n;
      used = 0;
      n = 1;
    }
    if (end === text.length) return lines;
    i = end + 1;
  }
}

const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/** Characters (code points) of `text` from `from` to `to`: a low surrogate ends a pair already counted. */
function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Row height in points fitting every cell (text and column width), or undefined for one line. */
export function fittedHeight(cells: readonly { text: string; width: number }[], fontSize: number): number | undefined {
  let lines = 1;
  for (const c of cells) lines = Math.max(lines, wrappedLines(c.text, c.width));
  return heightForLines(lines, fontSize);
}

/** Row height in points for `lines` wrapped lines, or undefined for one line. */
export function heightForLines(lines: number, fontSize: number): number | undefined {
  if (lines <= 1) return undefined;
  return Math.min(MAX_ROW_HEIGHT, lines * lineHeight(fontSize) + 3);
}

/** Column width (characters) for a column whose longest line is `longest`, within [min, max]. */
export function widthFor(longest: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.ceil(longest * 1.1) + 2));
}
