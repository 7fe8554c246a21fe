/**
 * The package-patching writer end to end: workbooks built with exceljs (title block and two-row
 * header with merges, validations, dates, formulas, notes, an image, hyperlinks, other sheets) are
 * patched, then read back with exceljs and unzipped with JSZip: every original cell and part is as
 * it was, the result columns, fills and summary sheet are there, every XML part is well-formed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { writePatchedCopy } from '../../src/cli/patch-writer';
import { templateModel } from '../../src/core/template';
import { PLAN_IDS, shippedPlan } from '../../src/plans';
import { buildTemplate } from '../../src/xlsx/template';
import { ooxmlProblems } from '../helpers/ooxml';
import { FILLS, RESULT_HEADERS, shortReason, type Table } from '../../src/core/report';
import { CHART_ROWS, lineHeight, RESULT_WIDTHS, type PatchRow, type PatchSpec } from '../../src/xlsx/patch';
import { addInstructionsSheet, addList, excelDate, NAME, PROPOSED, SUBJECT, SUBMITTED, UNIT, type RowCells } from '../helpers/workbook';

jest.setTimeout(120_000);

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-patch-'));
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const STATUSES = ['eligible', 'ineligible', 'incomplete', 'not-covered'] as const;
const LABELS = { eligible: 'Đủ điều kiện', ineligible: 'Không đủ điều kiện', incomplete: 'Thiếu thông tin', 'not-covered': 'Ngoài phạm vi kế hoạch' };

const TABLES: Table[] = [
  { title: 'Số lượng theo kết quả', headers: ['Kết quả', 'Số lượng'], rows: [['Đủ điều kiện', 3], ['Không đủ điều kiện', 3], ['Tổng cộng', 12]], countColumns: [1] },
  { title: 'Hình thức đề nghị × kết quả', headers: ['Hình thức đề nghị', 'Đủ', 'Không đủ', 'Thiếu', 'Ngoài', 'Tổng'], rows: [['Giấy khen', 1, 2, 3, 4, 10]], countColumns: [1, 2, 3, 4, 5] },
  { title: 'Hồ sơ trễ hạn', headers: ['Dòng', NAME, 'Số ngày trễ', 'Hạn nộp'], rows: [], countColumns: [] },
  { title: 'Cần xem lại', headers: ['Dòng', NAME, 'Kết quả', 'Thiếu thông tin', 'Lý do'], rows: [[10, 'Hộ ông A & bà B', 'Thiếu thông tin', 'Ngày trình', '? Thiếu ngày trình\n✗ khác']], countColumns: [] },
];

function wellFormed(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw new Error(`${name}: ${error.message}`);
}

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const argb = (c: ExcelJS.Cell) => ((c.fill as ExcelJS.FillPattern | undefined)?.fgColor as { argb?: string } | undefined)?.argb;

// ------------------------------------------------------------------------------------------------
// A realistic list with everything an office adds around it

interface Built {
  file: string;
  sheetName: string;
  headerTop: number;
  headerBottom: number;
  firstCol: number;
  columnOf: Record<string, number>;
  rowOf: number[];
}

async function buildRich(file: string, extraSummary = false): Promise<Built> {
  const rows: RowCells[] = Array.from({ length: 12 }, (_, i) => ({
    [NAME]: i === 4 ? '=1+1 không phải công thức' : `Hộ ông Nguyễn Văn ${String.fromCharCode(65 + i)}`,
    [SUBJECT]: i % 3 === 0 ? undefined : 'Hộ gia đình',
    [UNIT]: `Xã Thạch ${i % 2 ? 'Hà' : 'Kênh'}`,
    [PROPOSED]: 'Giấy khen',
    [SUBMITTED]: i % 4 === 0 ? undefined : `0${1 + (i % 9)}/12/2023`,
    'Giá trị đóng góp (đồng)': 1_000_000 * (i + 1),
  }));
  const wb = new ExcelJS.Workbook();
  addInstructionsSheet(wb);
  const list = addList(wb, { rows, sheetName: 'Danh sách', title: true, header: 'two-row', dates: 'excel', totals: true, signature: true, sections: 'merged' });
  const ws = list.sheet;
  // A validation, a note, a hyperlink, conditional formatting and an image, as offices do.
  for (const r of list.rowOf) ws.getCell(r, list.columnOf[SUBJECT]).dataValidation = { type: 'list', allowBlank: true, formulae: ['"Hộ gia đình,Cán bộ, công chức"'] };
  ws.getCell(list.rowOf[0], list.columnOf[NAME]).note = 'Ghi chú của cán bộ & người lập';
  ws.getCell(list.rowOf[1], list.columnOf[UNIT]).value = { text: 'Xã Thạch Hà', hyperlink: 'https://thachha.hatinh.gov.vn/?a=1&b=2' };
  ws.addConditionalFormatting({
    ref: `A${list.rowOf[0]}:A${list.rowOf[11]}`,
    rules: [{ type: 'expression', priority: 1, formulae: ['MOD(A1,2)=0'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFEEEEEE' } } } }],
  });
  const img = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(img, { tl: { col: 0.2, row: 0.2 }, ext: { width: 40, height: 40 } });
  ws.getCell(list.rowOf[2], list.columnOf[SUBMITTED]).numFmt = 'dd/mm/yyyy;@';
  // A formula inside the list, on a row that gets results.
  ws.getCell(list.rowOf[5], list.columnOf['Giá trị đóng góp (đồng)']).value = { formula: 'ROUND(6000000.4,0)', result: 6000000 };
  // A third sheet with a formula pointing into the list.
  const other = wb.addWorksheet(extraSummary ? 'Tổng hợp' : 'Ghi chú');
  other.getCell('A1').value = { formula: `COUNTA('Danh sách'!B${list.rowOf[0]}:B${list.rowOf[11]})`, result: 12 };
  other.getCell('B2').value = excelDate(2023, 12, 5);
  other.getCell('B2').numFmt = 'dd/mm/yyyy';
  other.mergeCells('C3:D4');
  await wb.xlsx.writeFile(file);
  return {
    file,
    sheetName: 'Danh sách',
    headerTop: list.headerRow - 1,
    headerBottom: list.headerRow,
    firstCol: list.width + 1,
    columnOf: list.columnOf,
    rowOf: list.rowOf,
  };
}

/** Results for each nominee, in sheet order (sections put rows out of nominee order). */
function rowsFor(b: Built): PatchRow[] {
  const rows = b.rowOf.map((row, i): PatchRow => {
    const status = STATUSES[i % 4];
    const late = i % 5 === 1;
    const missing = [...(i % 3 === 0 ? [b.columnOf[SUBJECT]] : []), ...(i % 4 === 0 ? [b.columnOf[SUBMITTED]] : []), ...(i === 2 ? [b.columnOf[SUBMITTED]] : [])];
    const reasons = ['=1+1', 'a & b < c > "d"', 'x\u0001y\u0000z', '✓ một\n✗ hai'][i % 4];
    return {
      row,
      values: [LABELS[status], status === 'eligible' ? 'Giấy khen' : '', missing.length ? 'Đối tượng; Ngày trình' : '', late ? 'Trễ 2 ngày (hạn trước 01/12/2023)' : 'Đúng hạn', reasons],
      status,
      late,
      missingCols: missing,
      nameCol: b.columnOf[NAME],
    };
  });
  return rows.sort((x, y) => x.row - y.row);
}

