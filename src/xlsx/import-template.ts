/**
 * A management system's import template (issue 10 §3): its own columns, and code columns that are
 * VLOOKUP formulas over its own catalogue sheets. Reading its shape uses exceljs (read only);
 * filling it patches the sheet's XML in the package, so every other part stays byte for byte.
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { COL, STANDARD_REGISTRY } from '../core/columns';
import { chooseSheet, headerKey } from '../core/headers';
import { colLetter, colNumber, sampleOf, toCell } from './read';
import { escapeText, xmlChars } from './patch';

/** A code column: `VLOOKUP(<source><row>, <sheet>!<range>, <index>, 0)` over a catalogue sheet. */
export interface TemplateLookup {
  /** The formula column and the name column it looks up. */
  col: number;
  source: number;
  sheet: string;
  /** Name → code, in the catalogue's order, as the lookup sees them. */
  entries: { name: string; code: string | number }[];
  /** The formula of the first data row, to repeat on rows the template did not prepare. */
  formula: string;
}

export interface TemplateShape {
  sheet: string;
  firstDataRow: number;
  /** Last row that already carries the lookup formulas. */
  lastPreparedRow: number;
  columns: { stt?: number; name: number; position?: number; unit?: number; proposed?: number; subject?: number; kind?: number };
  lookups: TemplateLookup[];
}

export type TemplateProblem = { problem: 'no-header'; looked: string[] } | { problem: 'no-lookup' };

const VLOOKUP = /^\s*=?\s*VLOOKUP\(\s*\$?([A-Z]{1,3})\$?(\d+)\s*,\s*(?:'((?:[^']|'')+)'|([^'!,()]+))!\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)\s*,\s*(\d+)\s*,\s*(?:0|FALSE)\s*\)\s*$/i;

function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as { formula?: string; sharedFormula?: string } | null;
  return v && typeof v === 'object' && typeof v.formula === 'string' ? v.formula : undefined;
}

export function inspectTemplate(wb: ExcelJS.Workbook): TemplateShape | TemplateProblem {
  const sheets = wb.worksheets;
  const chosen = chooseSheet(
    sheets.map((ws) => sampleOf(ws)),
    STANDARD_REGISTRY,
  );
  if ('error' in chosen) return { problem: 'no-header', looked: sheets.map((s) => s.name) };
  const ws = sheets[chosen.index];
  const { match } = chosen;
  const first = match.firstDataRow;
  const byKey = (key: string) => match.sheetColumns.find((s) => !s.header && headerKey(s.text) === key)?.col;
  const lookups: TemplateLookup[] = [];
  ws.getRow(first).eachCell({ includeEmpty: false }, (cell, col) => {
    const f = formulaOf(cell);
    const m = f ? VLOOKUP.exec(f) : null;
    if (!f || !m || Number(m[2]) !== first) return;
    const sheetName = m[3] !== undefined ? m[3].replace(/''/g, "'") : m[4].trim();
    const target = wb.getWorksheet(sheetName);
    if (!target) return;
    const left = colNumber(m[5]);
    const codeCol = left + Number(m[9]) - 1;
    const entries: TemplateLookup['entries'] = [];
    for (let r = Number(m[6]); r <= Math.min(Number(m[8]), target.rowCount); r++) {
      const name = String(toCell(target.getCell(r, left).value).value ?? '').trim();
      const code = toCell(target.getCell(r, codeCol).value).value;
      if (name && (typeof code === 'string' || typeof code === 'number') && code !== '') entries.push({ name, code });
    }
    lookups.push({ col, source: colNumber(m[1]), sheet: sheetName, entries, formula: f });
  });
  if (!lookups.length) return { problem: 'no-lookup' };
  let last = first;
  const probe = lookups[0].col;
  for (let r = first; r <= ws.rowCount; r++) if (formulaOf(ws.getCell(r, probe))) last = r;
  return {
    sheet: ws.name,
    firstDataRow: first,
    lastPreparedRow: last,
    columns: {
      stt: match.sttColumn,
      name: match.columns[COL.name],
      unit: match.columns[COL.unit],
      proposed: match.columns[COL.proposed],
      subject: match.columns[COL.subject],
      position: byKey('chuc vu'),
      kind: byKey('phan loai khen thuong'),
    },
    lookups,
  };
}

/** What goes into one cell: a value, or the cached result of the formula the cell keeps. */
export type CellFill = { text: string } | { number: number } | { cached: string | number };

