/**
 * The plan workbook's cells read one by one (text, numbers, amounts, dropdown words, citations,
 * day/month), each remembering the cell its plan field came from and reporting its own problem as
 * "Sheet!Cell: …". The block readers (criteria-rows.ts, from-tables.ts) build on this.
 */
import { isValidDate } from '../dates';
import { parseMoney, parsePercent } from '../values';
import { type BookRow } from './blocks';
import {
  BLOCKS,
  SUBJECT_CHOICES,
  TIER_CHOICES,
  cellRef,
  choose,
  listOptions,
  NO_OWN,
  splitList,
  type BookError,
  type BookLoc,
  type BookValue,
  type Choice,
  type ListName,
  type OwnVocabulary,
} from './format';

export type Path = (string | number)[];
export type Obj = Record<string, unknown>;

export class CellReader {
  readonly errors: BookError[] = [];
  private readonly locs = new Map<string, BookLoc>();
  protected fallback: BookLoc = { sheet: BLOCKS[0].title, row: 1, col: 1 };
  protected subjectChoices: readonly Choice<string>[] = SUBJECT_CHOICES;
  protected tierChoices: readonly Choice<string>[] = TIER_CHOICES;
  protected own: OwnVocabulary = NO_OWN;

  /** The cell a path of the plan data came from: the path itself or its nearest located parent. */
  locate = (path: Path): BookLoc => {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.locs.get(JSON.stringify(path.slice(0, n)));
      if (hit) return hit;
    }
    return this.fallback;
  };

  protected mark(path: Path, loc: BookLoc): void {
    const k = JSON.stringify(path);
    if (!this.locs.has(k)) this.locs.set(k, loc);
  }

  protected fail(loc: BookLoc, message: string): void {
    this.errors.push({ sheet: loc.sheet, cell: cellRef(loc), message });
  }

  // Each reader reports its own problem and gives undefined.

  protected text(row: BookRow, key: string, path: Path): string | undefined {
    this.mark(path, row.loc(key));
    const v = row.get(key);
    if (v === null) return undefined;
    return shown(v);
  }

  protected number(row: BookRow, key: string, path: Path, what: string): number | undefined {
    this.mark(path, row.loc(key));
    const v = row.get(key);
    if (v === null) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : NaN;
    if (!Number.isFinite(n)) {
      this.fail(row.loc(key), `“${shown(v)}” không phải số; ghi ${what}`);
      return undefined;
    }
    return n;
  }

  /** A threshold as officials write it: 40000000, “40.000.000”, “40 triệu đồng”, “0,5 tỷ”, “6,5%”. */
  protected amount(row: BookRow, key: string, path: Path): number | undefined {
    const v = row.get(key);
    if (typeof v === 'string' && Number.isNaN(parseNumber(v))) {
      const read = [parseMoney({ value: v }), parsePercent({ value: v })].find((p) => p.kind === 'value');
      if (read && read.kind === 'value') {
        this.mark(path, row.loc(key));
        return read.value;
      }
    }
    return this.number(row, key, path, 'một số, ví dụ 40000000, “40.000.000”, “40 triệu” hoặc “6,5%”');
  }

  protected pick<T>(row: BookRow, key: string, path: Path, choices: readonly Choice<T>[], list: ListName): T | undefined {
    const v = this.text(row, key, path);
    if (v === undefined) return undefined;
    const id = choose(choices, v);
    if (id === undefined) this.fail(row.loc(key), `“${v}” không có trong danh sách của cột “${(row.loc(key).header ?? key)}”; chọn một trong: ${listOptions(list, this.own).join('; ')}`);
    return id;
  }

  protected pickList<T>(row: BookRow, key: string, path: Path, choices: readonly Choice<T>[], list: ListName): T[] | undefined {
    const v = this.text(row, key, path);
    if (v === undefined) return undefined;
    // Round names hold no commas, so "Hằng năm, Sơ kết" is read as two rounds too.
    const parts = list === 'rounds' ? splitList(v.replace(/,/g, ';')) : splitList(v);
    const ids: T[] = [];
    for (const p of parts) {
      const id = choose(choices, p);
      if (id === undefined) {
        this.fail(row.loc(key), `“${p}” không có trong danh sách của cột “${(row.loc(key).header ?? key)}”; ghi một hay nhiều trong: ${choices.map((c) => c.labels[0]).join('; ')} (cách nhau bằng “;”)`);
        return undefined;
      }
      ids.push(id);
    }
    return ids;
  }

  protected cite(row: BookRow, path: Path, refKey = 'ref', quoteKey = 'quote'): Obj | undefined {
    this.mark(path, row.loc(refKey));
    const ref = this.text(row, refKey, [...path, 'ref']);
    const quote = this.text(row, quoteKey, [...path, 'quote']);
    if (ref === undefined && quote === undefined) return undefined;
    return { ref: ref ?? '', quote: quote ?? '' };
  }

  protected dayMonth(row: BookRow, key: string, path: Path): { day?: number; month?: number } {
    this.mark([...path, 'day'], row.loc(key));
    this.mark([...path, 'month'], row.loc(key));
    const v = row.get(key);
    if (v === null) return {};
    if (v instanceof Date) return { day: v.getUTCDate(), month: v.getUTCMonth() + 1 };
    // Office.js hands a date cell over as its serial number: "05/12" typed into a General cell.
    if (typeof v === 'number' && Number.isInteger(v) && v > 60 && v < 2958466) {
      const d = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000);
      return { day: d.getUTCDate(), month: d.getUTCMonth() + 1 };
    }
    const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\s*$/.exec(String(v));
    // Any leap year accepts 29/02: the deadline recurs every year.
    if (m && isValidDate(2024, Number(m[2]), Number(m[1]))) return { day: Number(m[1]), month: Number(m[2]) };
    this.fail(row.loc(key), `“${shown(v)}” không phải ngày/tháng; ghi hạn dạng ngày/tháng, ví dụ “05/12”`);
    return {};
  }
}

/** "80.000.000", "80 000 000", "0,5" → numbers; anything else NaN. */
function parseNumber(text: string): number {
  const t = text.trim().replace(/\s+/g, '');
  if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return NaN;
}

/** A cell's value as the official sees it: dates as dd/mm/yyyy, TRUE/FALSE as Excel shows them. */
export function shown(v: BookValue): string {
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v ?? '').trim();
}

/** A key's own value: an own id such as "constructor" must not find Object's inherited members. */
export function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
