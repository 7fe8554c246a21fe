/**
 * The checked copy's long added parts, described for another thread (part-jobs.ts), must come out
 * exactly as the thread that checked the list makes them: the description crosses the thread
 * boundary as plain data (structuredClone here, as postMessage does), its spilled rows are read by
 * file name, and the explanation rows are found again from the results file alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ATTENTION_TABLE, type TableRow, type TableRows } from '../../src/core/report';
import { Explanations, explains } from '../../src/xlsx/explanation-sheet';
import { explanationJob, jobPieces, summaryJob } from '../../src/xlsx/part-jobs';
import { SpilledRowsFile, SpilledTableRows } from '../../src/xlsx/records';
import { ResultRowsWriter } from '../../src/xlsx/result-rows';
import { StyleBook } from '../../src/xlsx/styles';
import { summarySheetXml } from '../../src/xlsx/summary-sheet';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-part-jobs-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const styles = new StyleBook(null);
const look = { st: styles.fixed, fontSize: 13, mainNs: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main' };

test('the summary sheet made from its description is the one made from the live tables', () => {
  const rows: TableRow[] = Array.from({ length: 2_000 }, (_, i) => [i + 4, `Trần Văn Ánh ${i} 😀`, 'Thiếu thông tin', i % 3 ? '' : 'Ngày trình', `? Thiếu “Ngày trình” <&>\n✗ mục ${i}`.repeat(1 + (i % 3))]);
  const review = new SpilledTableRows(path.join(dir, 'review.bin'));
  for (const r of rows) review.push(r);
  const tables = (t: TableRows) => [
    { title: 'Số lượng theo kết quả', headers: ['Kết quả', 'Số lượng'], rows: [['Thiếu thông tin', 2_000]], countColumns: [1] },
    { title: ATTENTION_TABLE, headers: ['Dòng', 'Họ và tên', 'Kết quả', 'Thiếu thông tin', 'Lý do'], rows: t, countColumns: [], longest: [6, 20, 15, 10, 40] },
  ];
  const summary = { title: 'Tổng hợp kết quả', subtitle: 'Kế hoạch: Thạch Hà 2022', tables: tables(review) };
  const job = structuredClone(summaryJob(summary, look, 'rId1'));
  const made = [...jobPieces(job)].join('');
  expect(made).toBe(summarySheetXml({ ...summary, tables: tables(rows) }, look.st, look.mainNs, { fontSize: 13, drawingRelId: 'rId1' }));
  expect(made).toContain('Trần Văn Ánh 1999 😀');
  review.dispose();
});

test('the explanation sheet made from the results file links the rows the list sheet linked, in order', () => {
  const file = path.join(dir, 'results.bin');
  const results = new ResultRowsWriter(file, true);
  const expected = new Explanations('Giải thích', 'Danh sách 2025', [], 'Kế hoạch: Thạch Hà 2022');
  for (let i = 0; i < 3_000; i++) {
    // Eligible rows with nothing to say have no reason: no explanation row, no link.
    const reason = i % 4 === 0 ? '' : `✗ Tiêu chí “${i}”: không [KH, mục V.${i % 9}] 😀`.repeat(1 + (i % 2));
    results.write({ row: i + 7, status: i % 4 === 0 ? 'eligible' : 'ineligible', late: false, missing: [], cells: ['a', 'b', 'c', 'd', reason] });
    // What the list sheet does as it streams past (sheet-stream.ts).
    if (explains(reason)) expected.add(i + 7, i % 4 === 0 ? 'eligible' : 'ineligible', reason);
  }
  results.close();
  const job = structuredClone(explanationJob(new Explanations('Giải thích', 'Danh sách 2025', [], 'Kế hoạch: Thạch Hà 2022'), { resultsFile: file, explained: expected.size }, look));
  const made = [...jobPieces(job)].join('');
  expect(made).toBe([...expected.parts(look.st, 13, look.mainNs)].join(''));
  expect(made.match(/<hyperlink /g)).toHaveLength(2_250);
  expect(made).toContain(`<dimension ref="A1:D2251"/>`);
  // A count the results file does not hold is refused, not written as a sheet of the wrong size.
  expect(() => [...jobPieces({ ...job, explained: 2_251 } as typeof job)]).toThrow(/found 2250 of 2251 explained rows/);
});

test('spilled rows read by name refuse a file holding fewer rows than were written', () => {
  const spilled = new SpilledTableRows(path.join(dir, 'late.bin'));
  for (let i = 0; i < 50; i++) spilled.push([i, `dòng ${i}`]);
  const shared = spilled.shared();
  expect([...new SpilledRowsFile(shared)]).toHaveLength(50);
  expect(() => [...new SpilledRowsFile({ ...shared, length: 51 })]).toThrow(/50 spilled rows where 51 were written/);
  spilled.dispose();
});