/** The template's formula for another row (relative references moved down). */
export function formulaForRow(formula: string, from: number, to: number): string {
  return formula.replace(new RegExp(`(^|[^$A-Za-z'!])([A-Z]{1,3})${from}(?!\\d)`, 'g'), (_, pre: string, col: string) => `${pre}${col}${to}`);
}

const ROW = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
const CELL = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;

function attrOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function cellXml(ref: string, old: string | undefined, fill: CellFill, formula?: string): string {
  const open = old ? (/^<c\b[^>]*?(?=\/?>)/.exec(old)?.[0] ?? `<c r="${ref}"`) : `<c r="${ref}"`;
  const base = open.replace(/\st="[^"]*"/, '');
  if ('text' in fill) return `${base} t="inlineStr"><is><t xml:space="preserve">${escapeText(xmlChars(fill.text))}</t></is></c>`;
  if ('number' in fill) return `${base}><v>${fill.number}</v></c>`;
  const f = old ? (/<f\b[^>]*?(?:\/>|>[\s\S]*?<\/f>)/.exec(old)?.[0] ?? '') : `<f>${escapeText(formula ?? '')}</f>`;
  const v = typeof fill.cached === 'number' ? `<v>${fill.cached}</v>` : `<v>${escapeText(xmlChars(fill.cached))}</v>`;
  return `${base}${typeof fill.cached === 'number' ? '' : ' t="str"'}>${f}${v}</c>`;
}

/**
 * The sheet's XML with the given cells filled (row → column → fill). Existing cells keep their
 * style; formula cells keep their formula and get its result as cached value; rows the template
 * did not have are added in order, with `formulas` (column → formula for that row) for their code columns.
 */
export function fillSheetXml(xml: string, fills: ReadonlyMap<number, ReadonlyMap<number, CellFill>>, formulas: (row: number) => ReadonlyMap<number, string>): string {
  const open = /<sheetData\b[^>]*?(\/)?>/.exec(xml);
  if (!open) throw new Error('the template sheet has no sheetData');
  const start = open.index + open[0].length;
  const end = open[1] ? start : xml.indexOf('</sheetData>', start);
  const body = open[1] ? '' : xml.slice(start, end);
  const rows = [...body.matchAll(ROW)].map((m) => ({ r: Number(attrOf(m[0], 'r')), xml: m[0] }));
  const byRow = new Map(rows.map((r) => [r.r, r]));
  for (const [r, cols] of fills) {
    const old = byRow.get(r);
    const cells = new Map<number, string>();
    let rowOpen = `<row r="${r}">`;
    if (old) {
      rowOpen = (/^<row\b[^>]*?(?=\/?>)/.exec(old.xml)?.[0] ?? `<row r="${r}"`).replace(/\sspans="[^"]*"/, '') + '>';
      for (const m of old.xml.matchAll(CELL)) {
        const ref = attrOf(m[0], 'r') ?? '';
        cells.set(colNumber(ref.replace(/\d+$/, '')), m[0]);
      }
    }
    const added = old ? new Map<number, string>() : formulas(r);
    for (const [col, fill] of cols) {
      const ref = `${colLetter(col)}${r}`;
      cells.set(col, cellXml(ref, cells.get(col), fill, added.get(col)));
    }
    const xmlRow = `${rowOpen}${[...cells].sort((a, b) => a[0] - b[0]).map((c) => c[1]).join('')}</row>`;
    byRow.set(r, { r, xml: xmlRow });
  }
  const out = [...byRow.values()].sort((a, b) => a.r - b.r).map((r) => r.xml).join('');
  const head = open[1] ? xml.slice(0, open.index) + open[0].replace(/\/>$/, '>') : xml.slice(0, start);
  const tail = open[1] ? '</sheetData>' + xml.slice(start) : xml.slice(end);
  // Found in a loop: an export may have more rows than a call takes arguments.
  let last = -Infinity;
  for (const r of byRow.keys()) if (r > last) last = r;
  return extendDimension(head, last) + out + tail;
}

/** `<dimension ref="A1:U553"/>` must cover rows added below the template's last. */
function extendDimension(head: string, lastRow: number): string {
  return head.replace(/<dimension ref="([A-Z]+\d+):([A-Z]+)(\d+)"/, (all, from: string, col: string, row: string) =>
    Number(row) >= lastRow ? all : `<dimension ref="${from}:${col}${lastRow}"`,
  );
}

/** Replaces a part of the package by name; every other entry is left as it was. */
export async function replacePart(zip: JSZip, part: string, edit: (xml: string) => string): Promise<void> {
  const entry = zip.file(part);
  if (!entry) throw new Error(`the template has no part ${part}`);
  zip.file(part, edit(await entry.async('string')));
}
