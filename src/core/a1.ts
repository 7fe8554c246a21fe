/** A1 references: one conversion between column numbers and letters for every layer. */

/** Letters of a 1-based column number (1 → "A", 28 → "AB"). */
export function colLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = (n - 1 - m) / 26;
  }
  return s;
}

/** Column number of the letters at the start of a reference ("AB12" → 28, "$c" → 3); 0 when none. */
export function colNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c === 0x24 && i === 0) continue; // "$"
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n;
}
