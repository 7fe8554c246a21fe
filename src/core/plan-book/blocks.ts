/**
 * Finding the blocks of a plan workbook in whatever the official hands us: one sheet per block
 * (named after the block), or the whole plan on one sheet (or one range) as consecutive blocks,
 * each starting with a title row "[Tiêu chí]" followed by its header row. Headers are matched by
 * name after fold, unknown columns and blank rows are ignored.
 */
import { fold } from '../text';
import { BLOCKS, GUIDE_SHEET, LISTS_SHEET, cellRef, type BlockSpec, type BookError, type BookLoc, type BookValue } from './format';

/** A sheet or a range: rows of values, with the position of rows[0][0] (1-based). */
export interface BookSheet {
  name: string;
  rows: readonly (readonly BookValue[])[];
  top?: number;
  left?: number;
}

export interface BookRow {
  /** The value under a column of the block (null when blank or the column is absent). */
  get(key: string): BookValue;
  /** Where that value is (the row's first cell when the column is absent). */
  loc(key: string): BookLoc;
  /** The whole row's first cell. */
  at: BookLoc;
}

export interface RawBlock {
  spec: BlockSpec;
  /** Where the header row starts (for problems of the whole block). */
  at: BookLoc;
  rows: BookRow[];
}

const isBlank = (v: BookValue | undefined): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function matchBlock(text: string): BlockSpec | undefined {
  const f = fold(text.replace(/^\[|\]$/g, ''));
  return BLOCKS.find((b) => fold(b.title) === f || (b.variants ?? []).some((v) => fold(v) === f));
}

/** "[Tiêu chí]" alone in the first non-blank cell of its row. */
function titleOf(row: readonly BookValue[]): BlockSpec | undefined {
  const cells = row.filter((v) => !isBlank(v));
  if (cells.length !== 1 || typeof cells[0] !== 'string') return undefined;
  const t = cells[0].trim();
  return /^\[.+\]$/.test(t) ? matchBlock(t) : undefined;
}

export function findBlocks(sheets: readonly BookSheet[]): { blocks: Map<string, RawBlock>; errors: BookError[] } {
  const blocks = new Map<string, RawBlock>();
  const errors: BookError[] = [];
  const put = (b: RawBlock) => {
    const seen = blocks.get(b.spec.key);
    if (seen) {
      errors.push({ sheet: b.at.sheet, cell: cellRef(b.at), message: `khối “${b.spec.title}” có hai lần (đã có ở ${seen.at.sheet}!${cellRef(seen.at)}); gộp thành một` });
      return;
    }
    blocks.set(b.spec.key, b);
  };
  for (const sheet of sheets) {
    if (fold(sheet.name) === fold(GUIDE_SHEET) || fold(sheet.name) === fold(LISTS_SHEET)) continue;
    const top = sheet.top ?? 1;
    const left = sheet.left ?? 1;
    const titled = sheet.rows.map(titleOf);
    const named = matchBlock(sheet.name);
    if (named && !titled.some(Boolean)) {
      const b = readBlock(named, sheet, 0, sheet.rows.length, top, left, errors);
      if (b) put(b);
      continue;
    }
    for (let i = 0; i < sheet.rows.length; i++) {
      const spec = titled[i];
      if (!spec) continue;
      let end = i + 1;
      while (end < sheet.rows.length && !titled[end]) end++;
      const b = readBlock(spec, sheet, i + 1, end, top, left, errors);
      if (b) put(b);
      i = end - 1;
    }
  }
  return { blocks, errors };
}

function readBlock(spec: BlockSpec, sheet: BookSheet, from: number, to: number, top: number, left: number, errors: BookError[]): RawBlock | undefined {
  let h = from;
  while (h < to && sheet.rows[h].every(isBlank)) h++;
  const loc = (r: number, c: number): BookLoc => ({ sheet: sheet.name, row: top + r, col: left + c });
  if (h >= to) return { spec, at: loc(Math.max(from - 1, 0), 0), rows: [] };
  const header = sheet.rows[h];
  const cols = new Map<string, number>();
  const names = new Map<string, string>();
  header.forEach((v, c) => {
    if (typeof v !== 'string') return;
    const f = fold(v);
    const col = spec.columns.find((s) => fold(s.header) === f || (s.variants ?? []).some((x) => fold(x) === f));
    if (col && !cols.has(col.key)) {
      cols.set(col.key, c);
      names.set(col.key, col.header);
    }
  });
  const at = loc(h, 0);
  if (cols.size === 0) {
    errors.push({
      sheet: sheet.name,
      cell: cellRef(at),
      message: `không thấy dòng tiêu đề của khối “${spec.title}”; dòng đầu của khối ghi các cột: ${spec.columns.map((c) => `“${c.header}”`).join(', ')}`,
    });
    return undefined;
  }
  const rows: BookRow[] = [];
  for (let r = h + 1; r < to; r++) {
    const cells = sheet.rows[r];
    if (!cells || [...cols.values()].every((c) => isBlank(cells[c]))) continue;
    const first = Math.min(...cols.values());
    rows.push({
      get: (key) => {
        const c = cols.get(key);
        const v = c === undefined ? null : cells[c];
        return isBlank(v) ? null : (v as BookValue);
      },
      loc: (key) => ({ ...loc(r, cols.get(key) ?? first), header: names.get(key) ?? spec.columns.find((c) => c.key === key)?.header }),
      at: loc(r, first),
    });
  }
  return { spec, at, rows };
}
