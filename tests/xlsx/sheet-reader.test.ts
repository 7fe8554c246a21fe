/**
 * The command line's own reader (src/xlsx/sheet-reader.ts) must give, cell by cell, the Cell that
 * src/xlsx/read.ts gives for exceljs's in-memory reading of the same workbook: every case workbook,
 * a generated list in each layout, and a hand-written package holding every kind of cell Excel and
 * other writers produce (shared and inline strings, rich text, escapes, booleans, errors, formulas'
 * cached values, date formats in both date systems, cells and rows without a reference).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import type { Cell } from '../../src/core/cell';
import { scanMerges, sheetRows, workbookInfo } from '../../src/xlsx/sheet-reader';
import { ZipPackage } from '../../src/xlsx/zip-read';
import { mergesOf, rowCells } from '../../src/xlsx/read';
import { loadCases, PLAN_IDS } from '../helpers/cases';
import { writeList } from '../helpers/workbook';
import { assertBuilt, ROOT } from '../helpers/cli';

const CASE_BOOKS = path.join(__dirname, '..', 'cases', 'workbooks');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-reader-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Reading {
  sheets: string[];
  /** Per sheet: "row:col" → Cell, for every cell that is not empty and not covered by a merge. */
  cells: Record<string, Cell>[];
  merges: string[][];
}

function inside(merges: { top: number; left: number; bottom: number; right: number }[], row: number, col: number): boolean {
  return merges.some((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right && !(row === m.top && col === m.left));
}

function isEmpty(c: Cell): boolean {
  return c.value === null && c.error === undefined;
}

async function viaExceljs(file: string): Promise<Reading> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Reading = { sheets: [], cells: [], merges: [] };
  for (const ws of wb.worksheets) {
    const merges = mergesOf(ws);
    const cells: Record<string, Cell> = {};
    for (let r = 1; r <= ws.rowCount; r++) {
      rowCells(ws.getRow(r), ws.columnCount).forEach((c, i) => {
        if (!isEmpty(c) && !inside(merges, r, i + 1)) cells[`${r}:${i + 1}`] = c;
      });
    }
    out.sheets.push(ws.name);
    out.cells.push(cells);
    out.merges.push(merges.map((m) => `${m.top},${m.left},${m.bottom},${m.right}`).sort());
  }
  return out;
}

async function viaReader(file: string): Promise<Reading> {
  const pkg = ZipPackage.fromBuffer(fs.readFileSync(file));
  const info = workbookInfo(pkg);
  const out: Reading = { sheets: [], cells: [], merges: [] };
  for (const ref of info.sheets) {
    const merges = await scanMerges(pkg, ref.part);
    const cells: Record<string, Cell> = {};
    for await (const batch of sheetRows(pkg, info, ref.part)) {
      for (const row of batch) {
        row.cells.forEach((c, i) => {
          if (c && !isEmpty(c) && !inside(merges, row.row, i + 1)) cells[`${row.row}:${i + 1}`] = c;
        });
      }
    }
    out.sheets.push(ref.name);
    out.cells.push(cells);
    out.merges.push(merges.map((m) => `${m.top},${m.left},${m.bottom},${m.right}`).sort());
  }
  return out;
}

async function expectSameReading(file: string): Promise<Reading> {
  const [mine, theirs] = await Promise.all([viaReader(file), viaExceljs(file)]);
  expect(mine).toEqual(theirs);
  return mine;
}

test.each(fs.readdirSync(CASE_BOOKS).filter((f) => f.endsWith('.xlsx')))('case workbook %s reads cell for cell as exceljs reads it', async (name) => {
  const reading = await expectSameReading(path.join(CASE_BOOKS, name));
  expect(Object.keys(reading.cells[0]).length).toBeGreaterThan(20);
});

test.each(PLAN_IDS)('a generated list of %s with title block, merged sections, Excel dates and a second sheet reads the same', async (planId) => {
  const file = path.join(dir, `${planId}.xlsx`);
  const cases = loadCases(planId);
  await writeList(file, { rows: cases.rows.map((c) => c.cells), title: true, header: 'two-row', sections: 'merged', dates: 'excel', totals: true, signature: true, instructionsSheet: true });
  const reading = await expectSameReading(file);
  expect(reading.sheets.length).toBe(2);
  expect(reading.merges.flat().length).toBeGreaterThan(0);
});