function specFor(b: Built, over: Partial<PatchSpec> = {}): PatchSpec {
  return {
    sheetName: b.sheetName,
    headerTop: b.headerTop,
    headerBottom: b.headerBottom,
    firstCol: b.firstCol,
    headers: RESULT_HEADERS,
    summary: { title: 'Tổng hợp kết quả kiểm tra — Kế hoạch thi đua NTM', subtitle: 'Kế hoạch: thach-ha-2022 (UBND huyện Thạch Hà); trang tính: Danh sách', tables: TABLES },
    ...over,
  };
}

const cellModel = (c: ExcelJS.Cell) => ({ value: c.value, numFmt: c.numFmt, font: c.font, alignment: c.alignment, border: c.border, protection: c.protection });

// ------------------------------------------------------------------------------------------------

describe('a rich workbook, patched and read back', () => {
  const input = path.join(WORK, 'rich.xlsx');
  const out = path.join(WORK, 'out', 'rich-checked.xlsx');
  let built: Built;
  let rows: PatchRow[];
  let before: string;
  let src: ExcelJS.Workbook;
  let dst: ExcelJS.Workbook;
  let inZip: JSZip;
  let outZip: JSZip;

  beforeAll(async () => {
    built = await buildRich(input);
    rows = rowsFor(built);
    before = sha(input);
    async function* fed() {
      for (const r of rows) {
        await new Promise((resolve) => setImmediate(resolve));
        yield r;
      }
    }
    await writePatchedCopy(input, out, specFor(built), fed(), []);
    src = await readBook(input);
    dst = await readBook(out);
    inZip = await JSZip.loadAsync(fs.readFileSync(input));
    outZip = await JSZip.loadAsync(fs.readFileSync(out));
  });

  test('the input is untouched and no temporary file is left', () => {
    expect(sha(input)).toBe(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['rich-checked.xlsx']);
  });

  test('every XML part is well-formed; every part we do not change is byte for byte the same', async () => {
    const changed = new Set(['xl/worksheets/sheet2.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml']);
    const inNames = Object.keys(inZip.files).filter((n) => !inZip.files[n].dir);
    const outNames = Object.keys(outZip.files).filter((n) => !outZip.files[n].dir);
    // Added: the summary with its chart (drawing1 is the list's images), the explanation sheet.
    const added = ['xl/worksheets/sheet4.xml', 'xl/worksheets/_rels/sheet4.xml.rels', 'xl/drawings/drawing2.xml', 'xl/drawings/_rels/drawing2.xml.rels', 'xl/charts/chart1.xml', 'xl/worksheets/sheet5.xml'];
    expect(outNames.sort()).toEqual([...inNames, ...added].sort());
    for (const name of outNames) {
      if (/\.(xml|rels|vml)$/.test(name)) wellFormed(name, await outZip.files[name].async('string'));
      if (inZip.files[name] && !changed.has(name)) {
        expect({ name, same: Buffer.compare(await inZip.files[name].async('nodebuffer'), await outZip.files[name].async('nodebuffer')) === 0 }).toEqual({ name, same: true });
      }
    }
    // The list sheet really is sheet2 (the instructions come first) and its other parts came along.
    expect(await outZip.files['xl/worksheets/_rels/sheet2.xml.rels'].async('string')).toMatch(/drawing|comments|hyperlink/);
  });

  test('every original cell keeps its value, formula and format; fills change only where asked', () => {
    const filled = new Map<string, string>();
    for (const r of rows) {
      for (const c of r.missingCols) filled.set(`${r.row}:${c}`, FILLS.missingCell);
      if (r.late) filled.set(`${r.row}:${r.nameCol}`, FILLS.lateRow);
    }
    let compared = 0;
    for (const ws of src.worksheets) {
      const other = dst.getWorksheet(ws.name)!;
      expect(other).toBeDefined();
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const got = other.getCell(r, c);
          const want = ws.name === built.sheetName ? filled.get(`${r}:${c}`) : undefined;
          const at = `${ws.name}!${cell.address}`;
          // A filled cell that had no format of its own now shows format 0's font; compare what it holds.
          if (want && !cell.font) expect({ at, value: got.value, numFmt: got.numFmt }).toEqual({ at, value: cell.value, numFmt: cell.numFmt });
          else expect({ at, ...cellModel(got) }).toEqual({ at, ...cellModel(cell) });
          expect({ at: cell.address, fill: argb(got) }).toEqual({ at: cell.address, fill: want ?? argb(cell) });
          compared++;
        });
      });
    }
    expect(compared).toBeGreaterThan(200);
    // Filled cells that were absent exist now, with the fill.
    for (const [key, fill] of filled) {
      const [r, c] = key.split(':').map(Number);
      expect({ key, fill: argb(dst.getWorksheet(built.sheetName)!.getCell(r, c)) }).toEqual({ key, fill });
    }
  });

  test('a filled date cell keeps its number format', () => {
    const ws = dst.getWorksheet(built.sheetName)!;
    const cell = ws.getCell(built.rowOf[2], built.columnOf[SUBMITTED]);
    expect(cell.numFmt).toBe('dd/mm/yyyy;@');
    expect(cell.value).toEqual(src.getWorksheet(built.sheetName)!.getCell(built.rowOf[2], built.columnOf[SUBMITTED]).value);
    expect(argb(cell)).toBe(FILLS.missingCell);
  });

  test('merges, validations, notes, hyperlinks, conditional formats, images and other sheets are kept', () => {
    for (const ws of src.worksheets) {
      const other = dst.getWorksheet(ws.name)!;
      const merges = (ws.model as unknown as { merges: string[] }).merges;
      expect((other.model as unknown as { merges: string[] }).merges).toEqual(expect.arrayContaining(merges));
      expect((other as unknown as { dataValidations: { model: unknown } }).dataValidations.model).toEqual((ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model);
      expect((other as unknown as { conditionalFormattings: unknown }).conditionalFormattings).toEqual((ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings);
      const images = (w: ExcelJS.Worksheet) => w.getImages().map((i) => ({ id: i.imageId, tl: [i.range.tl.nativeCol, i.range.tl.nativeRow], ext: (i.range as { ext?: unknown }).ext }));
      expect(images(other)).toEqual(images(ws));
    }
    const list = dst.getWorksheet(built.sheetName)!;
    expect(list.getCell(built.rowOf[5], built.columnOf['Giá trị đóng góp (đồng)']).value).toEqual({ formula: 'ROUND(6000000.4,0)', result: 6000000 });
    expect(list.getCell(built.rowOf[0], built.columnOf[NAME]).note).toBe('Ghi chú của cán bộ & người lập');
    expect(list.getCell(built.rowOf[1], built.columnOf[UNIT]).value).toEqual({ text: 'Xã Thạch Hà', hyperlink: 'https://thachha.hatinh.gov.vn/?a=1&b=2' });
    expect(dst.worksheets.map((w) => w.name)).toEqual(['Hướng dẫn', 'Danh sách', 'Ghi chú', 'Tổng hợp', 'Giải thích']);
    expect(dst.getWorksheet('Ghi chú')!.getCell('A1').value).toEqual(src.getWorksheet('Ghi chú')!.getCell('A1').value);
  });

  test('five result columns with headers (merged over the two header rows), texts and fills', () => {
    const ws = dst.getWorksheet(built.sheetName)!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    RESULT_HEADERS.forEach((h, i) => {
      const cell = ws.getCell(built.headerTop, built.firstCol + i);
      expect(cell.value).toBe(h);
      expect(cell.font?.bold).toBe(true);
      expect(argb(cell)).toBe(FILLS.header);
      expect(cell.alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
      expect(merges).toContain(`${cell.address}:${ws.getCell(built.headerBottom, built.firstCol + i).address}`);
    });
    for (const r of rows) {
      const cells = r.values.map((_, i) => ws.getCell(r.row, built.firstCol + i));
      const want = r.values.map((v, i) => (i === 4 ? shortReason(v) : v).replace(/[\u0000-\u0008]/g, ''));
      expect({ row: r.row, got: cells.map((c) => c.text) }).toEqual({ row: r.row, got: want });
      expect(argb(cells[0])).toBe(FILLS.status[r.status]);
      expect(argb(cells[3])).toBe(r.late ? FILLS.lateRow : undefined);
      expect(cells[4].alignment).toMatchObject({ wrapText: true, vertical: 'top' });
      expect(cells[1].alignment).toMatchObject({ vertical: 'top' });
    }
    // Formula-looking text is text.
    const eq = ws.getCell(rows[0].row, built.firstCol + 4);
    expect(eq.text).toBe('=1+1');
    expect(eq.type).toBe(ExcelJS.ValueType.String);
    expect(eq.formula).toBeUndefined();
    expect(ws.getColumn(built.firstCol).width).toBe(RESULT_WIDTHS[0]);
    expect(ws.getColumn(built.firstCol + 4).width).toBe(RESULT_WIDTHS[4]);
  });

  test('the summary sheet holds the tables with data bars from 0, the chart above them, and prints on A4 landscape', async () => {
    const ws = dst.getWorksheet('Tổng hợp')!;
    expect(ws.getCell('A1').value).toBe('Tổng hợp kết quả kiểm tra — Kế hoạch thi đua NTM');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 13 });
    // Rows 4-22 are the chart's; the tables follow.
    const at = 4 + CHART_ROWS + 1;
    expect(ws.getCell(`A${at}`).value).toBe('Số lượng theo kết quả');
    expect(ws.getCell(`A${at + 1}`).value).toBe('Kết quả');
    expect(argb(ws.getCell(`B${at + 1}`))).toBe(FILLS.header);
    expect([ws.getCell(`A${at + 2}`).value, ws.getCell(`B${at + 2}`).value, ws.getCell(`B${at + 4}`).value]).toEqual(['Đủ điều kiện', 3, 12]);
    expect(ws.getCell(`A${at + 6}`).value).toBe('Hình thức đề nghị × kết quả');
    expect(ws.getRow(at + 8).values).toEqual([undefined, 'Giấy khen', 1, 2, 3, 4, 10]);
    expect(ws.getCell(`A${at + 12}`).value).toBe('(không có)');
    expect(ws.getCell(`E${at + 16}`).value).toBe('? Thiếu ngày trình\n✗ khác');
    // Wide enough for "Hình thức đề nghị × kết quả" labels; the review row is two lines tall.
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('Hình thức đề nghị'.length);
    expect(ws.getRow(at + 16).height).toBeGreaterThanOrEqual(2 * lineHeight(11));
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    // The total row (B{at+4}) and zero counts have no bar.
    expect(cfs.map((c) => c.ref)).toEqual([`B${at + 2} B${at + 3}`, `B${at + 8}`, `C${at + 8}`, `D${at + 8}`, `E${at + 8}`, `F${at + 8}`]);
    expect(cfs.every((c) => c.rules[0].type === 'dataBar')).toBe(true);
    const xml = await outZip.files['xl/worksheets/sheet4.xml'].async('string');
    expect(xml).toContain('<cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FF5B9BD5"/>');
    expect(xml).toMatch(/^[^]*<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/><drawing r:id="rId1"/></worksheet>');
    const chart = await outZip.files['xl/charts/chart1.xml'].async('string');
    expect(chart).toContain('<c:grouping val="stacked"/>');
    expect(chart).toContain(`<c:f>'Tổng hợp'!$A$${at + 8}</c:f>`);
    expect((chart.match(/<c:ser>/g) ?? []).length).toBe(4);
  });
});

