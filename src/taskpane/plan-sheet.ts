/**
 * Plans in the pane beyond the shipped ones, without Office: the one-sheet layout written by
 * "Chèn trang kế hoạch" (the same blocks the plan workbook and the custom functions' plan range
 * read), the sheet read back into a plan, and a plan file (.json or .xlsx) chosen by the user.
 */
import { loadPlan, type CompiledPlan } from '../core/compile';
import type { BookSheet } from '../core/plan-book/blocks';
import type { BookValue } from '../core/plan-book/format';
import { formatBookError, readPlanBook } from '../core/plan-book/from-tables';
import { jsonSyntaxVi, planJsonProblems } from '../core/plan-file';
import { planToTables } from '../core/plan-book/to-tables';
import type { Plan } from '../core/plan-schema';

/** Picker values for the two plans that are not shipped ones (no plan id starts with "@"). */
export const SHEET_PLAN = '@sheet';
export const FILE_PLAN = '@file';

export interface PlanSheetLayout {
  /** Rectangular rows from A1: "[Tiêu chí]" title rows, header rows, data, a blank row after each block. */
  values: (string | number)[][];
  titleRows: number[];
  headerRows: number[];
  /** Column widths in points. */
  widths: number[];
}

function cellText(v: BookValue): string | number {
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export function planSheetLayout(plan: Plan): PlanSheetLayout {
  const rows: (string | number)[][] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const widths: number[] = [];
  for (const t of planToTables(plan)) {
    rows.push([`[${t.block.title}]`]);
    titleRows.push(rows.length);
    rows.push(t.block.columns.map((c) => c.header));
    headerRows.push(rows.length);
    t.block.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width * 6)));
    for (const r of t.rows) rows.push(r.map(cellText));
    rows.push([]);
  }
  const width = Math.max(...rows.map((r) => r.length));
  return { values: rows.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]), titleRows, headerRows, widths };
}

export type PlanRead = { ok: true; plan: CompiledPlan } | { ok: false; problems: string[]; first?: { sheet: string; cell: string } };

/** A plan sheet's used range, read back with the core plan-book reader: the plan or every problem. */
export function planFromSheet(sheet: BookSheet): PlanRead {
  const r = readPlanBook([sheet], sheet.name);
  if (r.ok) return { ok: true, plan: r.plan };
  const first = r.errors[0];
  return { ok: false, problems: r.errors.map(formatBookError), ...(first ? { first: { sheet: first.sheet, cell: first.cell } } : {}) };
}

/** A plan file the user chose: JSON as the command line's --plan-file, or a plan workbook. */
export async function planFromFile(name: string, bytes: ArrayBuffer): Promise<PlanRead> {
  if (/\.xlsx$/i.test(name)) {
    // exceljs stays in its own chunk: the pane inside Excel loads it only for this.
    const [{ default: ExcelJS }, { bookSheets }] = await Promise.all([import('exceljs'), import('../xlsx/plan-book')]);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes);
    } catch {
      return { ok: false, problems: [`${name}: không đọc được tệp .xlsx (tệp nén bị hỏng hoặc không phải .xlsx); mở bằng Excel và lưu lại dạng .xlsx`] };
    }
    const r = readPlanBook(bookSheets(wb), name);
    return r.ok ? { ok: true, plan: r.plan } : { ok: false, problems: r.errors.map((e) => `${name} — ${formatBookError(e)}`) };
  }
  if (!/\.json$/i.test(name)) return { ok: false, problems: [`${name}: chọn tệp kế hoạch .json hoặc sổ kế hoạch .xlsx`] };
  let data: unknown;
  const text = new TextDecoder().decode(bytes);
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`${name}: không phải JSON hợp lệ (${jsonSyntaxVi(text, e)}); sửa lại tệp`] };
  }
  // Reserved keys and runaway nesting first: nothing recursive may see them.
  const problems = planJsonProblems(data);
  const r = problems.length ? undefined : loadPlan(data, name);
  return r?.ok ? { ok: true, plan: r.plan } : { ok: false, problems: (problems.length ? problems : ['(gốc): kế hoạch không hợp lệ']).map((p) => `${name}: ${p}`) };
}

/** Office.js `values` of a used range → the reader's sheet: the functions' reading, one for both. */
export { bookSheet } from '../functions/arguments';
