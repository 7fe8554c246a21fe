/**
 * All of the pane's Office.js I/O, batched: each user action is one Excel.run that queues its reads,
 * syncs once, computes (results-model, pure), queues its writes and syncs once more. A check reads
 * the previous fills of the cells it is about to colour in one extra sync: three syncs, plus one
 * per extra slice when the results pass Excel on the web's payload cap (10,000 rows: four).
 *
 * Requirement sets: the manifest admits hosts with SharedRuntime 1.1, which have ExcelApi 1.11. Every
 * call here is at or below 1.11 (getUsedRangeOrNullObject and getIntersectionOrNullObject 1.4,
 * getRangeByIndexes and freezePanes 1.7, dataValidation 1.8, getRanges, getCellProperties and
 * fill.pattern 1.9, charts, calculate and onSelectionChanged 1.1–1.2) except the merged-areas read
 * (1.13), which asks `supports` first and does without merges on older hosts.
 *
 * Strings are written into cells whose number format was first set to Text ("@") in the same batch:
 * Office.js reads a value starting with "=", "+" or "-" as a formula, and a leading apostrophe would
 * be eaten from a text that really starts with one. Text format keeps every character as written.
 */
import type { CompiledPlan } from '../core/compile';
import type { PlanSet } from '../core/plan-set';
import type { RunContext } from '../core/evaluate';
import { RESULT_HEADERS } from '../core/report';
import { SaveFailed, type SettingsStore } from '../functions/settings';
import { gridProblemText, TEXT } from './messages';
import { MergeIO } from './merge-io';
import { PlanSheetIO } from './plan-sheet-io';
import { gridFrom, intactBlock, readAll, readTop, type Supports } from './sheet-read';
import {
  cellsOf,
  fillRuns,
  priorFrom,
  readRecord,
  runsOf,
  recordFor,
  withSheet,
  writeRecord,
  type CellRef,
  type PriorFill,
  type ResultsRecord,
  type SheetRecord,
} from './record';
import {
  checkGrid,
  columnLetter,
  freeName,
  listSource,
  resultsLayout,
  summaryLayout,
  LISTS_SHEET,
  SUMMARY_SHEET,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_ROWS,
  TEMPLATE_SHEET,
  type FillCell,
  type GridCheck,
  type ResultsLayout,
  type SheetGrid,
  type TemplateLayout,
} from './results-model';

/** Excel.run, or a test's stand-in. */
export type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export type { Supports } from './sheet-read';
export { parseAreas } from './sheet-read';

/** getRanges() takes a comma-separated address list; keep each well under any host limit. */
const MAX_ADDRESS = 1000;

export interface CheckRequest {
  plan: CompiledPlan;
  /** The plan with a higher plan ("Kế hoạch cấp trên", issue 18); absent: the plan alone. */
  plans?: PlanSet;
  ctx: RunContext;
  /** Saved manual mappings of the sheet with this name. */
  manualFor(sheetName: string): Record<string, string> | undefined;
}

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; message: string };

export interface CheckDone {
  sheetId: string;
  sheetName: string;
  check: GridCheck;
  /** Set when the columns of an earlier check had been edited or moved and were left alone. */
  note?: string;
  /** Set when Office could not save the record of this check into the document (see `persist`). */
  unsaved?: string;
}

export interface ClearDone {
  cleared: string[];
  moved: string[];
  summaryDeleted: boolean;
  unsaved?: string;
}

/**
 * Save the record; on failure, the reason. The cells are already written and the in-memory settings
 * already hold the matching record, so "Xóa kết quả" keeps working in this session and the next
 * successful save (any pane action saves all settings) persists it: the sheet is left as written
 * and the user is told, rather than undoing a check whose own undo record could not be saved either.
 */