describe('Excel\'s structural rules (strict OOXML check)', () => {
  test('the checked copy, and a check of the checked copy, pass; the second check writes over the first', async () => {
    const input = path.join(WORK, 'strict.xlsx');
    const once = path.join(WORK, 'strict-1.xlsx');
    const twice = path.join(WORK, 'strict-2.xlsx');
    const b = await buildRich(input);
    await writePatchedCopy(input, once, specFor(b), rowsFor(b), []);
    expect(await ooxmlProblems(fs.readFileSync(once))).toEqual([]);
    await writePatchedCopy(once, twice, specFor(b), rowsFor(b), []);
    expect(await ooxmlProblems(fs.readFileSync(twice))).toEqual([]);
    const wb = await readBook(twice);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hướng dẫn', 'Danh sách', 'Ghi chú', 'Tổng hợp', 'Giải thích']);
    // Same parts as after one check: the old chart was dropped, not left behind.
    const names = async (f: string) => Object.keys((await JSZip.loadAsync(fs.readFileSync(f))).files).sort();
    expect(await names(twice)).toEqual(await names(once));
  });

  test('the checker fails on what Excel repairs: overlapping validations, children out of order, a bad count', async () => {
    const input = path.join(WORK, 'strict-bad.xlsx');
    const b = await buildRich(input);
    const zip = await JSZip.loadAsync(fs.readFileSync(input));
    const sheet = await zip.files['xl/worksheets/sheet2.xml'].async('string');
    const broken = sheet
      .replace(/<dataValidations count="(\d+)">/, '<dataValidations count="$1"><dataValidation type="list" sqref="C1:C9999"><formula1>"a"</formula1></dataValidation>')
      .replace(/(<pageMargins[^>]*\/>)/, '<drawingHF r:id="x"/>$1');
    zip.file('xl/worksheets/sheet2.xml', broken);
    const problems = await ooxmlProblems(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(problems.some((p) => /data validation C1:C9999 overlaps/.test(p))).toBe(true);
    expect(problems.some((p) => /<dataValidations count="2"> holds 3/.test(p))).toBe(true);
    expect(problems.some((p) => /<pageMargins> after <drawingHF>/.test(p))).toBe(true);
    expect(b.sheetName).toBe('Danh sách');
  });

  test.each(PLAN_IDS.map((id) => [id]))('the template of %s passes, with one validation per dropdown column', async (id) => {
    const wb = buildTemplate(templateModel(shippedPlan(id)!));
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await ooxmlProblems(data)).toEqual([]);
    const zip = await JSZip.loadAsync(data);
    const xml = await zip.files['xl/worksheets/sheet1.xml'].async('string');
    const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs.length).toBeGreaterThan(0);
    for (const r of sqrefs) expect(r).toMatch(/^[A-Z]+5:[A-Z]+1004$/);
    expect(new Set(sqrefs.map((r) => r.replace(/\d+/g, ''))).size).toBe(sqrefs.length);
  });
});

