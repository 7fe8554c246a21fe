/**
 * `ntm-awards check <thư-mục> --merge tong-hop.xlsx` (issue 10 §2): every nominee of every list in
 * one submission list, in the standard columns, with its source and a "Trùng lặp" column. The list
 * is written as a plain workbook and then passed through the checked-copy writer of `check --out`,
 * so the result columns, fills and summary sheet (with its chart) exist once, for both.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { COL } from '../core/columns';
import type { Status } from '../core/evaluate';
import { MERGE_HEADERS, mergedTable, type MergedTable, type MergeItem } from '../core/merge';
import { STATUS_LABELS_VI, type Table } from '../core/report';
import type { CheckCommand } from './args';
import { CliError } from './errors';
import { tempPathFor } from './fsutil';
import { collectNominees } from './merge-collect';
import { writeCheckedCopy } from './check';
import { resolvePlan } from './plan-source';
import { readResults, removeTemporaries, streamCheck, type StreamedCheck } from './stream-check';

export const MERGED_SHEET = 'Danh sách tổng hợp';
const TITLE = 'DANH SÁCH TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG';
/** Row of the merged list's header (a title row and a blank row above it). */
const HEADER_ROW = 3;

export interface MergeOutcome {
  exitCode: 0 | 1 | 2;
  lines: string[];
  errors: string[];
}

type Out = { isTTY?: boolean; write(s: string): unknown };

export async function runMerge(cmd: CheckCommand, _stderr: Out, onFile?: (file: string) => void): Promise<MergeOutcome> {
  const target = cmd.merge as string;
  const plan = await resolvePlan(cmd);
  if (path.resolve(cmd.input) === path.resolve(target)) throw new CliError(`ntm-awards: --merge ${target}: sẽ ghi đè lên tệp đầu vào; đặt tên khác — would overwrite the input`);
  if (fs.existsSync(target) && !cmd.force) throw new CliError(`ntm-awards: --merge ${target}: tệp đã có; thêm --force để ghi đè — the file exists`);
  const collected = await collectNominees(cmd, plan, onFile, [target]);
  if (!collected.read.length) throw new CliError(`ntm-awards: ${cmd.input}: không đọc được danh sách nào, không có gì để gộp — no list could be read`);

  const table = mergedTable(collected.nominees, collected.headers);
  const nominees = table.items;
  const duplicates = table.duplicates;
  const staged = tempPathFor(target);
  let checked: StreamedCheck | undefined;
  try {
    const rowOf = await writeMergedList(staged, table);
    const result = await streamCheck(staged, plan, { ...cmd, keepReport: false, keepResults: true });
    if ('problem' in result) throw new Error(`the merged list could not be read back (${result.problem})`);
    checked = result;
    const byFile = await countsByFile(result, nominees, rowOf);
    const tables = [...result.summaryTables, byFile, failuresTable(collected.failures)];
    // Same writer as `check --out`: the merged list is one more list, with the folder's tables.
    await writeCheckedCopy(staged, target, result, plan, {
      detail: `${collected.read.length} tệp gộp, ${collected.failures.length} tệp không đọc được`,
      tables,
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException)?.code;
    throw new CliError(`ntm-awards: --merge ${target}: không ghi được danh sách tổng hợp (${code ?? String((e as Error)?.message ?? e).split('\n')[0]}); chọn chỗ khác hoặc kiểm tra quyền ghi thư mục — cannot write the merged list`);
  } finally {
    if (checked) removeTemporaries(checked);
    fs.rmSync(staged, { force: true });
  }

  const s = checked.summary;
  const dupCount = duplicates.filter((d) => d).length;
  const lines = collected.read.map((r) => `${r.file} [${r.sheet}]: ${r.rows} dòng`);
  lines.push(
    `${target}: ${s.rows} đề nghị từ ${collected.read.length} tệp — ${s.eligible} đủ điều kiện, ${s.ineligible} không đủ, ${s.incomplete} thiếu thông tin, ${s.notCovered} ngoài phạm vi, ${s.late} trễ hạn, ${dupCount} trùng lặp`,
  );
  const errors = collected.failures.map((f) => f.error);
  const exitCode = errors.length ? 2 : s.ineligible || s.incomplete || s.late || dupCount ? 1 : 0;
  return { exitCode, lines, errors };
}

/** The merged list as a plain workbook: a title, the header, the table; gives each nominee's Excel row. */
async function writeMergedList(file: string, table: MergedTable): Promise<number[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(MERGED_SHEET);
  ws.getCell(1, 1).value = TITLE;
  ws.mergeCells(1, 1, 1, table.header.length);
  ws.getRow(HEADER_ROW).values = table.header;
  ws.getRow(HEADER_ROW).font = { bold: true };
  const sections = new Set(table.rows.map((_, i) => i));
  for (const i of table.rowOf) sections.delete(i);
  table.rows.forEach((cells, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    cells.forEach((cell, c) => {
      if (!cell) return;
      const target = row.getCell(c + 1);
      target.value = cell.value;
      if (cell.format) target.numFmt = cell.format;
    });
    if (sections.has(i)) row.font = { bold: true };
  });
  ws.getColumn(table.header.indexOf(COL.name) + 1).width = 32;
  ws.getColumn(table.header.length).width = 40;
  await wb.xlsx.writeFile(file);
  return table.rowOf.map((i) => HEADER_ROW + 1 + i);
}

const STATUSES: Status[] = ['eligible', 'ineligible', 'incomplete', 'not-covered'];

/** "Theo tệp × kết quả": the merged list's results counted per source file. */
async function countsByFile(checked: StreamedCheck, nominees: readonly MergeItem[], rowOf: readonly number[]): Promise<Table> {
  const fileOfRow = new Map<number, string>();
  nominees.forEach((n, i) => fileOfRow.set(rowOf[i], n.file));
  const counts = new Map<string, Record<Status | 'late' | 'total', number>>();
  for await (const r of readResults(checked.resultsFile)) {
    const file = fileOfRow.get(r.row) ?? '';
    let c = counts.get(file);
    if (!c) counts.set(file, (c = { eligible: 0, ineligible: 0, incomplete: 0, 'not-covered': 0, late: 0, total: 0 }));
    c[r.status]++;
    c.total++;
    if (r.late) c.late++;
  }
  const files = [...counts.keys()].sort();
  return {
    title: 'Theo tệp × kết quả',
    headers: [MERGE_HEADERS.file, ...STATUSES.map((s) => STATUS_LABELS_VI[s]), 'Trễ hạn', 'Tổng'],
    rows: files.map((f) => {
      const c = counts.get(f)!;
      return [f, ...STATUSES.map((s) => c[s]), c.late, c.total];
    }),
    countColumns: [1, 2, 3, 4, 5, 6],
  };
}

function failuresTable(failures: readonly { file: string; error: string }[]): Table {
  return {
    title: 'Tệp không đọc được (không gộp)',
    headers: ['Tệp', 'Lý do'],
    rows: failures.map((f) => [path.basename(f.file), f.error.replace(/^ntm-awards: /, '')]),
    countColumns: [],
  };
}
