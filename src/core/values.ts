/**
 * Reading typed values out of cells (spec §4 "Values that must be read correctly").
 * Every parser is total: it never throws, a blank cell is BLANK, and anything it cannot read is
 * `unreadable` with the cell's text and what was expected — never a silent default.
 */
import { BLANK, Cell, EMPTY_CELL, IsoDate, Parsed, unreadable, value } from './cell';
import { ColumnDef, OrdinalValue } from './columns';
import { isoDate } from './dates';
import { remember } from './memo';

/** An ordinal cell read against its scale: rank, the scale's own label, and an off-scale note. */
export interface OrdinalReading {
  rank: number;
  label: string;
  offScale?: string;
}
import { fold, foldLoose } from './text';
import { LevelId, RoundId, SUBJECT_IDS, SUBJECT_LABELS, SubjectId, TierId } from './vocabulary';

/** Longer texts are never a typed value; refusing them early keeps the parsers linear and fast. */
const MAX_TYPED_TEXT = 500;
const MAX_RAW = 100;

const EXPECT_YESNO = 'Có/Không';
const EXPECT_DATE = 'ngày dd/mm/yyyy';
const EXPECT_YEAR = 'năm yyyy';
const EXPECT_MONEY = 'số tiền (đồng)';
const EXPECT_PERCENT = 'tỷ lệ %';
const EXPECT_SUBJECT = 'loại đối tượng';
const EXPECT_TIER = 'hình thức khen thưởng';
const EXPECT_ROUND = 'Hằng năm / Sơ kết / Tổng kết';
const EXPECT_LEVEL = 'Xuất sắc / Tiêu biểu xuất sắc / Đặc biệt xuất sắc';

// ---------------------------------------------------------------------------------------------
// Cell basics

/**
 * Cells may come from untyped adapters: anything that is not an object is treated as empty, and a
 * property that cannot be read (a throwing getter on a host object) counts as absent.
 */