describe('names and failures', () => {
  test('an existing "Tổng hợp" sheet: the summary is "Tổng hợp 2"; an array of rows works too', async () => {
    const input = path.join(WORK, 'named.xlsx');
    const out = path.join(WORK, 'named-out.xlsx');
    const b = await buildRich(input, true);
    await writePatchedCopy(input, out, specFor(b), rowsFor(b), []);
    const wb = await readBook(out);
    // The user's own "Tổng hợp" (not one this product wrote) is kept.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hướng dẫn', 'Danh sách', 'Tổng hợp', 'Tổng hợp 2', 'Giải thích']);
    expect(wb.getWorksheet('Tổng hợp 2')!.getCell(`A${4 + CHART_ROWS + 1}`).value).toBe('Số lượng theo kết quả');
  });

  test('failures leave no output and no temporary file', async () => {
    const input = path.join(WORK, 'fail.xlsx');
    const b = await buildRich(input);
    const dir = path.join(WORK, 'fail-out');
    fs.mkdirSync(dir);
    const out = path.join(dir, 'x.xlsx');
    await expect(writePatchedCopy(input, out, specFor(b, { sheetName: 'Không có' }), [], [])).rejects.toThrow(/no sheet named "Không có"/);
    await expect(writePatchedCopy(input, input, specFor(b), [], [])).rejects.toThrow(/cannot replace/);
    // An error raised while the sheet streams (rows out of order) must reach the caller.
    const rows = rowsFor(b);
    await expect(writePatchedCopy(input, out, specFor(b), [rows[3], rows[1]], [])).rejects.toThrow(/increasing order/);
    async function* failing() {
      yield rows[0];
      throw new Error('the check failed half-way');
    }
    await expect(writePatchedCopy(input, out, specFor(b), failing(), [])).rejects.toThrow('the check failed half-way');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('a package not written by exceljs', () => {
  // exceljs cannot read cells or rows without r; those are covered by tests/xlsx/patch.test.ts.
  test('no styles part, a self-closing row, stored entries: patched and readable', async () => {
    const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    );
    zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="DS &amp; KT" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>` +
        `<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1" t="inlineStr"><is><t>${NAME}</t></is></c><c r="C1" t="inlineStr"><is><t>${SUBJECT}</t></is></c></row>` +
        `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Hộ A</t></is></c></row>` +
        `<row r="3" />` +
        `<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inlineStr"><is><t>Hộ C</t></is></c><c r="C4" t="inlineStr"><is><t>Hộ gia đình</t></is></c></row>` +
        `</sheetData></worksheet>`,
    );
    const input = path.join(WORK, 'foreign.xlsx');
    fs.writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
    const out = path.join(WORK, 'foreign-out.xlsx');
    const rows: PatchRow[] = [
      { row: 2, values: ['Thiếu thông tin', '', 'Đối tượng', '', '? Đối tượng'], status: 'incomplete', late: false, missingCols: [3], nameCol: 2 },
      { row: 3, values: ['Thiếu thông tin', '', 'Tên', 'Trễ 1 ngày', '?'], status: 'incomplete', late: true, missingCols: [2, 3], nameCol: 2 },
      { row: 4, values: ['Đủ điều kiện', 'Giấy khen', '', 'Đúng hạn', '✓'], status: 'eligible', late: false, missingCols: [], nameCol: 2 },
    ];
    await writePatchedCopy(input, out, { sheetName: 'DS & KT', headerTop: 1, firstCol: 4, headers: RESULT_HEADERS, summary: { title: 'T', subtitle: 'S', tables: TABLES } }, rows, []);
    const outZip = await JSZip.loadAsync(fs.readFileSync(out));
    for (const name of Object.keys(outZip.files)) if (!outZip.files[name].dir) wellFormed(name, await outZip.files[name].async('string'));
    expect(await outZip.files['[Content_Types].xml'].async('string')).toContain('<Override PartName="/xl/styles.xml"');
    const wb = await readBook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['DS & KT', 'Tổng hợp', 'Giải thích']);
    const ws = wb.getWorksheet('DS & KT')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'STT', NAME, SUBJECT, ...RESULT_HEADERS]);
    expect((ws.getRow(4).values as unknown[]).slice(0, 8)).toEqual([undefined, 3, 'Hộ C', 'Hộ gia đình', 'Đủ điều kiện', 'Giấy khen', undefined, 'Đúng hạn']);
    expect(ws.getCell('H4').text).toBe('✓');
    expect(argb(ws.getCell('C2'))).toBe(FILLS.missingCell);
    expect(argb(ws.getCell('B3'))).toBe(FILLS.lateRow);
    expect(argb(ws.getCell('C3'))).toBe(FILLS.missingCell);
    expect(argb(ws.getCell('G3'))).toBe(FILLS.lateRow);
    expect(argb(ws.getCell('D4'))).toBe(FILLS.status.eligible);
  });
});

