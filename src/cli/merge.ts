/**
 * `ntm-awards check <thư-mục> --merge tong-hop.xlsx` (issue 10 §2): every nominee of every list in
 * one submission list, in the standard columns, with its source and a "Trùng lặp" column. The list
 * is written as a plain workbook and then passed through the checked-copy writer of `check --out`,
 * so the result columns, fills and summary sheet (with its chart) exist once, for both — and with
 * several plans (issue 18), the same plan set, per-row plan and plan identities as `check --out`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mergedTable, type MergedTable, type MergeItem } from '../core/merge';
import type { ReportRow, Table } from '../core/report';
import { PRODUCT_VERSION } from '../core/version';
import { countsByFileTable, failuresTable, MERGED_SHEET, mergeDetail, mergedListBytes } from '../xlsx/merged-list';
import type { CheckCommand } from './args';
import { CliError } from './errors';
import { tempPathFor, writeAtomic } from './fsutil';
import { collectNominees, type Collected } from './merge-collect';
import { writeCheckedCopy } from './checked-copy';
import { resolvePlanSet } from './plan-set-source';
import { setIdentities, type PlanSet } from '../core/plan-set';
import { readResultRows } from '../xlsx/result-rows';
import { removeTemporaries, streamCheck, type StreamedCheck } from './stream-check';

export { MERGED_SHEET } from '../xlsx/merged-list';

export interface MergeOutcome {
  exitCode: 0 | 1 | 2;
  lines: string[];
  errors: string[];
}

type Out = { isTTY?: boolean; write(s: string): unknown };

export async function runMerge(cmd: CheckCommand, _stderr: Out, onFile?: (file: string) => void): Promise<MergeOutcome> {
  const target = cmd.merge as string;
  // The list's own plan first, then any higher plan: each row judged by the plan governing its form, as `check` does.
  const plans = await resolvePlanSet(cmd);
  if (path.resolve(cmd.input) === path.resolve(target)) throw new CliError(`ntm-awards: --merge ${target}: sẽ ghi đè lên tệp đầu vào; đặt tên khác — would overwrite the input`);
  if (fs.existsSync(target) && !cmd.force) throw new CliError(`ntm-awards: --merge ${target}: tệp đã có; thêm --force để ghi đè — the file exists`);
  if (cmd.json) {
    if (path.resolve(cmd.json) === path.resolve(target)) throw new CliError(`ntm-awards: --json ${cmd.json}: trùng với --merge — the report would overwrite the merged list`);
    if (path.resolve(cmd.json) === path.resolve(cmd.input)) throw new CliError(`ntm-awards: --json ${cmd.json}: sẽ ghi đè lên tệp đầu vào; đặt tên khác — would overwrite the input`);
    if (fs.existsSync(cmd.json) && !cmd.force) throw new CliError(`ntm-awards: --json ${cmd.json}: tệp đã có; thêm --force để ghi đè — the file exists`);
  }
  const collected = await collectNominees(cmd, plans, onFile, cmd.json ? [target, cmd.json] : [target]);
  if (!collected.read.length) throw new CliError(`ntm-awards: ${cmd.input}: không đọc được danh sách nào, không có gì để gộp — no list could be read`);

  const table = mergedTable(collected.nominees, collected.headers);
  const nominees = table.items;
  const duplicates = table.duplicates;
  const staged = tempPathFor(target);
  let checked: StreamedCheck | undefined;
  try {
    const { bytes, rowOf } = await mergedListBytes(table);
    fs.writeFileSync(staged, bytes);
    const result = await streamCheck(staged, plans, { ...cmd, keepReport: cmd.json !== undefined, keepResults: true });
    if ('problem' in result) throw new Error(`the merged list could not be read back (${result.problem})`);
    checked = result;
    const byFile = countsByFile(result, nominees, rowOf);
    const tables = [...result.summaryTables, byFile, failuresTable(collected.failures.map((f) => ({ ...f, file: path.basename(f.file) })))];
    // Same writer as `check --out`: the merged list is one more list, with the folder's tables.
    await writeCheckedCopy(staged, target, result, plans, {
      detail: mergeDetail(collected.read.length, collected.failures.length),
      tables,
    }, { overwrite: cmd.force, what: `--merge ${target}` });
    if (cmd.json) writeMergeReport(cmd.json, result, table, rowOf, collected, { plans, input: cmd.input, merged: target });
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

/** "Theo tệp × kết quả" from the re-checked merged list's results, each row traced to its source file. */
function countsByFile(checked: StreamedCheck, nominees: readonly MergeItem[], rowOf: readonly number[]): Table {
  const fileOfRow = new Map<number, string>();
  nominees.forEach((n, i) => fileOfRow.set(rowOf[i], n.file));
  // Counted as the results are read back: no list of them is held.
  function* results() {
    for (const r of readResultRows(checked.resultsFile)) yield { file: fileOfRow.get(r.row) ?? '', status: r.status, late: r.late };
  }
  return countsByFileTable(results());
}

/**
 * The merged list's report (issue 21 §3), for a province's scripts: one row per merged row — the
 * check's row of the contract, with the row of the merged list, its source file, sheet and row,
 * and its duplicates — the counts, the files read and those that could not be.
 */
function writeMergeReport(target: string, checked: StreamedCheck, table: MergedTable, rowOf: readonly number[], collected: Collected, meta: { plans: PlanSet; input: string; merged: string }): void {
  const text = fs.readFileSync(checked.rowsJsonFile, 'utf8');
  const rows = JSON.parse(`[${text}]`) as ReportRow[];
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const merged = table.items.map((item, i) => ({
    ...byRow.get(rowOf[i]),
    row: rowOf[i],
    source: { file: item.file, sheet: item.sheet, row: item.row },
    duplicates: table.duplicates[i] || null,
  }));
  const report = {
    product: 'ntm-awards',
    version: PRODUCT_VERSION,
    command: 'check --merge',
    plan: meta.plans.plans[0].plan.id,
    // Every plan given, named as check's report names them (issue 18); each row names its own.
    plans: setIdentities(meta.plans),
    input: meta.input,
    merged: meta.merged,
    sheet: MERGED_SHEET,
    summary: { ...checked.summary, duplicates: table.duplicates.filter((d) => d).length },
    files: collected.read.map((r) => ({ file: path.basename(r.file), sheet: r.sheet, rows: r.rows })),
    failed: collected.failures,
    rows: merged,
  };
  writeAtomic(target, JSON.stringify(report, null, 2) + '\n', true);
}