function prop(cell: Cell, key: 'value' | 'error' | 'format'): unknown {
  if (cell === null || typeof cell !== 'object') return undefined;
  try {
    return (cell as unknown as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function cellValue(cell: Cell): unknown {
  return prop(cell, 'value');
}

function cellError(cell: Cell): string | undefined {
  const e = prop(cell, 'error');
  if (e === undefined || e === null || e === '' || e === false) return undefined;
  return safeString(e);
}

function cellFormat(cell: Cell): string {
  const f = prop(cell, 'format');
  return typeof f === 'string' ? f : '';
}

function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return '';
  }
}

function isDate(v: unknown): v is Date {
  return v instanceof Date;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** No error value: what `cellError` reads as none. */
function noError(e: unknown): boolean {
  return e === undefined || e === null || e === '' || e === false;
}

/** What `plainValue` gives for a cell that is not a plain object read without trouble, or holds an error. */
const ODD = Symbol('odd cell');

/**
 * The value of a plain, error-free cell, read in one guarded step (the common cell on every row);
 * ODD for anything else, which the careful readers below then decide.
 */
function plainValue(cell: Cell): unknown {
  if (cell === null || typeof cell !== 'object') return ODD;
  try {
    return noError(cell.error) ? cell.value : ODD;
  } catch {
    return ODD;
  }
}

/** A plain cell's string or number as it stands (the common cell of a list); undefined for any other. */
export function plainScalar(cell: Cell): string | number | undefined {
  const v = plainValue(cell);
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

export function isBlankCell(cell: Cell): boolean {
  const v = plainValue(cell);
  if (v === ODD) return isBlankCellCarefully(cell);
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return false;
}

function isBlankCellCarefully(cell: Cell): boolean {
  if (cellError(cell) !== undefined) return true;
  const v = cellValue(cell);
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return false;
}

export function cellText(cell: Cell): string {
  const err = cellError(cell);
  if (err !== undefined) return err;
  const v = cellValue(cell);
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const t = v.getTime();
    if (Number.isNaN(t)) return 'Invalid Date';
    return `${pad(v.getUTCDate(), 2)}/${pad(v.getUTCMonth() + 1, 2)}/${pad(v.getUTCFullYear(), 4)}`;
  }
  return safeString(v);
}

/** cellText cut to MAX_RAW characters without splitting a surrogate pair. */
function rawOf(cell: Cell): string {
  const text = cellText(cell);
  if (text.length <= MAX_RAW) return text;
  let end = MAX_RAW;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

function bad(cell: Cell, expected: string): Parsed<never> {
  return unreadable(rawOf(cell), expected);
}

/** Text of a string cell if it is short enough to be a typed value, else undefined. */
function typedText(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > MAX_TYPED_TEXT) return undefined;
  return v;
}

/**
 * Guards a parser body: blank → BLANK, and any unexpected exception (e.g. a hostile object whose
 * getters throw) becomes `unreadable` instead of escaping.
 */
function guarded<T>(cell: Cell, expected: string, body: (v: unknown) => Parsed<T>): Parsed<T> {
  try {
    if (isBlankCell(cell)) return BLANK;
    return body(cellValue(cell));
  } catch {
    let raw = '';
    try {
      raw = rawOf(cell);
    } catch {
      raw = '';
    }
    return unreadable(raw, expected);
  }
}

// ---------------------------------------------------------------------------------------------
// Text and yes/no

export function parseText(cell: Cell): Parsed<string> {
  // Names and units are all different: nothing to remember, so a plain string is read directly.
  const v = plainValue(cell);
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? BLANK : value(t);
  }
  return guarded(cell, 'văn bản', () => value(cellText(cell).trim()));
}

const YES = new Set(['co', 'c', 'x', '✓', '✔', '✔\ufe0f', 'dat', 'yes', 'y', 'true', '1', 'co dat']);
const NO = new Set(['khong', 'k', 'khong dat', 'chua dat', 'no', 'n', 'false', '0']);

function parseYesNoUncached(cell: Cell, opts?: { blankIsNo?: boolean }): Parsed<boolean> {
  if (opts?.blankIsNo) {
    try {
      if (isBlankCell(cell)) return value(false);
    } catch {
      // fall through to the guarded path
    }
  }
  return guarded(cell, EXPECT_YESNO, (v) => {
    if (typeof v === 'boolean') return value(v);
    if (typeof v === 'number') {
      if (v === 1) return value(true);
      if (v === 0) return value(false);
      return bad(cell, EXPECT_YESNO);
    }
    const text = typedText(v);
    if (text === undefined) return bad(cell, EXPECT_YESNO);
    const key = fold(text).replace(/\s*\.+$/, '');
    if (YES.has(key)) return value(true);
    if (NO.has(key)) return value(false);
    return bad(cell, EXPECT_YESNO);
  });
}

// ---------------------------------------------------------------------------------------------
// Dates and years

const DAY_MS = 86_400_000;
const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31

/** Calendar validity check via UTC round trip (catches 31/02, 29/02 in non-leap years, month 13). */
function validYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Excel 1900 date system. Excel believes 1900 was a leap year (Lotus bug): serial 60 is the
 * non-existent 1900-02-29, so serials before it are offset by one day from those after it.
 * The fractional part is the time of day and is ignored.
 */
function serialToIso(serial: number): IsoDate | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) return undefined;
  const n = Math.floor(serial);
  if (n === 60) return undefined;
  const epoch = n < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + n * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function dateToIso(d: Date): IsoDate | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  const y = d.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  return isoDate(y, d.getUTCMonth() + 1, d.getUTCDate());
}

/** A number format that shows a date (d, m, y tokens outside quoted text), e.g. "dd/mm/yyyy". */
function isDateFormat(format: string): boolean {
  const stripped = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[dy]/i.test(stripped);
}