describe('a long list streams', () => {
  test('20,000 rows written by the exceljs stream writer, results fed from an async generator', async () => {
    const input = path.join(WORK, 'long.xlsx');
    const out = path.join(WORK, 'long-out.xlsx');
    const N = 20_000;
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input, useStyles: true, useSharedStrings: true });
    const ws = writer.addWorksheet('Danh sách');
    ws.columns = [{ width: 6 }, { width: 30 }, { width: 14 }, { width: 14 }];
    ws.addRow(['STT', NAME, SUBJECT, SUBMITTED]).commit();
    for (let i = 1; i <= N; i++) {
      const row = ws.addRow([i, `Hộ ông Nguyễn Văn ${i}`, i % 7 ? 'Hộ gia đình' : null, i % 11 ? excelDate(2023, 12, 1 + (i % 28)) : null]);
      if (i % 11) row.getCell(4).numFmt = 'dd/mm/yyyy';
      row.commit();
    }
    ws.commit();
    await writer.commit();
    async function* results(): AsyncGenerator<PatchRow> {
      for (let i = 1; i <= N; i++) {
        const status = STATUSES[i % 4];
        const missingCols = [...(i % 7 ? [] : [3]), ...(i % 11 ? [] : [4])];
        yield { row: i + 1, values: [LABELS[status], '', missingCols.length ? 'thiếu' : '', i % 13 ? 'Đúng hạn' : 'Trễ 1 ngày', `✓ lý do ${i}\n✗ lý do khác`], status, late: i % 13 === 0, missingCols, nameCol: 2 };
      }
    }
    // Time and memory are measured by `npm run bench`, not asserted here.
    await writePatchedCopy(input, out, { sheetName: 'Danh sách', headerTop: 1, firstCol: 5, headers: RESULT_HEADERS, summary: { title: 'T', subtitle: 'S', tables: TABLES } }, results(), []);
    const wb = await readBook(out);
    const list = wb.getWorksheet('Danh sách')!;
    expect(list.rowCount).toBe(N + 1);
    expect(list.getCell('E1').value).toBe('Kết quả');
    for (const i of [1, 7, 11, 13, 77, 143, 9999, N]) {
      const r = list.getRow(i + 1);
      expect(r.getCell(1).value).toBe(i);
      expect(r.getCell(5).value).toBe(LABELS[STATUSES[i % 4]]);
        // The cell keeps the decisive reason and links to the whole text on the explanation sheet.
      expect(r.getCell(9).text).toBe(shortReason(`✓ lý do ${i}\n✗ lý do khác`));
      expect(wb.getWorksheet('Giải thích')!.getCell(`C${i + 1}`).value).toBe(`✓ lý do ${i}\n✗ lý do khác`);
      expect(wb.getWorksheet('Giải thích')!.getCell(`A${i + 1}`).value).toBe(i + 1);
      expect(argb(r.getCell(3))).toBe(i % 7 ? undefined : FILLS.missingCell);
      expect(argb(r.getCell(4))).toBe(i % 11 ? undefined : FILLS.missingCell);
      expect(argb(r.getCell(2))).toBe(i % 13 ? undefined : FILLS.lateRow);
      if (i % 11) expect(r.getCell(4).numFmt).toBe('dd/mm/yyyy');
    }
    expect(wb.getWorksheet('Tổng hợp')).toBeDefined();
    // Links both ways: list → explanation, explanation → list.
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const listXml = await zip.files['xl/worksheets/sheet1.xml'].async('string');
    // From the one-line "Kết quả" cell (E): a cell holding a link does not wrap in LibreOffice.
    expect(listXml).toContain(`<hyperlink ref="E${N + 1}" location="&apos;Giải thích&apos;!A${N + 1}"`);
    expect(listXml).not.toMatch(/<hyperlink ref="I\d+"/);
    const names = Object.keys(zip.files).filter((n) => /worksheets\/sheet\d+\.xml$/.test(n)).sort();
    const expl = await zip.files[names[names.length - 1]].async('string');
    expect(expl).toContain(`<hyperlink ref="A${N + 1}" location="&apos;Danh sách&apos;!A${N + 1}"`);
  });
});
