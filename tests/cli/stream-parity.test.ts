/**
 * The command line streams workbooks (src/cli/stream-check.ts); the page outside Excel checks them
 * in memory (src/xlsx/check-workbook.ts). Both must give the same report for the same workbook:
 * same sheet, header row, rows, decisions and reasons — including merged cells, which the
 * streaming reader only learns about from a scan of the sheet's XML.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { writeCheckedCopy } from '../../src/cli/checked-copy';
import { asPlanSet } from '../../src/core/plan-set';
import { removeTemporaries, streamCheck } from '../../src/cli/stream-check';
import { shippedPlan } from '../../src/plans';
import { checkWorkbook } from '../../src/xlsx/check-workbook';
import { checkedCopy } from '../../src/xlsx/copy-input';
import { loadCases, PLAN_IDS } from '../helpers/cases';
import { writeList, writeWorkbook, type ListOptions } from '../helpers/workbook';

const LAYOUTS: [string, Partial<ListOptions>][] = [
  ['plain', {}],
  ['title block, two-row header, column numbers, sections, totals, signature', { title: true, header: 'two-row', columnNumbers: true, sections: 'merged', totals: true, signature: true }],
  ['no diacritics, x marks, text dates, list on a second sheet', { headerCase: 'no-diacritics', yes: 'x', no: null, dates: 'long', instructionsSheet: true }],
  ['split sections, Excel dates', { sections: 'split', dates: 'excel' }],
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-parity-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function both(file: string, planId: string, run: { round?: string; year?: number }) {
  const plan = shippedPlan(planId)!;
  const opts = { round: run.round as 'annual' | undefined, year: run.year };
  const streamed = await streamCheck(file, plan, opts);
  if ('problem' in streamed) throw new Error(`streaming found ${streamed.problem}`);
  const rows = JSON.parse(`[${fs.readFileSync(streamed.rowsJsonFile, 'utf8')}]`);
  removeTemporaries(streamed);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const memory = checkWorkbook(wb, file, plan, opts);
  if ('problem' in memory) throw new Error(`in memory found ${memory.problem}`);
  return { streamed: { sheet: streamed.sheet, headerRow: streamed.match.headerRow, rows, summary: streamed.summary }, memory };
}

describe.each(PLAN_IDS.flatMap((p) => LAYOUTS.map(([name, opts]) => [p, name, opts] as const)))('%s, %s', (planId, layout, opts) => {
  test('the streamed report equals the in-memory report', async () => {
    const cases = loadCases(planId);
    const file = path.join(dir, `${planId}-${layout.length}-${Math.random().toString(36).slice(2)}.xlsx`);
    await writeList(file, { rows: cases.rows.map((c) => c.cells), ...opts });
    const { streamed, memory } = await both(file, planId, cases.run);
    expect(streamed.rows.length).toBe(cases.rows.length);
    expect(streamed).toEqual({
      sheet: memory.report.sheet,
      headerRow: memory.report.headerRow,
      rows: JSON.parse(JSON.stringify(memory.report.rows)),
      summary: memory.report.summary,
    });
  });
});

/** Every part of an .xlsx package as text, by name. */
async function parts(bytes: Buffer | Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (!zip.files[name].dir) out[name] = await zip.files[name].async('string');
  return out;
}

test('the checked copy: the command line (rows, review list and reasons read back from files) writes the page\'s copy', async () => {
  const planId = 'thach-ha-2022';
  const cases = loadCases(planId);
  const plan = shippedPlan(planId)!;
  const opts = { round: cases.run.round as 'annual' | undefined, year: cases.run.year };
  const file = path.join(dir, 'copy-parity.xlsx');
  // Every case row three times over: a review list and an explanation sheet of some length.
  const rows = [...cases.rows, ...cases.rows, ...cases.rows].map((c) => c.cells);
  await writeList(file, { rows, title: true, header: 'two-row', sections: 'merged', totals: true, signature: true });
  const streamed = await streamCheck(file, plan, { ...opts, keepResults: true });
  if ('problem' in streamed) throw new Error(`streaming found ${streamed.problem}`);
  const out = path.join(dir, 'copy-parity.checked.xlsx');
  try {
    await writeCheckedCopy(file, out, streamed, asPlanSet(plan));
  } finally {
    removeTemporaries(streamed);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const memory = checkWorkbook(wb, file, plan, opts);
  if ('problem' in memory) throw new Error(`in memory found ${memory.problem}`);
  const page = await parts(await checkedCopy(fs.readFileSync(file), memory, plan));
  const cli = await parts(fs.readFileSync(out));
  expect(Object.keys(cli)).toEqual(Object.keys(page));
  // The explanation sheet holds each row's whole reason, the summary the review list: part for part the same.
  for (const name of Object.keys(page)) expect([name, cli[name]]).toEqual([name, page[name]]);
  expect(Object.values(cli).some((xml) => xml.includes('Lý do đầy đủ'))).toBe(true);
});

test('a unit merged down several nominees belongs to each of them in both readings', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Chức vụ, đơn vị công tác', 'Hình thức đề nghị', 'Chấp hành tốt chủ trương, chính sách, pháp luật', 'Sáng kiến, giải pháp hữu ích']);
  ws.addRow([1, 'Nguyễn Văn A', 'Cán bộ', 'Phòng Nông nghiệp', 'Giấy khen', 'Có', 'Có']);
  ws.addRow([2, 'Trần Thị B', 'Cán bộ', null, 'Giấy khen', 'Có', 'Có']);
  ws.addRow([3, 'Lê Văn C', 'Cán bộ', null, 'Giấy khen', 'Có', 'Có']);
  ws.mergeCells('D2:D4');
  const file = path.join(dir, 'merged-unit.xlsx');
  await writeWorkbook(file, wb);
  const { streamed, memory } = await both(file, 'thach-ha-2022', { year: 2023 });
  expect(streamed.rows.map((r: { status: string }) => r.status)).toEqual(['eligible', 'eligible', 'eligible']);
  expect(streamed.rows).toEqual(JSON.parse(JSON.stringify(memory.report.rows)));
});