/** A package written by hand: the cell kinds exceljs never writes itself. */
async function handWritten(date1904: boolean): Promise<string> {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Danh sách &amp; ghi chú" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0\\ &quot;đ&quot;"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="14"/><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/><xf numFmtId="49"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="5" uniqueCount="5"><si><t>Tên tập thể, cá nhân</t></si><si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn_x000D_A</t></r></si><si><t>dòng 1_x000D_dòng 2 _x00e9_</t></si><si><t>Hoàng</t><rPh sb="0" eb="1"><t>ホ</t></rPh></si><si><t>Có</t></si></sst>`,
  );
  const rows = [
    `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s" s="4"><v>4</v></c></row>`,
    `<row r="2"><c r="A2" t="inlineStr"><is><t>inline _x000D_ giữ nguyên</t></is></c><c r="B2" t="inlineStr"><is><r><t>giàu</t></r><r><rPr><i/></rPr><t>_x0041_ chữ</t></r></is></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#N/A</v></c></row>`,
    `<row r="3"><c r="A3" t="str"><v>a &amp;lt; b</v></c><c r="B3"><f>1+1</f><v>2</v></c><c r="C3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="D3" t="b"><f>TRUE()</f><v>1</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F3"><f>NOW()</f></c></row>`,
    `<row r="4"><c r="A4" s="0"><v>44927</v></c><c r="B4" s="2"><v>44927.5</v></c><c r="C4" s="3"><v>0.065</v></c><c r="D4" s="5"><v>1500000</v></c><c r="E4" s="2"><f>DATE(2023,1,1)</f><v>44927</v></c><c r="F4" s="4"><v>12</v></c></row>`,
    `<row r="5"><c r="A5"><f t="shared" ref="A5:A6" si="0">B5*2</f><v>4</v></c><c r="B5"><v>2</v></c><c r="C5" s="1"/><c r="D5"/><c r="E5"><v>-1.5E-3</v></c></row>`,
    `<row r="6"><c r="A6"><f t="shared" si="0"/><v>6</v></c><c r="B6"><v>3</v></c></row>`,
    `<row r="8"><c r="A8" t="s"><v>4</v></c><c t="s"><v>0</v></c><c r="D8" t="n"><v>7</v></c></row>`,
  ];
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}" xmlns:r="${rel}"><sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="B5:B6"/></mergeCells></worksheet>`,
  );
  const file = path.join(dir, `hand-${date1904 ? '1904' : '1900'}.xlsx`);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

test.each([false, true])('every kind of cell reads as exceljs reads it (1904 date system: %s)', async (date1904) => {
  const reading = await expectSameReading(await handWritten(date1904));
  const cells = reading.cells[0];
  // The reading is not vacuous: the tricky cells are there, typed.
  expect(cells['1:2']).toEqual({ value: 'Nguyễn Văn\rA' });
  expect(cells['2:5']).toEqual({ value: null, error: '#N/A' });
  expect(cells['4:2'].value).toBeInstanceOf(Date);
  expect(cells['4:3']).toEqual({ value: 0.065, format: '0.00%' });
  expect(reading.sheets).toEqual(['Danh sách & ghi chú']);
});

test('a damaged entry fails the read with a CRC or inflate error instead of giving rows', async () => {
  const file = await handWritten(false);
  const bytes = fs.readFileSync(file);
  const pkg = ZipPackage.fromBuffer(bytes);
  const sheet = pkg.entry('xl/worksheets/sheet1.xml')!;
  const data = pkg.compressed(sheet);
  // Flip bits in the middle of the compressed sheet (the directory stays intact).
  const at = data.byteOffset - bytes.byteOffset + (data.length >> 1);
  bytes[at] ^= 0xff;
  bytes[at + 1] ^= 0x55;
  const damaged = ZipPackage.fromBuffer(bytes);
  const info = workbookInfo(damaged);
  await expect(
    (async () => {
      for await (const batch of sheetRows(damaged, info, 'xl/worksheets/sheet1.xml')) void batch;
    })(),
  ).rejects.toThrow(/sheet1\.xml|disallowed|CRC|invalid|Unexpected|close/i);
});

test('a large part streams to a slow reader whole, without piling listeners on the inflater (no warning printed)', async () => {
  assertBuilt();
  // Random-ish text compresses little, so the inflater's input backs up many times over.
  let seed = 7;
  const text = Array.from({ length: 2_000_000 }, () => (((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 36).toString(36)).join('');
  const zip = new JSZip();
  zip.file('big.txt', text, { compression: 'DEFLATE' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-zip-'));
  const file = path.join(tmp, 'big.zip');
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  // In its own process, as the command line runs: Node prints its warnings on that stderr.
  const script = `const {ZipPackage}=require(${JSON.stringify(path.join(ROOT, 'build/src/xlsx/zip-read.js'))});
(async()=>{const p=ZipPackage.fromBuffer(require('fs').readFileSync(process.argv[1]));let n=0;
for await(const c of p.stream(p.entry('big.txt'))){n+=c.length;await new Promise(r=>setImmediate(r));}
process.stdout.write(String(n));})();`;
  const r = spawnSync(process.execPath, ['-e', script, file], { encoding: 'utf8' });
  fs.rmSync(tmp, { recursive: true, force: true });
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: String(text.length), stderr: '' });
});
