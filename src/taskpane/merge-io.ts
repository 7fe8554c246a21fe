/**
 * "Gộp danh sách" in Excel (issue 10 §2), split from excel-adapter.ts along this seam (the adapter
 * exposes it as `adapter.merge`): every list sheet of the open workbook read, merged by core's
 * mergeSheets, and written to one new sheet "Danh sách tổng hợp". The user's sheets are only read.
 *
 * Syncs: the sheet names; each sheet read by the check's reader (sheet-read.ts readAll: one request
 * for a list of up to 500 rows, then row slices sized under Excel on the web's 5 MB response cap);
 * then the write (one more per extra slice of a merged list past the 5 MB request cap).
 * ExcelApi 1.7 at most (getRangeByIndexes, freezePanes), and the merged header cells (1.13) only
 * when the host has them, as a check reads them.
 */
import type { Cell } from '../core/cell';
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import type { PlanSet } from '../core/plan-set';
import type { RunContext } from '../core/evaluate';
import { MERGE_HEADERS } from '../core/merge';
import { mergeSheets, type MergedSheets, type SourceSheet } from '../core/merge-sheets';
import { SINGLE_SHEET } from '../core/plan-book/format';
import type { SettingsStore } from '../functions/settings';
import { readRecord, recordFor } from './record';
import { freeName, LISTS_SHEET, SUMMARY_SHEET } from './results-model';
import { gridFrom, intactBlock, readAll, type ReadHandles, type Supports } from './sheet-read';

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Bytes of one write request, well under Excel on the web's 5 MB cap. */
const WRITE_BUDGET = 3_000_000;

/** UTF-8 bytes of a string (most Vietnamese letters take two or three). */
function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

export const MERGED_SHEET = 'Danh sách tổng hợp';

/** The checked copy's explanation sheet (src/xlsx/explanation-sheet.ts, which the pane does not load). */
const EXPLANATION_SHEET = 'Giải thích';

/** The product's own sheets (and numbered copies: "Tổng hợp 2"): never a list to merge. */
const OWN_SHEETS = [SUMMARY_SHEET, EXPLANATION_SHEET, SINGLE_SHEET, LISTS_SHEET, MERGED_SHEET];

export function isOwnSheet(name: string): boolean {
  const n = name.normalize('NFC').toLowerCase();
  return OWN_SHEETS.some((base) => {
    const b = base.toLowerCase();
    return n === b || (n.startsWith(`${b} `) && /^\d+$/.test(n.slice(b.length + 1)));
  });
}

export interface MergeDone {
  sheet: string;
  merged: MergedSheets['merged'];
  skipped: MergedSheets['skipped'];
  nominees: number;
  duplicates: number;
}

/** Cell → what Range.values takes, with the number format that keeps it as the user had it. */
function outCell(c: Cell | null): { value: string | number | boolean; format: string } {
  if (!c || c.value === null) return { value: '', format: 'General' };
  if (typeof c.value === 'string') return { value: c.value, format: '@' };
  if (c.value instanceof Date) return { value: c.value.toISOString().slice(0, 10), format: '@' };
  return { value: c.value, format: c.format ?? 'General' };
}

export class MergeIO {
  constructor(
    private readonly run: Run,
    private readonly store: SettingsStore,
    private readonly supports: Supports,
  ) {}

  /** The list sheets of the workbook, read as a check reads them. */
  private async sources(context: Excel.RequestContext, items: Excel.Worksheet[], file: string): Promise<SourceSheet[]> {
    // One sheet at a time, each in row slices (sheet-read.ts, the check's own reader): no response
    // passes Excel on the web's 5 MB cap however many lists the workbook holds, or how long.
    const handles: ReadHandles[] = [];
    for (const sheet of items.filter((s) => !isOwnSheet(s.name))) handles.push(await readAll(context, this.supports, sheet));
    const record = readRecord(this.store);
    return handles.map((h) => {
      // A checked sheet's own result columns are not the user's data.
      const rec = recordFor(record, h.sheet.id, h.sheet.name);
      const grid = gridFrom(h, intactBlock(h, rec) ? rec : undefined);
      return { file, name: grid.sheetName, rows: grid.rows, merges: grid.merges };
    });
  }

  /** Every nominee of the workbook's list sheets, checked (issue 21: what "Xuất mẫu nhập" writes). */
  readNominees(plan: CompiledPlan | PlanSet, ctx: RunContext, file: string): Promise<MergedSheets['table']['items']> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/id,items/name');
      await context.sync();
      return mergeSheets(await this.sources(context, sheets.items, file), plan, ctx).table.items;
    });
  }

  mergeWorkbook(plan: CompiledPlan | PlanSet, ctx: RunContext, file: string): Promise<MergeDone> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/id,items/name');
      await context.sync();
      const taken = sheets.items.map((s) => s.name);
      const result = mergeSheets(await this.sources(context, sheets.items, file), plan, ctx);
      const { table } = result;
      const none = { merged: result.merged, skipped: result.skipped, nominees: 0, duplicates: 0 };
      // No list anywhere: nothing is added to the workbook.
      if (!result.merged.length) return { ...none, sheet: '' };

      const ws = sheets.add(freeName(MERGED_SHEET, taken));
      const all = [table.header.map((h) => ({ value: h, format: '@' })), ...table.rows.map((r) => r.map(outCell))];
      // Row slices under Excel on the web's 5 MB request cap, a sync between them: one slice (no
      // extra sync) for the lists offices send. Text format first, so a name starting with "-" or
      // "=" and a "05/12" stay as written.
      let from = 0;
      let bytes = 0;
      const flush = (to: number) => {
        const part = all.slice(from, to);
        const range = ws.getRangeByIndexes(from, 0, part.length, table.header.length);
        range.numberFormat = part.map((r) => r.map((c) => c.format));
        range.values = part.map((r) => r.map((c) => c.value));
        from = to;
        bytes = 0;
      };
      for (let i = 0; i < all.length; i++) {
        const b = utf8Bytes(JSON.stringify(all[i]));
        if (i > from && bytes + b > WRITE_BUDGET) {
          flush(i);
          await context.sync();
        }
        bytes += b;
      }
      flush(all.length);
      const head = ws.getRangeByIndexes(0, 0, 1, table.header.length);
      head.format.font.bold = true;
      head.format.fill.color = '#D9E1F2';
      // Points; the name and the "Trùng lặp" note are the columns read most.
      table.header.forEach((h, i) => {
        const width = i === 0 ? 40 : h === MERGE_HEADERS.duplicate ? 260 : h === COL.name ? 200 : 110;
        ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = width;
      });
      ws.freezePanes.freezeRows(1);
      ws.activate();
      ws.load('name');
      await context.sync();
      return {
        sheet: ws.name,
        merged: result.merged,
        skipped: result.skipped,
        nominees: table.items.length,
        duplicates: table.duplicates.filter(Boolean).length,
      };
    });
  }
}
