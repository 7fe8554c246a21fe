/**
 * The binary records the command line spills (result rows, review rows) must come back exactly as
 * they went: any text (lone surrogates, controls, emoji, empty, longer than a buffer), any number,
 * in order, however the read blocks cut them; and a damaged file is refused, not misread.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRecords, RecordWriter, SpilledTableRows } from '../../src/xlsx/records';
import { readResultRows, readResultTexts, ResultRowsWriter, type ResultRow } from '../../src/xlsx/result-rows';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-records-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Texts of every kind: full Unicode, lone surrogates and controls included. */
const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '\uD800', 'a\uDC00b', '\uDBFF\uDFFF', '\u0000\r\n\t', '😀'.repeat(3)));

test('table rows of any texts and numbers come back exactly, read more than once', () => {
  let k = 0;
  fc.assert(
    fc.property(fc.array(fc.array(fc.oneof(anyText, fc.double(), fc.integer())), { maxLength: 40 }), (rows) => {
      const spilled = new SpilledTableRows(path.join(dir, `rows-${k++}.bin`));
      for (const r of rows) spilled.push(r);
      expect(spilled.length).toBe(rows.length);
      expect([...spilled]).toEqual(rows);
      // Numbers exactly: −0 stays −0, NaN stays NaN.
      expect([...spilled].flat().map((v) => (typeof v === 'number' ? Object.is(v, -0) : false))).toEqual(rows.flat().map((v) => (typeof v === 'number' ? Object.is(v, -0) : false)));
      expect([...spilled]).toEqual(rows);
      spilled.dispose();
      expect(fs.existsSync(spilled.file)).toBe(false);
    }),
    { numRuns: 60 },
  );
});

test('result rows come back whole, and their texts one at a time, across many read blocks', () => {
  const file = path.join(dir, 'results.bin');
  const w = new ResultRowsWriter(file, true);
  const statuses = ['eligible', 'ineligible', 'incomplete', 'not-covered'] as const;
  const rows: ResultRow[] = [];
  for (let i = 0; i < 5_000; i++) {
    const reason = i === 2_500 ? '✗ rất dài 😀 '.repeat(200_000) : `✗ Tiêu chí “${i}”: không\n– ${'x'.repeat(i % 300)} \uD83D`;
    rows.push({ row: i * 3 + 4, status: statuses[i % 4], late: i % 7 === 0, missing: i % 5 ? [] : ['Ngày trình', `Đơn vị ${i}`], cells: [`${i}`, '', 'Có \uDE00', `trễ ${i}`, reason] });
  }
  for (const r of rows) w.write(r);
  w.close();
  expect([...readResultRows(file)]).toEqual(rows);
  expect([...readResultTexts(file, 4)]).toEqual(rows.map((r) => ({ row: r.row, status: r.status, text: r.cells[4] })));
  expect([...readResultTexts(file, 2)].map((r) => r.text)).toEqual(rows.map((r) => r.cells[2]));
});

test('a result rows writer that is not enabled makes no file', () => {
  const file = path.join(dir, 'none.bin');
  const w = new ResultRowsWriter(file, false);
  expect(w.enabled).toBe(false);
  w.close();
  expect(fs.existsSync(file)).toBe(false);
});

test('a file cut inside a record is refused, not read as fewer rows', () => {
  const file = path.join(dir, 'cut.bin');
  const w = new RecordWriter(file);
  for (let i = 0; i < 3; i++) {
    w.begin();
    w.uint(i);
    w.str(`dòng ${i}`);
    w.end();
  }
  w.close();
  expect([...readRecords(file, (r) => [r.uint(), r.str()])]).toEqual([
    [0, 'dòng 0'],
    [1, 'dòng 1'],
    [2, 'dòng 2'],
  ]);
  fs.truncateSync(file, fs.statSync(file).size - 2);
  expect(() => [...readRecords(file, (r) => [r.uint(), r.str()])]).toThrow(/ends inside a record/);
  // A reader asking for more fields than a record holds is refused too.
  fs.rmSync(file);
  const v = new RecordWriter(file);
  v.begin();
  v.byte(1);
  v.end();
  v.close();
  expect(() => [...readRecords(file, (r) => r.uint())]).toThrow(/runs past its record/);
});

test('only complete records reach the file before the writer is closed', () => {
  const file = path.join(dir, 'partial.bin');
  const w = new RecordWriter(file);
  w.begin();
  w.str('một');
  w.end();
  w.begin();
  w.str('hai');
  w.flush();
  expect([...readRecords(file, (r) => r.str())]).toEqual(['một']);
  w.end();
  w.close();
  expect([...readRecords(file, (r) => r.str())]).toEqual(['một', 'hai']);
});
