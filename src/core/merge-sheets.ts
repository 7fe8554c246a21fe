/**
 * "Gộp danh sách" in the pane (issue 10 §2): the lists on the sheets of the open workbook (or of
 * files picked outside Excel) merged into one table. Pure: the adapter reads each sheet's cells
 * and writes `table.rows` under `table.header` on a new sheet; nothing here touches Office.
 */
import { codeDecoder, needsCatalogue, readCatalogue } from './catalogue';
import type { Cell } from './cell';
import { unitOf } from './check';
import type { CompiledPlan } from './compile';
import type { RunContext } from './evaluate';
import { detectHeader, type MergeRange } from './headers';
import { mergedTable, type MergedTable, type MergeItem } from './merge';
import { asPlanSet, checkRowsInSet, type PlanSet } from './plan-set';

export interface SourceSheet {
  /** The file it comes from (the open workbook's name in Excel). */
  file: string;
  name: string;
  /** rows[0] = Excel row 1, rows[r][0] = column A. */
  rows: Cell[][];
  merges?: MergeRange[];
}

export interface MergedSheets {
  table: MergedTable;
  /** Sheets holding a list, and sheets skipped (no header: instructions, catalogues, notes). */
  merged: { file: string; sheet: string; rows: number }[];
  skipped: { file: string; sheet: string }[];
}

/**
 * Several plans (issue 18): columns are found with every plan's, and each row is judged by the plan
 * governing its award form, which the item keeps (an export names the form through it).
 */
export function mergeSheets(sheets: readonly SourceSheet[], plans: CompiledPlan | PlanSet, ctx: RunContext): MergedSheets {
  const set = asPlanSet(plans);
  const items: MergeItem[] = [];
  const used = new Set<string>();
  const merged: MergedSheets['merged'] = [];
  const skipped: MergedSheets['skipped'] = [];
  for (const sheet of sheets) {
    const match = detectHeader({ name: sheet.name, rows: sheet.rows.slice(0, 60), merges: sheet.merges ?? [] }, set.registry);
    if (!match) {
      skipped.push({ file: sheet.file, sheet: sheet.name });
      continue;
    }
    // A management-system export's codes: the catalogue is on the same file's other sheets.
    const others = sheets.filter((s) => s.file === sheet.file && s !== sheet);
    const decode = needsCatalogue(match) ? codeDecoder(match, readCatalogue(others)) : undefined;
    const rows = sheet.rows.map((cells, i) => ({ row: i + 1, cells: decode ? decode(cells) : cells }));
    let count = 0;
    for (const { row, cells, decision, plan } of checkRowsInSet(set, match, rows, ctx)) {
      const byHeader = new Map<string, Cell>();
      for (const [h, col] of Object.entries(match.columns)) if (cells[col - 1]) byHeader.set(h, cells[col - 1]);
      items.push({ file: sheet.file, sheet: sheet.name, row, unit: unitOf(cells, match), cells: byHeader, decision, plan });
      count++;
    }
    for (const h of Object.keys(match.columns)) used.add(h);
    merged.push({ file: sheet.file, sheet: sheet.name, rows: count });
  }
  const headers = [...set.registry.keys()].filter((h) => used.has(h));
  return { table: mergedTable(items, headers), merged, skipped };
}
