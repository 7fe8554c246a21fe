/**
 * Code columns of commendation-management exports (issue 10): lists that give the subject and the
 * award form as codes ("Mã phân loại cán bộ", "Mã hình thức khen thưởng") and carry a catalogue
 * sheet ("DANHMUC") mapping each code to its name. The same code means different things in
 * different versions of such files, so a code is only ever resolved through the catalogue of the
 * workbook at hand — never through a table of our own.
 */
import type { Cell } from './cell';
import { CODE_HEADERS, type CodeKind } from './columns';
import type { HeaderMatch } from './headers';
import { headerKey, layoutText } from './headers';
import { fold } from './text';

export type { CodeKind } from './columns';

/** One table of a catalogue sheet: code → name. */
export interface CatalogueTable {
  sheet: string;
  /** What the names are, from the table's own headers; undefined when they do not say. */
  kind: CodeKind | undefined;
  /** Excel row of the table's header, 1-based column of codes and of names. */
  headerRow: number;
  codeCol: number;
  nameCol: number;
  entries: Map<string, string>;
}

export interface Catalogue {
  tables: CatalogueTable[];
}

export interface SheetRows {
  name: string;
  /** rows[0] = Excel row 1. */
  rows: readonly (readonly Cell[])[];
}

/** Rows of a sheet looked at for a catalogue header. */
const HEADER_SCAN = 15;
/** Blank rows that end a catalogue table. */
const TABLE_GAP = 5;

/** A code as text: numbers without decimals or exponent, text trimmed, a leading apostrophe dropped. */
export function codeKey(cell: Cell | undefined): string {
  if (!cell) return '';
  const v = cell.value;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return layoutText(cell).replace(/^'/, '').trim();
}

/** "mã số", "mã phân loại cán bộ", "mahinhthuckt", "maphanloai", "CODE". */
function isCodeHeader(key: string): boolean {
  if (key === 'code' || key === 'ma') return true;
  if (/^ma (so|phan loai|hinh thuc|danh hieu|loai|doi tuong|don vi)\b/.test(key)) return true;
  return /^ma(so|phanloai|hinhthuc|danhhieu|loai|dt|kt|htkt|pl)/.test(key.replace(/[\s_]/g, ''));
}

function isSttHeader(key: string): boolean {
  return /^(s\s?tt|tt|so tt|so thu tu)$/.test(key.replace(/\./g, ''));
}

/** What a catalogue table or a code column names, from its header words. */
export function kindOfText(text: string): CodeKind | undefined {
  const k = fold(text).replace(/[^a-z0-9]+/g, ' ');
  const squeezed = k.replace(/\s/g, '');
  if (/hinhthuc|htkt/.test(squeezed)) return 'award';
  if (/danhhieu|dhtd/.test(squeezed)) return 'title';
  if (/phanloai|doituong|pldt|canbo|taptheloai|loaitapthe/.test(squeezed)) return 'subject';
  return undefined;
}

/** Every catalogue table found in the given sheets (any sheet: the list's own sheet has none). */
export function readCatalogue(sheets: readonly SheetRows[]): Catalogue {
  const tables: CatalogueTable[] = [];
  for (const sheet of sheets) {
    const scan = Math.min(sheet.rows.length, HEADER_SCAN);
    for (let r = 1; r <= scan; r++) {
      const row = sheet.rows[r - 1] ?? [];
      const keys = row.map((c) => headerKey(layoutText(c)));
      keys.forEach((key, i) => {
        if (!key || !isCodeHeader(key)) return;
        const codeCol = i + 1;
        const nameCol = nameColumnBeside(keys, i);
        if (nameCol === undefined) return;
        // A table is found once, at its header: a lower row with the same shape is data.
        if (tables.some((t) => t.sheet === sheet.name && t.codeCol === codeCol)) return;
        const entries = tableEntries(sheet, r, codeCol, nameCol);
        if (!entries.size) return;
        const kind = kindOfText(`${keys[nameCol - 1]} ${key}`) ?? kindOfText(sheet.name);
        tables.push({ sheet: sheet.name, kind, headerRow: r, codeCol, nameCol, entries });
      });
    }
  }
  return { tables };
}

/** The name column of a code column: the nearest header to its right, else to its left, in the same table. */
function nameColumnBeside(keys: readonly string[], i: number): number | undefined {
  const usable = (j: number) => j >= 0 && j < keys.length && !!keys[j] && !isCodeHeader(keys[j]) && !isSttHeader(keys[j]);
  if (usable(i + 1)) return i + 2;
  if (usable(i - 1)) return i;
  return undefined;
}

function tableEntries(sheet: SheetRows, headerRow: number, codeCol: number, nameCol: number): Map<string, string> {
  const entries = new Map<string, string>();
  let gap = 0;
  for (let r = headerRow + 1; r <= sheet.rows.length && gap < TABLE_GAP; r++) {
    const row = sheet.rows[r - 1] ?? [];
    const code = codeKey(row[codeCol - 1]);
    const name = layoutText(row[nameCol - 1]);
    if (!code && !name) {
      gap++;
      continue;
    }
    gap = 0;
    if (code && name && !entries.has(code)) entries.set(code, name);
  }
  return entries;
}

/** The name of a code in the catalogue's tables of that kind (any table when none says its kind). */
export function lookupCode(catalogue: Catalogue, kind: CodeKind, code: string): string | undefined {
  const own = catalogue.tables.filter((t) => t.kind === kind);
  const tables = own.length ? own : catalogue.tables.filter((t) => t.kind === undefined);
  for (const t of tables) {
    const name = t.entries.get(code);
    if (name !== undefined) return name;
  }
  return undefined;
}

export interface CodeColumn {
  col: number;
  /** The standard header the code column stands for. */
  header: string;
  kind: CodeKind;
}

/** The mapped columns whose sheet header says they hold codes. */
export function codeColumns(match: HeaderMatch): CodeColumn[] {
  const out: CodeColumn[] = [];
  for (const s of match.sheetColumns) {
    if (!s.header) continue;
    const code = CODE_HEADERS.find((c) => c.header === s.header && c.texts.some((t) => headerKey(t) === headerKeyBare(s.text)));
    if (code) out.push({ col: s.col, header: s.header, kind: code.kind });
  }
  return out;
}

function headerKeyBare(text: string): string {
  return headerKey(text)
    .replace(/\s*\([^()]*\)$/, '')
    .trim();
}

/** The text an unknown code is read as: shown in the reasons, and never a label of any value. */
export function unknownCodeText(code: string): string {
  return `mã ${code} không có trong danh mục của tệp`;
}

/** Whether the sheet gives codes, so its workbook's catalogue must be read. */
export function needsCatalogue(match: HeaderMatch): boolean {
  return codeColumns(match).length > 0;
}

/**
 * Rows as the engine should see them: each code replaced by its catalogue name. An unknown code
 * becomes a text no parser reads, so the row is incomplete with the code shown; a blank code stays
 * blank (missing).
 */
export function codeDecoder(match: HeaderMatch, catalogue: Catalogue): (cells: readonly Cell[]) => Cell[] {
  const cols = codeColumns(match);
  const cache = new Map<string, Cell>();
  return (cells) => {
    const out = cells.slice();
    for (const c of cols) {
      const code = codeKey(cells[c.col - 1]);
      if (!code) continue;
      const key = `${c.kind}\u0000${code}`;
      let cell = cache.get(key);
      if (!cell) {
        cell = { value: lookupCode(catalogue, c.kind, code) ?? unknownCodeText(code) };
        cache.set(key, cell);
      }
      out[c.col - 1] = cell;
    }
    return out;
  };
}