async function persist(store: SettingsStore, record: ResultsRecord): Promise<string | undefined> {
  try {
    await writeRecord(store, record);
    return undefined;
  } catch (e) {
    if (e instanceof SaveFailed) return e.detail;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing helpers

function addressOf(col: number, top: number, bottom: number): string {
  const letter = columnLetter(col);
  return top === bottom ? `${letter}${top}` : `${letter}${top}:${letter}${bottom}`;
}

/** Cells → as few range-area addresses as possible (runs down a column, joined with commas). */
function addressLists(cells: readonly CellRef[]): string[] {
  const lists: string[] = [];
  let current = '';
  for (const run of runsOf(cells)) {
    const a = addressOf(run.col, run.top, run.bottom);
    if (current && current.length + a.length + 1 > MAX_ADDRESS) {
      lists.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) lists.push(current);
  return lists;
}

/** Colour cells, one command per colour and address list, whatever the number of rows. */
function paint(sheet: Excel.Worksheet, cells: readonly FillCell[]): void {
  const byColor = new Map<string, FillCell[]>();
  for (const c of cells) {
    const group = byColor.get(c.color);
    if (group) group.push(c);
    else byColor.set(c.color, [c]);
  }
  for (const [color, group] of byColor) for (const address of addressLists(group)) sheet.getRanges(address).format.fill.color = color;
}

function priorKey(p: PriorFill): string {
  return `${p.pattern}|${p.color ?? ''}|${p.patternColor ?? ''}`;
}

/** Put back what a check changed: its block cleared to blank, widths, and the user's cells' fills. */
function queueRestore(sheet: Excel.Worksheet, rec: SheetRecord): void {
  const block = sheet.getRangeByIndexes(rec.top - 1, rec.firstCol - 1, rec.bottom - rec.top + 1, RESULT_HEADERS.length);
  if (rec.headerRows === 2) block.unmerge();
  // The block was blank and unformatted before the check (it lies beyond the used range).
  block.clear('All');
  rec.widths.forEach((w, i) => (sheet.getRangeByIndexes(0, rec.firstCol - 1 + i, 1, 1).format.columnWidth = w));
  const groups = new Map<string, { prior: PriorFill; cells: CellRef[] }>();
  for (const c of cellsOf(rec.fills)) {
    const k = priorKey(c.prior);
    const g = groups.get(k) ?? { prior: c.prior, cells: [] };
    g.cells.push(c);
    groups.set(k, g);
  }
  for (const { prior, cells } of groups.values()) {
    for (const address of addressLists(cells)) {
      const fill = sheet.getRanges(address).format.fill;
      if (prior.pattern === 'None' || !prior.color) {
        fill.clear();
        continue;
      }
      fill.color = prior.color;
      if (prior.pattern !== 'Solid') fill.pattern = prior.pattern as Excel.FillPattern;
      if (prior.patternColor && prior.pattern !== 'Solid') fill.patternColor = prior.patternColor;
    }
  }
}

/**
 * Excel on the web refuses a request or response over 5 MB; a 10,000-row "Lý do" column comes near
 * it. Rows are written in slices estimated well below that, with a sync between slices — one slice,
 * so no extra sync, for the lists offices usually send.
 */
export const PAYLOAD_BUDGET = 4_000_000;

/** UTF-8 bytes of a string, which is what the request carries (most Vietnamese letters take two or three). */
function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair (emoji) is four bytes: two per half.
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return n;
}

/** A row's bytes on the wire: its values as JSON and a number format per cell. */
function rowBytes(row: readonly (string | number)[]): number {
  let n = 4;
  for (const v of row) n += typeof v === 'string' ? utf8Bytes(v) + 16 : 28;
  return n;
}

/** [start, end) row slices of at most PAYLOAD_BUDGET estimated bytes each. */
export function payloadSlices(values: readonly (readonly (string | number)[])[]): [number, number][] {
  const slices: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  values.forEach((row, i) => {
    const b = rowBytes(row);
    if (i > start && bytes + b > PAYLOAD_BUDGET) {
      slices.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (start < values.length) slices.push([start, values.length]);
  return slices;
}

/** Write texts as text (see the file comment): Text format first, then the values, in one batch. */
function writeText(range: Excel.Range, values: (string | number)[][]): void {
  range.numberFormat = values.map((r) => r.map((v) => (typeof v === 'string' ? '@' : 'General')));
  range.values = values;
}

/**
 * Write a block of rows from (top, left), 1-based, slice by slice; the last slice stays queued for
 * the caller's sync, together with whatever it queues next.
 */
async function writeRows(context: Excel.RequestContext, sheet: Excel.Worksheet, top: number, left: number, values: (string | number)[][]): Promise<void> {
  const slices = payloadSlices(values);
  for (const [k, [from, to]] of slices.entries()) {
    writeText(sheet.getRangeByIndexes(top - 1 + from, left - 1, to - from, values[0].length), values.slice(from, to));
    if (k < slices.length - 1) await context.sync();
  }
}

async function queueResults(context: Excel.RequestContext, sheet: Excel.Worksheet, layout: ResultsLayout): Promise<void> {
  const n = RESULT_HEADERS.length;
  await writeRows(context, sheet, layout.top, layout.firstCol, layout.values);
  sheet.getRangeByIndexes(layout.top - 1, layout.firstCol - 1, layout.headerRows, n).format.font.bold = true;
  if (layout.headerRows === 2) for (let i = 0; i < n; i++) sheet.getRangeByIndexes(layout.top - 1, layout.firstCol - 1 + i, 2, 1).merge(false);
  paint(sheet, layout.blockFills);
  paint(sheet, layout.userFills);
  layout.widths.forEach((w, i) => (sheet.getRangeByIndexes(0, layout.firstCol - 1 + i, 1, 1).format.columnWidth = w));
}

function readPrior(p: Excel.CellProperties | undefined): PriorFill {
  const f = p?.format?.fill;
  const pattern = f?.pattern ?? 'None';
  if (pattern === 'None' || !f?.color) return { pattern: 'None' };
  return f.patternColor && pattern !== 'Solid' ? { pattern, color: f.color, patternColor: f.patternColor } : { pattern, color: f.color };
}

// ---------------------------------------------------------------------------------------------

export class ExcelAdapter {
  /** Plans kept in the workbook (plan-sheet-io.ts). */
  readonly plans: PlanSheetIO;
  /** "Gộp danh sách" (merge-io.ts). */
  readonly merge: MergeIO;

  constructor(
    private readonly run: Run,
    private readonly store: SettingsStore,
    /** Which ExcelApi versions the host has: calls above the manifest's ExcelApi 1.11 ask first. */
    private readonly supports: Supports,
  ) {
    this.plans = new PlanSheetIO(run);
    this.merge = new MergeIO(run, store, supports);
  }

  /** The top rows of the active sheet, for the mapping preview. One sync. */
  readSample(): Promise<SheetGrid> {
    return this.run(async (context) => {
      const h = await readTop(context, this.supports);
      const rec = recordFor(readRecord(this.store), h.sheet.id, h.sheet.name);
      return gridFrom(h, intactBlock(h, rec) ? rec : undefined);
    });
  }

  /**
   * "Kiểm tra": check the active sheet and write the five result columns beside the table, colour
   * missing cells and late rows, and record all of it. Three syncs (read, previous fills, write), and
   * one more per extra payload slice of a very long list.
   */
  check(req: CheckRequest): Promise<ActionResult<CheckDone>> {
    return this.run(async (context) => {
      const h = await readAll(context, this.supports);
      const record = readRecord(this.store);
      const old = recordFor(record, h.sheet.id, h.sheet.name);
      const own = intactBlock(h, old) ? old : undefined;
      const grid = gridFrom(h, own);
      const check = checkGrid(grid, req.plans ?? req.plan, req.ctx, req.manualFor(grid.sheetName));
      if ('problem' in check) return { ok: false as const, message: gridProblemText(check) };
      const firstCol = own?.firstCol ?? Math.max(grid.lastColumn, ...Object.values(check.match.columns)) + 1;
      const layout = resultsLayout(check, firstCol);

      // The fill each user cell had before the first check: from the record, else read now.
      const recorded = priorFrom(own);
      const unknown = layout.userFills.filter((c) => !recorded(c.row, c.col));
      const reads = runsOf(unknown).map((run) => ({
        run,
        props: h.sheet
          .getRangeByIndexes(run.top - 1, run.col - 1, run.bottom - run.top + 1, 1)
          .getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } }),
      }));
      const widthRanges = own ? [] : RESULT_HEADERS.map((_, i) => h.sheet.getRangeByIndexes(0, firstCol - 1 + i, 1, 1).format.load('columnWidth'));
      if (reads.length || widthRanges.length) await context.sync();
      const read = new Map<string, PriorFill>();
      for (const { run, props } of reads) props.value.forEach((r, i) => read.set(`${run.top + i}:${run.col}`, readPrior(r[0])));
      const priors = layout.userFills.map((c) => ({ row: c.row, col: c.col, prior: recorded(c.row, c.col) ?? (read.get(`${c.row}:${c.col}`) as PriorFill) }));

      if (own) queueRestore(h.sheet, own);
      await queueResults(context, h.sheet, layout);
      await context.sync();

      const sheetRecord: SheetRecord = {
        sheetId: grid.sheetId,
        sheetName: grid.sheetName,
        firstCol,
        top: layout.top,
        bottom: layout.bottom,
        headerRows: layout.headerRows,
        widths: own?.widths ?? widthRanges.map((f) => f.columnWidth),
        fills: fillRuns(priors),
      };
      const unsaved = await persist(this.store, withSheet(record, grid.sheetId, sheetRecord, old));
      const done: CheckDone = { sheetId: grid.sheetId, sheetName: grid.sheetName, check };
      if (unsaved) done.unsaved = unsaved;
      if (old && !own) done.note = TEXT.moved(old.sheetName);
      return { ok: true as const, ...done };
    });
  }

  /** "Xuất tổng hợp": check the active sheet and (re)write the "Tổng hợp" sheet with a native chart. Two syncs (more for a very long list). */
  exportSummary(req: CheckRequest): Promise<ActionResult<{ summarySheet: string; check: GridCheck; unsaved?: string }>> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/id');
      const h = await readAll(context, this.supports);
      const record = readRecord(this.store);
      if (record.summarySheetId && record.summarySheetId === h.sheet.id) return { ok: false as const, message: TEXT.summarySheetActive };
      const rec = recordFor(record, h.sheet.id, h.sheet.name);
      const grid = gridFrom(h, intactBlock(h, rec) ? rec : undefined);
      const check = checkGrid(grid, req.plans ?? req.plan, req.ctx, req.manualFor(grid.sheetName));
      if ('problem' in check) return { ok: false as const, message: gridProblemText(check) };

      const previous = sheets.items.find((s) => s.id === record.summarySheetId);
      const name = freeName(
        SUMMARY_SHEET,
        sheets.items.filter((s) => s !== previous).map((s) => s.name),
      );
      if (previous) previous.delete();
      const ws = sheets.add(name);
      const layout = summaryLayout(check.items, req.plan, grid.sheetName, req.plans?.plans);
      for (const b of layout.blocks) {
        const range = ws.getRangeByIndexes(b.row - 1, b.col - 1, b.values.length, b.values[0].length);
        await writeRows(context, ws, b.row, b.col, b.values);
        if (b.bold) range.format.font.bold = true;
        if (b.fill) range.format.fill.color = b.fill;
      }
      layout.widths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w));
      for (const w of layout.wrap) ws.getRangeByIndexes(w.top - 1, w.col - 1, w.bottom - w.top + 1, 1).format.wrapText = true;
      if (layout.chart) {
        const c = layout.chart;
        const source = ws.getRangeByIndexes(c.top - 1, c.left - 1, c.bottom - c.top + 1, c.right - c.left + 1);
        const chart = ws.charts.add('ColumnStacked', source, 'Columns');
        chart.title.text = c.title;
        chart.setPosition(c.anchor, c.anchorEnd);
      }
      ws.activate();
      ws.load('id');
      await context.sync();
      const unsaved = await persist(this.store, { ...readRecord(this.store), summarySheetId: ws.id });
      return { ok: true as const, summarySheet: name, check, ...(unsaved ? { unsaved } : {}) };
    });
  }

  /** "Tạo mẫu": a blank nomination sheet with dropdowns fed from a hidden list sheet. Two syncs. */
  insertTemplate(layout: TemplateLayout): Promise<string> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const taken = sheets.items.map((s) => s.name);
      const name = freeName(TEMPLATE_SHEET, taken);
      const listsName = freeName(LISTS_SHEET, [...taken, name]);
      const lists = sheets.add(listsName);
      lists.visibility = 'Hidden';
      const ws = sheets.add(name);
      const width = layout.headers.length;
      const title = ws.getRangeByIndexes(0, 0, 1, width);
      title.merge(false);
      writeText(ws.getRangeByIndexes(0, 0, 1, 1), [[layout.title]]);
      title.format.font.bold = true;
      title.format.font.size = 14;
      title.format.horizontalAlignment = 'Center';
      const subtitle = ws.getRangeByIndexes(1, 0, 1, width);
      subtitle.merge(false);
      writeText(ws.getRangeByIndexes(1, 0, 1, 1), [[layout.subtitle]]);
      subtitle.format.horizontalAlignment = 'Center';
      subtitle.format.wrapText = true;
      const header = ws.getRangeByIndexes(TEMPLATE_HEADER_ROW - 1, 0, 1, width);
      writeText(header, [layout.headers]);
      header.format.font.bold = true;
      header.format.fill.color = '#D9E1F2';
      header.format.wrapText = true;
      header.format.horizontalAlignment = 'Center';
      header.format.verticalAlignment = 'Center';
      header.format.rowHeight = 60;
      layout.widths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w));
      for (const list of layout.lists) {
        writeText(lists.getRangeByIndexes(0, list.listCol - 1, list.options.length + 1, 1), [[list.header], ...list.options.map((o) => [o])]);
        const dv = ws.getRangeByIndexes(TEMPLATE_HEADER_ROW, list.col - 1, TEMPLATE_ROWS, 1).dataValidation;
        dv.rule = { list: { inCellDropDown: true, source: listSource(listsName, list.listCol, list.options.length) } };
        // Excel caps an alert title at 32 characters.
        dv.errorAlert = { showAlert: true, style: 'Warning', title: list.header.slice(0, 32), message: 'Giá trị không có trong danh mục' };
      }
      ws.freezePanes.freezeRows(TEMPLATE_HEADER_ROW);
      ws.activate();
      await context.sync();
      return name;
    });
  }

  /**
   * "Xóa kết quả": every recorded block cleared, every coloured user cell given its old fill back, the
   * summary sheet deleted. Blocks whose header cells no longer read as the add-in's are left alone.
   * Three syncs: which sheets exist, the blocks' headers, the restore.
   */
  clear(): Promise<ClearDone | null> {
    const record = readRecord(this.store);
    if (!record.sheets.length && !record.summarySheetId) return Promise.resolve(null);
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/id');
      await context.sync();
      const byId = new Map(sheets.items.map((s) => [s.id, s]));
      const byName = new Map(sheets.items.map((s) => [s.name, s]));
      const heads = record.sheets.flatMap((rec) => {
        const sheet = byId.get(rec.sheetId) ?? byName.get(rec.sheetName);
        return sheet ? [{ rec, sheet, head: sheet.getRangeByIndexes(rec.top - 1, rec.firstCol - 1, 1, RESULT_HEADERS.length).load('values') }] : [];
      });
      if (heads.length) await context.sync();
      const done: ClearDone = { cleared: [], moved: [], summaryDeleted: false };
      for (const { rec, sheet, head } of heads) {
        if (RESULT_HEADERS.every((t, i) => head.values[0][i] === t)) {
          queueRestore(sheet, rec);
          done.cleared.push(sheet.name);
        } else done.moved.push(sheet.name);
      }
      const summary = record.summarySheetId ? byId.get(record.summarySheetId) : undefined;
      if (summary) {
        summary.delete();
        done.summaryDeleted = true;
      }
      await context.sync();
      const unsaved = await persist(this.store, { version: 1, sheets: [] });
      if (unsaved) done.unsaved = unsaved;
      return done;
    });
  }

  /**
   * Recalculate every formula, so that the NTM.* cells follow a change of the options they read from
   * the document settings (plan, round, year, column mapping), which are not arguments and so never
   * make a cell dirty. "Full" marks all cells dirty first (ExcelApi 1.1, in every host): a plain
   * "Recalculate" would skip them. Called only after the user changes those settings or clears.
   */
  recalculate(): Promise<void> {
    return this.run(async (context) => {
      context.workbook.application.calculate('Full');
      await context.sync();
    });
  }

  /** The sheet and row the user selected, for the reasons panel. One sync. */
  selection(): Promise<{ sheetId: string; row: number }> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load('rowIndex');
      const ws = range.worksheet;
      ws.load('id');
      await context.sync();
      return { sheetId: ws.id, row: range.rowIndex + 1 };
    });
  }

  watchSelection(onChange: () => void): Promise<void> {
    return this.run(async (context) => {
      context.workbook.onSelectionChanged.add(async () => onChange());
      await context.sync();
    });
  }
}