const TIME_SUFFIX = /(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:am|pm))?z?)?$/;
const DMY = new RegExp(`^(\\d{1,2}) ?[/.-] ?(\\d{1,2}) ?[/.-] ?(\\d{4})${TIME_SUFFIX.source}`);
const YMD = new RegExp(`^(\\d{4}) ?[/.-] ?(\\d{1,2}) ?[/.-] ?(\\d{1,2})${TIME_SUFFIX.source}`);
const WORDS = /^(\d{1,2}) ?thang ?(\d{1,2}),? ?nam ?(\d{4})$/;

/** Date written as text (day-first always); `undefined` when it is not a date. */
function textToIso(text: string): IsoDate | undefined {
  let s = fold(text).replace(/\s*\.+$/, '');
  // "ngày 05 tháng 12 năm 2023", "Ngày 5/12/2023": the leading word is decoration.
  s = s.replace(/^ngay\s*/, '');
  let m = DMY.exec(s);
  if (m) return checked(+m[3], +m[2], +m[1]);
  m = YMD.exec(s);
  if (m) return checked(+m[1], +m[2], +m[3]);
  m = WORDS.exec(s);
  if (m) return checked(+m[3], +m[2], +m[1]);
  return undefined;
}

function checked(y: number, m: number, d: number): IsoDate | undefined {
  return validYmd(y, m, d) ? isoDate(y, m, d) : undefined;
}

/** A whole number 1900..2100 without a date format is a year typed into a date column, not a 1905 serial. */
function looksLikeYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1900 && n <= 2100;
}

function parseDateUncached(cell: Cell): Parsed<IsoDate> {
  return guarded(cell, EXPECT_DATE, (v) => {
    let iso: IsoDate | undefined;
    if (isDate(v)) {
      iso = dateToIso(v);
    } else if (typeof v === 'number') {
      if (!(looksLikeYear(v) && !isDateFormat(cellFormat(cell)))) iso = serialToIso(v);
    } else {
      const text = typedText(v);
      if (text !== undefined) {
        const t = text.trim();
        // A serial typed as text: five digits or more, so that "2023" is not read as 1905-07-15.
        if (/^\d{5,7}(?:[.,]\d+)?$/.test(t)) iso = serialToIso(Number(t.replace(',', '.')));
        else iso = textToIso(t);
      }
    }
    return iso === undefined ? bad(cell, EXPECT_DATE) : value(iso);
  });
}

function yearInRange(y: number): boolean {
  return Number.isInteger(y) && y >= 1900 && y <= 2100;
}

function parseYearUncached(cell: Cell): Parsed<number> {
  return guarded(cell, EXPECT_YEAR, (v) => {
    if (typeof v === 'number') return yearInRange(v) ? value(v) : bad(cell, EXPECT_YEAR);
    if (isDate(v)) {
      const t = v.getTime();
      if (Number.isNaN(t)) return bad(cell, EXPECT_YEAR);
      const y = v.getUTCFullYear();
      return yearInRange(y) ? value(y) : bad(cell, EXPECT_YEAR);
    }
    const text = typedText(v);
    if (text === undefined) return bad(cell, EXPECT_YEAR);
    const s = fold(text).replace(/\s*\.+$/, '');
    const m = /^(?:nam\s*)?(\d{4})$/.exec(s);
    if (m) {
      const y = Number(m[1]);
      return yearInRange(y) ? value(y) : bad(cell, EXPECT_YEAR);
    }
    const iso = textToIso(text);
    if (iso !== undefined) {
      const y = Number(iso.slice(0, 4));
      if (yearInRange(y)) return value(y);
    }
    return bad(cell, EXPECT_YEAR);
  });
}

// ---------------------------------------------------------------------------------------------
// Money and percent

const UNIT: Record<string, number> = {
  ty: 1e9,
  ti: 1e9,
  trieu: 1e6,
  tr: 1e6,
  nghin: 1e3,
  ngan: 1e3,
};

