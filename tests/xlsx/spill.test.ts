/**
 * The checked copy's explanation rows and the summary's review rows wait in temporary files: the
 * sheets written from them must be the sheets written from memory, whatever the texts (Vietnamese,
 * emoji, quotes, line breaks) and however the read blocks cut a character, and the files must be
 * gone afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpilledTableRows } from '../../src/xlsx/records';
import { ResultExplanations, ResultRowsWriter } from '../../src/xlsx/result-rows';
import { ATTENTION_TABLE, SummaryBuilder, type TableRow, type TableRows } from '../../src/core/report';
import { summarySheetXml } from '../../src/xlsx/summary-sheet';
import { Explanations } from '../../src/xlsx/explanation-sheet';
import { StyleBook } from '../../src/xlsx/styles';

test('the explanation sheet read back from the result rows file is the sheet from memory, and the file is removed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-spill-'));
  const file = path.join(dir, 'ntm-awards-1-2-3.results.bin');
  const results = new ResultRowsWriter(file, true);
  const statuses = ['eligible', 'ineligible', 'incomplete', 'not-covered'] as const;
  const texts: string[] = [];
  // 12,000 rows of multi-byte text: some 5 MB, read back in blocks, records cut at their edges.
  for (let i = 0; i < 12_000; i++) {
    // Every other row has no reason, so the list sheet links no explanation for it.
    const text = i % 2 ? '' : `✗ Tiêu chí “${i}” chưa đạt 😀 [KH Thạch Hà 2022, mục V.1.b•${i % 7}]\n? Thiếu “Ngày trình” <&> 'x'`.repeat(1 + (i % 3));
    texts.push(text);
    results.write({ row: i + 5, status: statuses[i % 4], late: i % 5 === 0, missing: i % 3 ? [] : ['Ngày trình'], cells: ['a', `b${i}`, '', 'd', text] });
  }
  results.close();
  const inFile = new Explanations('Giải thích', 'Danh sách', new ResultExplanations(file));
  const inMemory = new Explanations('Giải thích', 'Danh sách');
  // The reading passes over the rows the list sheet did not link.
  for (let i = 0; i < 12_000; i += 2) expect(inFile.add(i + 5, statuses[i % 4], texts[i])).toBe(inMemory.add(i + 5, statuses[i % 4], texts[i]));
  const styles = new StyleBook(null);
  const st = styles.fixed;
  expect([...inFile.parts(st, 11)].join('')).toBe([...inMemory.parts(st, 11)].join(''));
  fs.rmSync(file);
  expect(fs.readdirSync(dir)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('each explanation row is written once, in sheetData, and the links hold links only', () => {
  const ex = new Explanations('Giải thích', 'Danh sách');
  // Rows that do not end on a 16 KB piece boundary: a last partial piece is left before </sheetData>.
  for (let i = 0; i < 301; i++) ex.add(i + 4, 'ineligible', `✗ Tiêu chí ${i}: không`);
  const styles = new StyleBook(null);
  const xml = [...ex.parts(styles.fixed, 11)].join('');
  expect(xml.match(/<row /g)?.length).toBe(302);
  const links = xml.slice(xml.indexOf('<hyperlinks>') + '<hyperlinks>'.length, xml.indexOf('</hyperlinks>'));
  expect(links.replace(/<hyperlink [^>]*\/>/g, '')).toBe('');
  expect(links.match(/<hyperlink /g)?.length).toBe(301);
});

test('the summary sheet from spilled review rows is the sheet from memory, read as often as asked', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-spill-'));
  const file = path.join(dir, 'ntm-awards-1-2-3.review.bin');
  // 3,000 review rows of multi-byte text with line breaks: many read blocks, characters cut at their edges.
  const rows: TableRow[] = Array.from({ length: 3_000 }, (_, i) => [
    i + 4,
    `Nguyễn Thị Ánh ${i} 😀`,
    i % 2 ? 'Không đủ điều kiện' : 'Thiếu thông tin',
    i % 3 ? '' : 'Ngày trình',
    `✗ Tiêu chí “${i}”: không [KH Thạch Hà 2022, mục V.${i % 9}]\n? Thiếu <&> 'x'`.repeat(1 + (i % 4)),
  ]);
  // One row far longer than a read block (some 250 KB): the buffer grows for it.
  rows[1500][4] = '✗ Thành tích “rất dài” 😀 '.repeat(10_000);
  const spilled = new SpilledTableRows(file);
  for (const r of rows) spilled.push(r);
  const tables = (review: TableRows) => [
    { title: 'Số lượng theo kết quả', headers: ['Kết quả', 'Số lượng'], rows: [['Đủ điều kiện', 3], ['Thiếu thông tin', 0]], countColumns: [1] },
    { title: ATTENTION_TABLE, headers: ['Dòng', 'Họ và tên', 'Kết quả', 'Thiếu thông tin', 'Lý do'], rows: review, countColumns: [] },
  ];
  const st = new StyleBook(null).fixed;
  const fromFile = summarySheetXml({ title: 'Tổng hợp', subtitle: 'Kế hoạch: x', tables: tables(spilled) }, st);
  expect(fromFile).toBe(summarySheetXml({ title: 'Tổng hợp', subtitle: 'Kế hoạch: x', tables: tables(rows) }, st));
  expect(fromFile.match(/<row /g)?.length).toBe(2 + 2 + 2 + 2 + 3_000);
  expect([...spilled]).toEqual(rows);
  spilled.dispose();
  expect(fs.readdirSync(dir)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the review list sized from the widths counted as rows came is the list sized by reading its rows', () => {
  const b = new SummaryBuilder();
  for (let i = 0; i < 40; i++) {
    b.add({
      row: i + 4,
      unit: i % 2 ? 'Xã Thạch Kênh' : null,
      reasonText: `✗ Tiêu chí ${'dài '.repeat(i)}“${i}”: không 😀\n? Thiếu Ngày trình`,
      decision: { status: i % 3 ? 'ineligible' : 'incomplete', name: `Hộ ông ${'Nguyễn '.repeat(i % 7)}Văn ${i}`, subject: 'ho-gia-dinh', proposed: null, missing: i % 3 ? [] : ['Ngày trình'], deadline: { status: 'missing', before: null, daysLate: 0 } },
    });
  }
  const tables = b.tables();
  const review = tables.find((t) => t.title === ATTENTION_TABLE)!;
  expect(review.longest).toHaveLength(5);
  const st = new StyleBook(null).fixed;
  const counted = summarySheetXml({ title: 'T', subtitle: 'S', tables }, st);
  const read = summarySheetXml({ title: 'T', subtitle: 'S', tables: tables.map(({ longest: _, ...t }) => t) }, st);
  expect(counted).toBe(read);
  // The reason column is as wide as its cap allows (its lines are long), the name column is not.
  expect(counted).toMatch(/<col min="5" max="5" width="60"/);
});

test('a summary whose late and review rows wait in files is the summary kept in memory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-spill-'));
  const review = new SpilledTableRows(path.join(dir, 'ntm-awards-1-2-3.review.bin'));
  const late = new SpilledTableRows(path.join(dir, 'ntm-awards-1-2-3.late.bin'));
  const inFiles = new SummaryBuilder<TableRows & { push(r: TableRow): unknown }>(review, late);
  const inMemory = new SummaryBuilder();
  for (let i = 0; i < 2_000; i++) {
    const input = {
      row: i + 4,
      unit: `Xã ${i % 5}`,
      reasonText: `✗ Tiêu chí “${i}”: không 😀`,
      decision: {
        status: (['eligible', 'ineligible', 'incomplete'] as const)[i % 3],
        name: `Hộ ông Nguyễn Văn ${i} <&>`,
        subject: 'ho-gia-dinh',
        proposed: null,
        missing: [],
        deadline: i % 4 ? { status: 'late' as const, before: '2023-03-31', daysLate: i % 40 } : { status: 'on-time' as const, before: '2023-03-31', daysLate: 0 },
      },
    };
    inFiles.add(input);
    inMemory.add(input);
  }
  const st = new StyleBook(null).fixed;
  const fromFiles = inFiles.tables();
  const fromMemory = inMemory.tables();
  expect(fromFiles.map((t) => [...t.rows])).toEqual(fromMemory.map((t) => [...t.rows]));
  expect(late.length).toBe(1_500);
  expect(summarySheetXml({ title: 'T', subtitle: 'S', tables: fromFiles }, st)).toBe(summarySheetXml({ title: 'T', subtitle: 'S', tables: fromMemory }, st));
  review.dispose();
  late.dispose();
  expect(fs.readdirSync(dir)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});
