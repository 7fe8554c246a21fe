/**
 * "Xuất sang mẫu nhập" outside Excel (issue 21): the chosen lists (one file, the files to merge, or a
 * merged tong-hop.xlsx) into a management system's import template picked from disk, through the
 * plan and the office's mapping — the same planning and filling as `export --to lifesoft`
 * (xlsx/lifesoft-export). The values the catalogue does not name are listed, each with a dropdown
 * of the catalogue's entries; the choices go into the next export and into a downloadable
 * `doi-chieu-danh-muc.xlsx`, which the command line's `--mapping` reads too. Nothing leaves the machine.
 */
import { indexMapping, MAPPING_KIND_LABELS, type MappingChoice, type MappingKind, type MappingRow } from '../core/catalogue-export';
import type { CompiledPlan } from '../core/compile';
import type { PlanSet } from '../core/plan-set';
import type { RunContext } from '../core/evaluate';
import { checkWorkbook } from '../xlsx/check-workbook';
import { inspectTemplate, type TemplateShape } from '../xlsx/import-template';
import { filledTemplate, planExport, templateCatalogues, type ExportPlan, type Nominee } from '../xlsx/lifesoft-export';
import { MAPPING_FILE, mappingBytes, readMapping } from '../xlsx/mapping-file';
import { nomineesOf } from '../xlsx/merged-list';
import { loadWorkbook, type ChosenFile } from './file-load';
import { workbookProblemText } from './messages';

export const FILLED_FILE = 'nhap.xlsx';

export interface PageExport {
  bytes: Uint8Array;
  plan: ExportPlan;
  shape: TemplateShape;
  failures: string[];
}

/** The template's shape, or why it is not an import template. */
export async function readTemplate(file: ChosenFile): Promise<{ shape: TemplateShape } | { error: string }> {
  const wb = await loadWorkbook(file);
  if (typeof wb === 'string') return { error: wb };
  const shape = inspectTemplate(wb);
  if ('problem' in shape) {
    return { error: shape.problem === 'no-header' ? `“${file.name}”: không thấy dòng tiêu đề của mẫu nhập (cột “Tên tập thể/cá nhân/hộ gia đình”).` : `“${file.name}”: mẫu nhập không có cột mã dùng VLOOKUP theo danh mục.` };
  }
  if (shape.columns.proposed === undefined || shape.columns.subject === undefined) return { error: `“${file.name}”: mẫu nhập thiếu cột hình thức khen thưởng hoặc phân loại đối tượng.` };
  return { shape };
}

/** The choices of a picked mapping file, or why it is not one. */
export async function readMappingFile(file: ChosenFile): Promise<MappingChoice[] | string> {
  const wb = await loadWorkbook(file);
  if (typeof wb === 'string') return wb;
  const read = readMapping(wb);
  return 'problem' in read ? `“${file.name}”: ${read.problem}.` : read.choices;
}

/** Checks the lists and plans the export; the filled template's bytes. */
/** Several plans (issue 18): each row judged by the plan governing its form, which names it in the template. */
export async function exportFiles(lists: readonly ChosenFile[], template: ChosenFile, shape: TemplateShape, choices: readonly MappingChoice[], plans: PlanSet, ctx: RunContext): Promise<PageExport> {
  const nominees: Nominee[] = [];
  const failures: string[] = [];
  for (const file of lists) {
    const wb = await loadWorkbook(file);
    if (typeof wb === 'string') {
      failures.push(wb);
      continue;
    }
    const checked = checkWorkbook(wb, file.name, plans, ctx);
    if ('problem' in checked) {
      failures.push(workbookProblemText(file.name, checked));
      continue;
    }
    nominees.push(...nomineesOf(checked, file.name));
  }
  const done = await exportNominees(nominees, template, shape, choices, plans.plans[0]);
  return { ...done, failures: [...failures, ...done.failures] };
}

/** The export of nominees already read (the pane reads them from the open workbook's sheets). */
export async function exportNominees(nominees: readonly Nominee[], template: ChosenFile, shape: TemplateShape, choices: readonly MappingChoice[], plan: CompiledPlan): Promise<PageExport> {
  const mapping = indexMapping(choices, templateCatalogues(shape));
  const planned = planExport(nominees, shape, plan.plan, mapping);
  const bytes = await filledTemplate(template.bytes, shape, planned.fills);
  return { bytes, plan: planned, shape, failures: mapping.stale.map((s) => `Lựa chọn đối chiếu “${s.choice}” cho ${MAPPING_KIND_LABELS[s.kind]} “${s.value}” không còn trong danh mục của mẫu nhập; không dùng, hãy chọn lại.`) };
}

/** The rows the page lists: the values still to choose, then the choices that carried rows. */
export function mappingRowsOf(done: PageExport): MappingRow[] {
  return [...done.plan.pending, ...done.plan.used.map((u) => ({ ...u.choice, candidates: [], rows: [] }))];
}

/** The mapping file of the rows shown, with the choices made in the page. */
export async function mappingFileBytes(rows: readonly MappingRow[], shape: TemplateShape, templateName: string): Promise<Uint8Array> {
  return mappingBytes(rows, templateCatalogues(shape), templateName);
}

export function summaryText(done: PageExport): string {
  const count = (s: string) => done.plan.outcomes.filter((o) => o.status === s).length;
  const parts = [
    `${count('written')} đề nghị đủ điều kiện đã ghi vào mẫu nhập (${FILLED_FILE})`,
    `${count('blocked')} chờ đối chiếu danh mục`,
    `${count('duplicate')} trùng lặp (không ghi lần hai)`,
  ];
  const used = done.plan.used.map((u) => `“${u.choice.value}” → “${u.choice.choice}”: ${u.rows} dòng`);
  return `${parts.join(', ')}.${used.length ? ` Theo lựa chọn đối chiếu: ${used.join('; ')}.` : ''}${done.failures.length ? ` ${done.failures.join(' ')}` : ''}`;
}

export { MAPPING_FILE };
export type { MappingKind };