/** Thousands-grouped integer: "80.000.000", "80,000,000", "80 000 000" (one separator throughout). */
const GROUPED = /^\d{1,3}(?:(\.)\d{3}(?:\.\d{3})*|(,)\d{3}(?:,\d{3})*|( )\d{3}(?: \d{3})*)$/;

function parsePlainAmount(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (GROUPED.test(s)) return Number(s.replace(/[., ]/g, ''));
  // Accounting exports: "80.000.000,00" / "80,000,000.00" — grouped integer plus decimal part.
  let m = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(s);
  if (m) return Number(`${m[1].replace(/\./g, '')}.${m[2]}`);
  m = /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/.exec(s);
  if (m) return Number(`${m[1].replace(/,/g, '')}.${m[2]}`);
  return undefined;
}

/** Number before a unit word: a single "," or "." is a decimal separator ("0,5 tỷ"); repeated ones group thousands. */
function parseUnitNumber(s: string): number | undefined {
  if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(s) || /^\d{1,3}(?:,\d{3}){2,}$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  if (/^\d+(?:[.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}

/** "80 triệu", "0,5 tỷ", "1 tỷ 200 triệu": number–unit pairs with strictly decreasing units. */
function parseUnitAmount(s: string): number | undefined {
  const pair = /(\d[\d.,]*)\s*(ty|ti|trieu|tr|nghin|ngan)(?![a-z])\s*/y;
  let pos = 0;
  let total = 0;
  let lastUnit = Infinity;
  let pairs = 0;
  while (pos < s.length) {
    pair.lastIndex = pos;
    const m = pair.exec(s);
    if (!m) return undefined;
    const n = parseUnitNumber(m[1]);
    const unit = UNIT[m[2]];
    if (n === undefined || unit === undefined || unit >= lastUnit) return undefined;
    total += n * unit;
    lastUnit = unit;
    pos = pair.lastIndex;
    pairs += 1;
  }
  return pairs > 0 ? Math.round(total) : undefined;
}

function parseMoneyUncached(cell: Cell): Parsed<number> {
  return guarded(cell, EXPECT_MONEY, (v) => {
    let amount: number | undefined;
    if (typeof v === 'number') {
      amount = v;
    } else {
      const text = typedText(v);
      if (text !== undefined) {
        const s = fold(text)
          .replace(/\s*\.+$/, '')
          .replace(/\s*\/\s*nam$/, '') // "đồng/năm"
          .replace(/\s*(?:dong|vnd|d)$/, '')
          .trim();
        amount = parsePlainAmount(s) ?? parseUnitAmount(s);
      }
    }
    if (amount === undefined || !Number.isFinite(amount) || amount < 0 || amount > Number.MAX_SAFE_INTEGER) {
      return bad(cell, EXPECT_MONEY);
    }
    return value(amount);
  });
}

/** Percent arithmetic (0.065 × 100) leaves binary noise; 10 decimals is far below any real precision. */
function round10(x: number): number {
  const r = Number(x.toFixed(10));
  return r === 0 ? 0 : r;
}

function parsePercentUncached(cell: Cell): Parsed<number> {
  return guarded(cell, EXPECT_PERCENT, (v) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return bad(cell, EXPECT_PERCENT);
      // A %-formatted cell stores the fraction. Without a format we guess by magnitude:
      // |n| ≥ 1 is already percentage points (7 → 7 %, 1 → 1 %), |n| < 1 is a fraction (0.065 → 6.5 %).
      const points = round10(cellFormat(cell).includes('%') || Math.abs(v) < 1 ? v * 100 : v);
      return Number.isFinite(points) ? value(points) : bad(cell, EXPECT_PERCENT); // 1e308 × 100 overflows
    }
    const text = typedText(v);
    if (text === undefined) return bad(cell, EXPECT_PERCENT);
    // Text is always percentage points, with or without the sign ("6,5" means 6.5 %).
    const m = /^(-?\d+(?:[.,]\d+)?)\s*%?$/.exec(fold(text).replace(/\s*\.+$/, ''));
    if (!m) return bad(cell, EXPECT_PERCENT);
    const n = Number(m[1].replace(',', '.'));
    return Number.isFinite(n) ? value(round10(n)) : bad(cell, EXPECT_PERCENT);
  });
}

// ---------------------------------------------------------------------------------------------
// Labels: ordinal scales, subject types, tiers, rounds, levels

/** foldLoose plus dash variants, so "chính trị – xã hội" (en dash) matches "chính trị - xã hội". */
export function labelKey(text: string): string {
  return foldLoose(text.replace(/[\u2010-\u2015\u2212]/g, '-'));
}

function parseOrdinalUncached(cell: Cell, scale: readonly OrdinalValue[]): Parsed<OrdinalReading> {
  let expected = '';
  try {
    expected = scale.map((s) => s.labels[0] ?? '').join(' / ');
  } catch {
    expected = 'giá trị trong thang';
  }
  return guarded(cell, expected, (v) => {
    const text = typeof v === 'number' ? String(v) : typedText(v);
    if (text === undefined) return bad(cell, expected);
    const key = labelKey(text);
    for (const step of scale) {
      if (step.labels.some((l) => labelKey(l) === key)) {
        // A value outside the ladder (off-scale) carries the plan's words on why, for the reasons.
        return value(step.offScale ? { rank: step.rank, label: step.labels[0] ?? '', offScale: step.offScale } : { rank: step.rank, label: step.labels[0] ?? '' });
      }
    }
    return bad(cell, expected);
  });
}

const SUBJECT_BY_KEY: ReadonlyMap<string, SubjectId> = (() => {
  const map = new Map<string, SubjectId>();
  for (const id of SUBJECT_IDS) {
    map.set(id, id); // ids as written by exports of this product
    for (const label of SUBJECT_LABELS[id]) {
      const key = labelKey(label);
      if (!map.has(key)) map.set(key, id);
    }
  }
  // What officials put in this column for a commune or district collective (exact strings only).
  for (const s of ['UBND xã', 'UBND phường', 'UBND thị trấn']) map.set(labelKey(s), 'xa');
  for (const s of ['UBND huyện', 'UBND thị xã', 'UBND thành phố']) map.set(labelKey(s), 'huyen');
  return map;
})();

function parseSubjectUncached(cell: Cell): Parsed<SubjectId> {
  return guarded(cell, EXPECT_SUBJECT, (v) => {
    const text = typedText(v);
    if (text === undefined) return bad(cell, EXPECT_SUBJECT);
    const whole = SUBJECT_BY_KEY.get(labelKey(text));
    if (whole) return value(whole);
    // "Xã/Phường/Thị trấn": alternatives are fine when they all name the same subject type.
    const parts = text.split(/[/;]/).map(labelKey).filter((p) => p !== '');
    if (parts.length < 2) return bad(cell, EXPECT_SUBJECT);
    const ids = new Set(parts.map((p) => SUBJECT_BY_KEY.get(p)));
    const [only] = [...ids];
    return ids.size === 1 && only !== undefined ? value(only) : bad(cell, EXPECT_SUBJECT);
  });
}

/** Folded words: diacritics and case gone, every non-alphanumeric character a separator. */
function words(text: string): string[] {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

function indexOfSeq(tokens: readonly string[], seq: readonly string[], from = 0): number {
  for (let i = from; i + seq.length <= tokens.length; i++) {
    if (seq.every((w, j) => tokens[i + j] === w)) return i;
  }
  return -1;
}

const hasSeq = (tokens: readonly string[], seq: readonly string[]): boolean => indexOfSeq(tokens, seq) >= 0;

/**
 * Level of the authority named in a Giấy khen label: the first level word after the award words
 * wins, so "Giấy khen của Chủ tịch UBND huyện … xã A" stays district-level.
 * "thị xã" is a district-level town; "xã hội", "hợp tác xã", "xã viên", "địa phương" are not communes.
 */
function giayKhenIsCommune(tokens: readonly string[], from: number): boolean {
  for (let i = from; i < tokens.length; i++) {
    const w = tokens[i];
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (w === 'xa') {
      if (prev === 'thi') return false;
      if (prev === 'tac' || next === 'hoi' || next === 'vien') continue;
      return true;
    }
    if (w === 'phuong' && prev !== 'dia') return true;
    if (w === 'thi' && next === 'tran') return true;
    if (w === 'huyen' || w === 'quan') return false;
    if ((w === 'thanh' && next === 'pho') || (w === 'giam' && next === 'doc') || (w === 'thu' && next === 'truong')) return false;
  }
  return false;
}

/** Rule-based, not fuzzy: each award family is recognised by its words or its usual abbreviation. */
function parseTierUncached(cell: Cell): Parsed<TierId> {
  return guarded(cell, EXPECT_TIER, (v) => {
    const text = typedText(v);
    if (text === undefined) return bad(cell, EXPECT_TIER);
    const t = words(text);
    const found: TierId[] = [];

    const hc = indexOfSeq(t, ['huan', 'chuong']);
    const hcLaborAt = (i: number): boolean =>
      (t[i] === 'lao' && t[i + 1] === 'dong') || t[i] === 'ld';
    if (
      (hc >= 0 && hcLaborAt(hc + 2)) ||
      t.some((w, i) => (w === 'hc' && hcLaborAt(i + 1)) || w === 'hcld')
    ) {
      found.push('huan-chuong-lao-dong');
    }

    const bkAbbrev = t.findIndex((w) => /^bk[a-z]*$/.test(w));
    if (hasSeq(t, ['bang', 'khen']) || bkAbbrev >= 0) {
      const pm =
        hasSeq(t, ['thu', 'tuong']) ||
        hasSeq(t, ['chinh', 'phu']) ||
        t.some((w) => w === 'ttg' || w === 'ttcp' || /^bk(?:ttg|ttcp)/.test(w));
      found.push(pm ? 'bang-khen-ttg' : 'bang-khen-tinh');
    }

    const gk = indexOfSeq(t, ['giay', 'khen']);
    const gkAbbrev = t.indexOf('gk');
    if (gk >= 0 || gkAbbrev >= 0) {
      const from = gk >= 0 ? gk + 2 : gkAbbrev + 1;
      found.push(giayKhenIsCommune(t, from) ? 'giay-khen-xa' : 'giay-khen');
    }

    // Two award families in one cell ("Giấy khen, Bằng khen") cannot be decided.
    return found.length === 1 ? value(found[0]) : bad(cell, EXPECT_TIER);
  });
}

function parseRoundUncached(cell: Cell): Parsed<RoundId> {
  return guarded(cell, EXPECT_ROUND, (v) => {
    const text = typedText(v);
    if (text === undefined) return bad(cell, EXPECT_ROUND);
    const s = words(text).join(' ').replace(/^dot /, '');
    const starts = (p: string): boolean => s === p || s.startsWith(`${p} `);
    if (starts('hang nam') || starts('thuong xuyen') || s === 'annual') return value('annual');
    if (starts('so ket')) return value('so-ket');
    if (starts('tong ket')) return value('tong-ket');
    return bad(cell, EXPECT_ROUND);
  });
}

const LEVEL = /^(?:co )?(?:thanh tich )?(dac biet |tieu bieu )?xuat sac$/;

function parseLevelUncached(cell: Cell): Parsed<LevelId> {
  return guarded(cell, EXPECT_LEVEL, (v) => {
    const text = typedText(v);
    if (text === undefined) return bad(cell, EXPECT_LEVEL);
    const m = LEVEL.exec(words(text).join(' '));
    if (!m) return bad(cell, EXPECT_LEVEL);
    if (m[1] === 'dac biet ') return value('dac-biet-xuat-sac');
    if (m[1] === 'tieu bieu ') return value('tieu-bieu-xuat-sac');
    return value('xuat-sac');
  });
}

// ---------------------------------------------------------------------------------------------

export function parseCell(cell: Cell, def: ColumnDef, opts?: { blankIsNo?: boolean }): Parsed<unknown> {
  switch (def.type) {
    case 'text':
      return parseText(cell);
    case 'subject':
      return parseSubject(cell);
    case 'tier':
      return parseTier(cell);
    case 'round':
      return parseRound(cell);
    case 'year':
      return parseYear(cell);
    case 'date':
      return parseDate(cell);
    case 'level':
      return parseLevel(cell);
    case 'yesno':
      return parseYesNo(cell, opts);
    case 'ordinal':
      if (!def.scale) return guarded(cell, def.header, () => bad(cell, def.header));
      return parseOrdinal(cell, def.scale);
    case 'money':
      return parseMoney(cell);
    case 'percent':
      return parsePercent(cell);
    default:
      // A column type this version does not know: read it as text rather than fail.
      return parseText(cell);
  }
}

// ---------------------------------------------------------------------------------------------
// Memoisation

/**
 * A list repeats the same few values ("Có", "Xã", "Giấy khen", "01/12/2023") on every row, so each
 * parser remembers its results for plain string and number cells. Results are never mutated.
 */
const MEMO_LIMIT = 5_000;

function memoised<T>(parse: (cell: Cell) => Parsed<T>): (cell: Cell) => Parsed<T> {
  // Results by number format ('' for none), then by the cell's string or number: no key string is
  // built per cell, and "2023" typed as text stays apart from the number 2023.
  const byFormat = new Map<string, Map<string | number, Parsed<T>>>();
  let blank: Parsed<T> | undefined;
  return (cell) => {
    const v = plainValue(cell);
    if (v === ODD) return parse(cell);
    let f: unknown;
    try {
      f = cell.format;
    } catch {
      return parse(cell);
    }
    // Every parser reads an empty cell the same way, whatever its format.
    if (v === null || v === undefined) return (blank ??= parse(EMPTY_CELL));
    // Booleans and dates are rare; a long text is never a typed value: neither is remembered.
    if (typeof v !== 'number' && (typeof v !== 'string' || v.length > 200)) return parse(cell);
    const fmt = typeof f === 'string' ? f : '';
    let memo = byFormat.get(fmt);
    if (memo === undefined) memo = remember(byFormat, 64, fmt, new Map<string | number, Parsed<T>>());
    return memo.get(v) ?? remember(memo, MEMO_LIMIT, v, parse(cell));
  };
}

export const parseDate = memoised(parseDateUncached);
export const parseYear = memoised(parseYearUncached);
export const parseMoney = memoised(parseMoneyUncached);
export const parsePercent = memoised(parsePercentUncached);
export const parseSubject = memoised(parseSubjectUncached);
export const parseTier = memoised(parseTierUncached);
export const parseRound = memoised(parseRoundUncached);
export const parseLevel = memoised(parseLevelUncached);

const yesNoMemo = memoised((cell) => parseYesNoUncached(cell));
export function parseYesNo(cell: Cell, opts?: { blankIsNo?: boolean }): Parsed<boolean> {
  // Only a blank depends on the option; every other value is the same either way.
  return opts?.blankIsNo ? parseYesNoUncached(cell, opts) : yesNoMemo(cell);
}

const ordinalMemo = new WeakMap<readonly OrdinalValue[], (cell: Cell) => Parsed<OrdinalReading>>();
export function parseOrdinal(cell: Cell, scale: readonly OrdinalValue[]): Parsed<OrdinalReading> {
  let parse = ordinalMemo.get(scale);
  if (!parse) {
    parse = memoised((c) => parseOrdinalUncached(c, scale));
    ordinalMemo.set(scale, parse);
  }
  return parse(cell);
}
