/**
 * Hostile cells (issue item 3): text that looks like a formula stays text in every output (the
 * checked copy, its summary sheet, the template, the page's download); control characters, a 1 MB
 * cell and headers named like Object.prototype members are safe; impossible dates are unreadable
 * and reported. The command line is run for real; the download path and the core in process.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { checkRowsInSet } from '../../src/core/plan-set';
import { loadPlan, type CompiledPlan } from '../../src/core/compile';
import { evaluate } from '../../src/core/evaluate';
import { chooseSheet, detectHeader, type SheetSample } from '../../src/core/headers';
import { reportRow } from '../../src/core/report';
import { rowInput } from '../../src/core/check';
import { parseDate } from '../../src/core/values';
import { shippedPlan } from '../../src/plans';
import { checkedCopy } from '../../src/xlsx/copy-input';
import { checkWorkbook, type CheckedWorkbook } from '../../src/xlsx/check-workbook';
import { loadCases, parseDeadline, type CaseRow } from '../helpers/cases';
import { assertBuilt, readJson, ROOT } from '../helpers/cli';
import { buildList, NAME, readWorkbook, SUBMITTED, UNIT, writeList, writeWorkbook, type BuiltList, type RowCells } from '../helpers/workbook';
import { removeScenarios, run, scenario, setups, type Run } from './run';
import { allFormulas, scanSheet, sheetParts, xmlError, xmlParts } from './xlsx-parts';

jest.setTimeout(120_000);

const TH = loadCases('thach-ha-2022');
const byId = (id: string) => TH.rows.find((c) => c.id === id) as CaseRow;
const PLAN = ['--plan', 'thach-ha-2022', '--year', '2023'];
const THACH_HA = shippedPlan('thach-ha-2022') as CompiledPlan;
const RESULT_HEADERS = ['Kết quả', 'Hình thức cao nhất đủ điều kiện', 'Thiếu thông tin', 'Hạn nộp', 'Lý do'];
const EXCEL_CELL_LIMIT = 32_767;

interface ReportRow {
  row: number;
  name: string | null;
  status: string;
  awardTier: string | null;
  missing: string[];
  deadline: { status: string; before: string | null; daysLate: number };
  reasons: { criterion: string; result: string; text: string; citation: string }[];
}
interface FileReport {
  rows: ReportRow[];
}

/** The exceljs reading of a cell: its kind and text, formulas flagged. */
function kind(c: ExcelJS.Cell): string {
  switch (c.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return 'empty';
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.RichText:
      return 'text';
    case ExcelJS.ValueType.Number:
      return 'number';
    case ExcelJS.ValueType.Formula:
      return 'FORMULA';
    default:
      return `other:${c.type}`;
  }
}

function textOf(c: ExcelJS.Cell): string {
  const v = c.value as unknown;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
  return '';
}

/** The columns holding the five result headers on the list sheet. */
function resultColumns(ws: ExcelJS.Worksheet, built: BuiltList): number[] {
  const cols: number[] = [];
  for (let c = built.width + 1; c <= ws.columnCount; c++) {
    for (let r = 1; r <= built.headerRow; r++) if (RESULT_HEADERS.includes(textOf(ws.getCell(r, c)))) cols.push(c);
  }
  return [...new Set(cols)];
}

/** The page's download: the input read with exceljs, checked in memory, its bytes patched. */
async function download(file: string, opts: { year?: number } = { year: 2023 }): Promise<Buffer> {
  const wb = await readWorkbook(file);
  const checked = checkWorkbook(wb, path.basename(file), THACH_HA, opts);
  if ('problem' in checked) throw new Error(`not checked: ${checked.problem}`);
  return Buffer.from(await checkedCopy(fs.readFileSync(file), checked as CheckedWorkbook, THACH_HA));
}

/** The whole "Lý do" of a list row: the cell keeps the decisive reason, the explanation sheet all of it. */
function fullReason(wb: ExcelJS.Workbook, row: number): string {
  const ws = wb.getWorksheet('Giải thích') as ExcelJS.Worksheet;
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === row) return textOf(ws.getCell(r, 3));
  throw new Error(`row ${row} is not on the explanation sheet`);
}

async function loadBuffer(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const { setup, runSetups } = setups();

beforeAll(async () => {
  assertBuilt();
  await runSetups();
}, 300_000);

afterAll(() => removeScenarios());

// ------------------------------------------------------------------------------------------------
// Text that looks like a formula

describe('text starting with =, +, -, @ stays text', () => {
  const NAMES = ['=HYPERLINK("http://x","y")', '+84 912', '-5', '@SUM(A1)', '=1+1'];
  const rows: RowCells[] = [
    { ...byId('TH-01').cells, [NAME]: NAMES[0] },
    { ...byId('TH-05').cells, [NAME]: NAMES[1], [UNIT]: '=1+2' },
    { ...byId('TH-10').cells, [NAME]: NAMES[2] },
    { ...byId('TH-12').cells, [NAME]: NAMES[3], [UNIT]: '@xa Thạch Văn' },
    // A criterion cell holding "=1+1": unreadable, and quoted in the reasons.
    { ...byId('TH-02').cells, [NAME]: NAMES[4], 'Tiêu biểu trong phong trào': '=1+1', [UNIT]: '-Xóm 3' },
  ];
  let s: { dir: string; built: BuiltList; run: Run; report: FileReport; input: Buffer; copy: Buffer; dl: Buffer };

  setup(async () => {
    const { dir, tmp } = scenario('formula');
    const built = buildList({ rows, title: true, signature: true });
    // Formulas of the user's own: they must come back, and be the only ones.
    const notes = built.workbook.addWorksheet('Ghi chú');
    notes.getCell('A1').value = 'Số dòng';
    notes.getCell('B1').value = { formula: `COUNTA('Danh sách'!B${built.rowOf[0]}:B${built.rowOf[4]})`, result: 5 } as ExcelJS.CellFormulaValue;
    const below = built.sheet.rowCount + 2;
    built.sheet.getCell(below, 1).value = { formula: 'ROWS(A1:A3)', result: 3 } as ExcelJS.CellFormulaValue;
    const file = path.join(dir, 'ds.xlsx');
    await writeWorkbook(file, built.workbook);
    const r = await run(['check', 'ds.xlsx', ...PLAN, '--out', 'out.xlsx', '--json', 'r.json'], dir, tmp);
    s = {
      dir,
      built,
      run: r,
      report: readJson<FileReport>(path.join(dir, 'r.json')),
      input: fs.readFileSync(file),
      copy: fs.readFileSync(path.join(dir, 'out.xlsx')),
      dl: await download(file),
    };
  });

  test('the run succeeds and the report gives the names as written', () => {
    expect({ exitCode: s.run.exitCode, stderr: s.run.stderr }).toEqual({ exitCode: 1, stderr: '' });
    expect(s.report.rows.map((r) => r.name)).toEqual(NAMES);
  });

  test('the criterion cell "=1+1" is unreadable, quoted as text in the reasons', () => {
    const row = s.report.rows[4];
    const reason = row.reasons.find((x) => x.text.includes('“=1+1”'));
    expect(reason).toMatchObject({ result: 'missing' });
    expect(row.missing).toContain('Tiêu biểu trong phong trào');
  });

  describe.each([
    ['the checked copy (--out)', () => s.copy],
    ["the page's download", () => s.dl],
  ])('%s', (_label, out) => {
    test('has exactly the formulas of the input, no new one', async () => {
      const input = allFormulas(await xmlParts(s.input));
      expect(input).toEqual(["Danh sách!A" + (s.built.sheet.rowCount) + '=ROWS(A1:A3)', `Ghi chú!B1=COUNTA('Danh sách'!B${s.built.rowOf[0]}:B${s.built.rowOf[4]})`]);
      expect(allFormulas(await xmlParts(out()))).toEqual(input);
    });

    test('no cell is a formula string result (t="str") outside the input formulas', async () => {
      const parts = await xmlParts(out());
      for (const [sheet, part] of sheetParts(parts)) {
        const scan = scanSheet(parts.get(part) as string);
        if (sheet !== 'Danh sách' && sheet !== 'Ghi chú') expect({ sheet, types: [...scan.types].filter((t) => t === 'str') }).toEqual({ sheet, types: [] });
      }
    });

    test('the names are text cells with the text as written', async () => {
      const wb = await loadBuffer(out());
      const ws = wb.getWorksheet('Danh sách') as ExcelJS.Worksheet;
      const cells = s.built.rowOf.map((r) => ws.getCell(r, s.built.columnOf[NAME]));
      expect(cells.map((c) => [kind(c), c.value])).toEqual(NAMES.map((n) => ['text', n]));
    });

    test('every result cell is text (or empty); the reasons quoting "=1+1" too', async () => {
      const wb = await loadBuffer(out());
      const ws = wb.getWorksheet('Danh sách') as ExcelJS.Worksheet;
      const cols = resultColumns(ws, s.built);
      expect(cols).toHaveLength(5);
      const kinds = new Set<string>();
      for (const r of s.built.rowOf) for (const c of cols) kinds.add(kind(ws.getCell(r, c)));
      expect([...kinds].filter((k) => k !== 'text' && k !== 'empty')).toEqual([]);
      expect(kind(wb.getWorksheet('Giải thích')!.getCell('C2'))).toBe('text');
      expect(fullReason(wb, s.built.rowOf[4])).toContain('“=1+1”');
    });

    test('every summary-sheet cell is text, a number or empty; the hostile texts are text', async () => {
      const wb = await loadBuffer(out());
      const ws = wb.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
      const kinds = new Set<string>();
      const risky: string[] = [];
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (c) => {
          kinds.add(kind(c));
          if (/^[=+\-@]/.test(textOf(c))) risky.push(textOf(c));
        }),
      );
      expect([...kinds].filter((k) => !['text', 'number', 'empty'].includes(k))).toEqual([]);
      expect(risky).toEqual(expect.arrayContaining(['+84 912', '=1+1', '=1+2', '@xa Thạch Văn', '-Xóm 3']));
    });
  });
});

describe('the template has no formula but its dropdown lists', () => {
  /** A plan of an office's own whose words look like formulas. */
  function hostilePlan(): string {
    const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/plans/thach-ha-2022.json'), 'utf8'));
    plan.title = '=HYPERLINK("http://x","Kế hoạch")';
    plan.columns = [
      { header: '@Ghi chú đặc biệt', type: 'yesno' },
      { header: '=Xếp loại', type: 'ordinal', scale: [{ rank: 1, labels: ['-Yếu'] }, { rank: 2, labels: ['+Khá'] }, { rank: 3, labels: ['=Tốt'] }] },
    ];
    plan.subjects.xa.criteria.any.push(
      { id: 'z.1', label: '+Tiêu chí riêng', column: '=Xếp loại', test: { op: 'atLeast', value: '+Khá' }, cite: { ref: '§X.1', quote: '-trích dẫn' } },
      { id: 'z.2', label: '@Tiêu chí riêng', column: '@Ghi chú đặc biệt', test: { op: 'yes' }, cite: { ref: '§X.2', quote: '@trích dẫn' } },
    );
    return JSON.stringify(plan);
  }

  let s: { shipped: Run; own: Run; files: Record<string, Buffer> };
  setup(async () => {
    const { dir, tmp } = scenario('template');
    fs.writeFileSync(path.join(dir, 'rieng.json'), hostilePlan());
    const [shipped, own] = await Promise.all([
      run(['template', '--plan', 'thach-ha-2022', '--out', 't.xlsx'], dir, tmp),
      run(['template', '--plan-file', 'rieng.json', '--subject', 'xa', '--out', 'rieng.xlsx'], dir, tmp),
    ]);
    s = { shipped, own, files: { 't.xlsx': fs.readFileSync(path.join(dir, 't.xlsx')), 'rieng.xlsx': fs.readFileSync(path.join(dir, 'rieng.xlsx')) } };
  });

  test('both are written (exit 0, nothing on stderr)', () => {
    expect([s.shipped, s.own].map((r) => ({ exitCode: r.exitCode, stderr: r.stderr }))).toEqual([
      { exitCode: 0, stderr: '' },
      { exitCode: 0, stderr: '' },
    ]);
  });

  test.each(['t.xlsx', 'rieng.xlsx'])('%s: no <f> in any sheet; every data validation is a list over the hidden "Danh mục" sheet', async (name) => {
    const parts = await xmlParts(s.files[name]);
    expect(allFormulas(parts)).toEqual([]);
    const validations = [...sheetParts(parts).values()].flatMap((p) => scanSheet(parts.get(p) as string).validations);
    expect(validations.length).toBeGreaterThan(0);
    for (const v of validations) expect(v).toEqual({ type: 'list', formula1: expect.stringMatching(/^'Danh mục'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/) });
  });

  test("the office plan's formula-like words are text cells", async () => {
    const wb = await loadBuffer(s.files['rieng.xlsx']);
    const texts: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          expect({ at: `${ws.name}!${c.address}`, kind: kind(c) }).toEqual({ at: `${ws.name}!${c.address}`, kind: expect.stringMatching(/^(text|number|empty)$/) });
          texts.push(textOf(c));
        }),
      );
    }
    expect(texts).toEqual(expect.arrayContaining(['@Ghi chú đặc biệt', '=Xếp loại', '-Yếu', '+Khá', '=Tốt']));
    expect(texts.some((t) => t.startsWith('=HYPERLINK("http://x","Kế hoạch")'))).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------
// Control characters

describe('control characters (U+0001, U+0008, U+001F, U+FFFE) in a name and in criterion cells', () => {
  // Excel stores characters XML cannot hold as "_xHHHH_" escapes; exceljs (in memory) decodes them.
  const ESC: Record<string, string> = { QQ01QQ: '_x0001_', QQ08QQ: '_x0008_', QQ1FQQ: '_x001F_', QQFFFEQQ: '_xFFFE_' };
  const rows: RowCells[] = [
    { ...byId('TH-01').cells, [NAME]: 'UBND QQ01QQxã QQ08QQThạch QQ1FQQĐài QQFFFEQQ', 'Mức đạt chuẩn': 'NTM QQ01QQnâng cao' },
    { ...byId('TH-05').cells, [UNIT]: 'Thôn QQ1FQQTrung Tiến', 'Chấp hành tốt chủ trương, chính sách, pháp luật': 'QQ08QQCó' },
    byId('TH-10').cells,
  ];
  let s: { run: Run; copy: Buffer; report: string; dl: Buffer; pageNames: (string | null)[] };

  setup(async () => {
    const { dir, tmp } = scenario('control');
    const file = path.join(dir, 'ds.xlsx');
    await writeList(file, { rows, title: true });
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', sst.replace(/QQ(01|08|1F|FFFE)QQ/g, (m) => ESC[m]));
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const r = await run(['check', 'ds.xlsx', ...PLAN, '--out', 'out.xlsx', '--json', 'r.json'], dir, tmp);
    const page = checkWorkbook(await readWorkbook(file), 'ds.xlsx', THACH_HA, { year: 2023 }) as CheckedWorkbook;
    s = {
      run: r,
      copy: fs.readFileSync(path.join(dir, 'out.xlsx')),
      report: fs.readFileSync(path.join(dir, 'r.json'), 'utf8'),
      dl: await download(file),
      pageNames: page.report.rows.map((x) => x.name),
    };
  });

  test('the command line reads "_xHHHH_" escapes as the page does', () => {
    expect((JSON.parse(s.report) as FileReport).rows.map((x) => x.name)).toEqual(s.pageNames);
  });

  test('the run succeeds: the rows are checked, nothing on stderr', () => {
    expect({ exitCode: s.run.exitCode, stderr: s.run.stderr }).toEqual({ exitCode: 1, stderr: '' });
    expect((JSON.parse(s.report) as FileReport).rows).toHaveLength(3);
  });

  async function expectWellFormed(out: Buffer): Promise<void> {
    const parts = await xmlParts(out);
    expect([...parts].map(([name, xml]) => [name, xmlError(xml)])).toEqual([...parts.keys()].map((name) => [name, null]));
    const wb = await loadBuffer(out);
    expect(wb.getWorksheet('Tổng hợp')).toBeDefined();
  }

  test('the checked copy: every XML part is well-formed and exceljs opens it', () => expectWellFormed(s.copy));

  test("the page's download: every XML part is well-formed", () => expectWellFormed(s.dl));

  test('raw control characters given to the in-memory check and download: well-formed', async () => {
    const built = buildList({
      rows: [
        { ...byId('TH-01').cells, [NAME]: 'UBND\u0001 xã\u0008 Thạch\u001F Đài', 'Mức đạt chuẩn': 'NTM\u0001 nâng cao' },
        { ...byId('TH-05').cells, [UNIT]: 'Thôn\u001F Trung Tiến', 'Chấp hành tốt chủ trương, chính sách, pháp luật': '\u0008Có' },
      ],
    });
    const checked = checkWorkbook(built.workbook, 'ds.xlsx', THACH_HA, { year: 2023 }) as CheckedWorkbook;
    expect(checked.report.rows).toHaveLength(2);
    const parts = await xmlParts(Buffer.from(await checkedCopy(await built.workbook.xlsx.writeBuffer(), checked, THACH_HA)));
    expect([...parts].map(([name, xml]) => [name, xmlError(xml)])).toEqual([...parts.keys()].map((name) => [name, null]));
  });

  test('raw U+FFFE in a name, downloaded: well-formed', async () => {
    const built = buildList({ rows: [{ ...byId('TH-01').cells, [NAME]: 'UBND xã Thạch Đài\uFFFE' }] });
    const checked = checkWorkbook(built.workbook, 'ds.xlsx', THACH_HA, { year: 2023 }) as CheckedWorkbook;
    // exceljs writes the raw character into its own shared strings (the input is already not XML);
    // the copy rewrites only the list sheet, styles and its own parts, and those must be well-formed.
    const input = Buffer.from(await built.workbook.xlsx.writeBuffer());
    const before = await xmlParts(input);
    const parts = await xmlParts(Buffer.from(await checkedCopy(input, checked, THACH_HA)));
    const written = [...parts].filter(([name, xml]) => before.get(name) !== xml);
    expect(written.length).toBeGreaterThan(3);
    expect(written.map(([name, xml]) => [name, xmlError(xml)])).toEqual(written.map(([name]) => [name, null]));
  });

  test('the core reads such cells without throwing: unreadable, never a silent yes', () => {
    const sample: SheetSample = {
      name: 'Danh sách',
      merges: [],
      rows: [
        [NAME, 'Đối tượng', 'Hình thức đề nghị', 'Chấp hành tốt\u0001', 'Tiêu biểu trong phong trào'].map((v) => ({ value: v })),
        ['UBND\u0000 xã\u0008 A\uFFFE\uD800', 'X\u0001ã', 'Giấy khen', 'C\u0001ó', '\u001F'].map((v) => ({ value: v })),
      ],
    };
    const match = detectHeader(sample, THACH_HA.registry);
    expect(match).not.toBeNull();
    const d = evaluate(THACH_HA, rowInput(sample.rows[1], match!), { year: 2023 });
    expect(d.status).not.toBe('eligible');
  });
});

// ------------------------------------------------------------------------------------------------
// A 1 MB cell

describe('a 1 MB string in the unit cell and in a criterion cell', () => {
  const MB = 1 << 20;
  const UNIT_TEXT = `Thôn ${'a'.repeat(MB)}`;
  const LEVEL_TEXT = `NTM nâng cao ${'x'.repeat(MB)}`;
  const rows: RowCells[] = [{ ...byId('TH-01').cells, [UNIT]: UNIT_TEXT, 'Mức đạt chuẩn': LEVEL_TEXT }, byId('TH-05').cells];
  let s: { built: BuiltList; run: Run; report: FileReport; reportSize: number; copy: Buffer; dl: Buffer };

  setup(async () => {
    const { dir, tmp } = scenario('huge');
    const file = path.join(dir, 'ds.xlsx');
    const built = await writeList(file, { rows });
    const r = await run(['check', 'ds.xlsx', ...PLAN, '--out', 'out.xlsx', '--json', 'r.json'], dir, tmp);
    s = {
      built,
      run: r,
      report: readJson<FileReport>(path.join(dir, 'r.json')),
      reportSize: fs.statSync(path.join(dir, 'r.json')).size,
      copy: fs.readFileSync(path.join(dir, 'out.xlsx')),
      dl: await download(file),
    };
  });

  test('the run succeeds; the criterion is reported unreadable, not read as "NTM nâng cao"', () => {
    expect({ exitCode: s.run.exitCode, stderr: s.run.stderr }).toEqual({ exitCode: 1, stderr: '' });
    const row = s.report.rows[0];
    expect(row.status).toBe('incomplete');
    expect(row.missing).toContain('Mức đạt chuẩn');
    const reason = row.reasons.find((x) => x.criterion === 'b.1.muc');
    expect(reason).toMatchObject({ result: 'missing', text: expect.stringContaining('không đọc được') });
  });

  test('the report quotes a bounded part of the value, not the megabyte', () => {
    expect(s.reportSize).toBeLessThan(100_000);
  });

  test.each([
    ['the checked copy', () => s.copy],
    ["the page's download", () => s.dl],
  ])('%s: every cell written is at most 32,767 characters; the user cells are kept whole', async (_label, out) => {
    const wb = await loadBuffer(out());
    const list = wb.getWorksheet('Danh sách') as ExcelJS.Worksheet;
    const long: string[] = [];
    list.eachRow((row) => row.eachCell((c) => (Number(c.col) > s.built.width && textOf(c).length > EXCEL_CELL_LIMIT ? long.push(c.address) : undefined)));
    (wb.getWorksheet('Tổng hợp') as ExcelJS.Worksheet).eachRow((row) => row.eachCell((c) => (textOf(c).length > EXCEL_CELL_LIMIT ? long.push(`Tổng hợp!${c.address}`) : undefined)));
    expect(long).toEqual([]);
    expect(textOf(list.getCell(s.built.rowOf[0], s.built.columnOf[UNIT]))).toBe(UNIT_TEXT);
    expect(textOf(list.getCell(s.built.rowOf[0], s.built.columnOf['Mức đạt chuẩn']))).toBe(LEVEL_TEXT);
  });
});

// ------------------------------------------------------------------------------------------------
// Headers named like Object.prototype members

describe('headers named __proto__, constructor, toString, hasOwnProperty', () => {
  const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  /** The visible cases with four extra columns of those names, filled with text and dates. */
  async function withExtraColumns(file: string, opts: Parameters<typeof buildList>[0]): Promise<BuiltList> {
    const built = buildList(opts);
    PROTO_NAMES.forEach((h, i) => {
      const col = built.width + 1 + i;
      built.sheet.getCell(built.headerRow, col).value = h;
      built.rowOf.forEach((r, k) => (built.sheet.getCell(r, col).value = i === 0 ? (opts.rows[k][SUBMITTED] as string | undefined) ?? null : `x${k}`));
    });
    await writeWorkbook(file, built.workbook);
    return built;
  }

  const cases = TH.rows;
  let s: { plain: Run; mapped: Run; renamed: Run; badMaps: Run[]; reports: Record<string, FileReport> };

  setup(async () => {
    const { dir, tmp } = scenario('proto');
    await withExtraColumns(path.join(dir, 'them-cot.xlsx'), { rows: cases.map((c) => c.cells), title: true });
    // Ngày trình under the header "__proto__", mapped by hand.
    await withExtraColumns(path.join(dir, 'doi-ten.xlsx'), { rows: cases.map((c) => c.cells), headerText: { [SUBMITTED]: 'Ngày gửi' } });
    const [plain, mapped, renamed, proto, ctor] = await Promise.all([
      run(['check', 'them-cot.xlsx', ...PLAN, '--json', 'plain.json'], dir, tmp),
      run(['check', 'doi-ten.xlsx', ...PLAN, '--map', 'Ngày trình=__proto__', '--json', 'mapped.json'], dir, tmp),
      run(['check', 'doi-ten.xlsx', ...PLAN, '--map', 'Ngày trình=Ngày gửi', '--json', 'renamed.json'], dir, tmp),
      run(['check', 'them-cot.xlsx', ...PLAN, '--map', '__proto__=F'], dir, tmp),
      run(['check', 'them-cot.xlsx', ...PLAN, '--map', 'constructor=F'], dir, tmp),
      run(['check', 'them-cot.xlsx', ...PLAN, '--map', 'Ngày trình=hasOwnProperty', '--json', 'own.json'], dir, tmp),
    ]);
    const read = (f: string) => readJson<FileReport>(path.join(dir, f));
    s = { plain, mapped, renamed, badMaps: [proto, ctor], reports: { plain: read('plain.json'), mapped: read('mapped.json'), renamed: read('renamed.json'), own: read('own.json') } };
  });

  const outcome = (r: ReportRow) => ({ status: r.status, awardTier: r.awardTier, missing: r.missing, deadline: r.deadline.status, daysLate: r.deadline.daysLate });
  const expected = cases.map((c) => {
    const d = parseDeadline(c.expect.deadline);
    return { status: c.expect.status, awardTier: c.expect.awardTier, missing: c.expect.missing, deadline: d.status, daysLate: d.daysLate ?? 0 };
  });

  test('as extra columns: no crash, every row as the cases say', () => {
    expect({ exitCode: s.plain.exitCode, stderr: s.plain.stderr }).toEqual({ exitCode: 1, stderr: '' });
    expect(s.reports.plain.rows.map(outcome)).toEqual(expected);
  });

  test('as a --map target ("Ngày trình=__proto__"): the dates in that column are read', () => {
    expect(s.mapped.stderr).toBe('');
    expect(s.reports.mapped.rows.map(outcome)).toEqual(s.reports.renamed.rows.map(outcome));
    expect(s.reports.mapped.rows.map(outcome)).toEqual(expected);
  });

  test('as a --map target ("Ngày trình=hasOwnProperty"): that column is read (text, so the date is unreadable)', () => {
    const dated = s.reports.own.rows.filter((r) => r.deadline.status !== 'none');
    expect(dated.length).toBeGreaterThan(0);
    for (const r of dated) expect(r.deadline.status).toBe('missing');
  });

  test('as the standard side of --map: refused like any unknown column (exit 2, one line)', () => {
    expect(s.badMaps.map((r) => ({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }))).toEqual(
      ['__proto__', 'constructor'].map((h) => ({
        exitCode: 2,
        stdout: '',
        stderr: `ntm-awards: --map "${h}=F": "${h}" không phải cột của kế hoạch thach-ha-2022; ghi một tiêu đề chuẩn như "Ngày trình" — not a column of the plan\n`,
      })),
    );
  });

  test('in process: detection, mapping and evaluation with such headers leave Object.prototype alone', () => {
    const header = [...PROTO_NAMES, NAME, 'Đối tượng', 'Hình thức đề nghị', 'Chấp hành tốt', 'Tiêu biểu trong phong trào', '__defineGetter__', 'valueOf'];
    const data = ['01/12/2023', '{"polluted":1}', 'x', 'y', 'UBND xã __proto__', 'Xã', 'Giấy khen', 'Có', 'Có', 'z', 'w'];
    const sample: SheetSample = { name: '__proto__', merges: [], rows: [header.map((v) => ({ value: v })), data.map((v) => ({ value: v }))] };
    // Maps as a parser might build them, with "__proto__" as an own key.
    const maps: Record<string, string>[] = [
      { [SUBMITTED]: '__proto__' },
      JSON.parse('{"__proto__": "B", "constructor": "C", "Ngày trình": "constructor"}'),
      Object.assign(Object.create(null), { ['__proto__']: 'toString' }),
    ];
    for (const manual of [undefined, ...maps]) {
      const match = detectHeader(sample, THACH_HA.registry, manual);
      expect(match).not.toBeNull();
      // Only standard headers, or what the caller named (the command line refuses other names first).
      const allowed = new Set([...THACH_HA.registry.keys(), ...Object.keys(manual ?? {})]);
      expect(Object.keys(match!.columns).filter((h) => !allowed.has(h))).toEqual([]);
      const chosen = chooseSheet([sample], THACH_HA.registry, { manual, sheet: '__proto__' });
      expect('index' in chosen).toBe(true);
      const rows = [...checkRowsInSet(THACH_HA, match!, [{ row: 2, cells: sample.rows[1] }], { year: 2023 })];
      expect(rows.map((r) => reportRow(r.row, r.decision).status)).toEqual(['eligible']);
    }
    const d = evaluate(THACH_HA, new Map(header.map((h, i) => [h, { value: data[i] }])), { year: 2023 });
    expect(d.status).toBeDefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect({}.constructor).toBe(Object);
  });

  test("in process: a plan's own columns named constructor, toString, __proto__ are read", () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/plans/thach-ha-2022.json'), 'utf8'));
      plan.columns = [{ header: name, type: 'yesno' }];
      plan.subjects.xa.criteria.any[1].column = name;
      const loaded = loadPlan(plan, `${name}.json`);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      const sample: SheetSample = {
        name: 'Danh sách',
        merges: [],
        rows: [
          [NAME, 'Đối tượng', 'Hình thức đề nghị', 'Chấp hành tốt', name].map((v) => ({ value: v })),
          ['UBND xã A', 'Xã', 'Giấy khen', 'Có', 'Có'].map((v) => ({ value: v })),
        ],
      };
      const match = detectHeader(sample, loaded.plan.registry);
      expect({ name, col: match?.columns[name] }).toEqual({ name, col: 5 });
      const d = evaluate(loaded.plan, rowInput(sample.rows[1], match!), { year: 2023 });
      expect({ name, status: d.status, missing: d.missing }).toEqual({ name, status: 'eligible', missing: ['Ngày trình'] });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('in process: a plan file with "__proto__" keys is refused and pollutes nothing', () => {
    const text = fs.readFileSync(path.join(ROOT, 'src/plans/thach-ha-2022.json'), 'utf8');
    const hostile = JSON.parse(text.replace('{', '{"__proto__": {"polluted": "yes"}, ').replace('"subjects": {', '"subjects": {"__proto__": {"polluted": "yes"}, '));
    const loaded = loadPlan(hostile, 'hostile.json');
    expect(loaded.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});

// ------------------------------------------------------------------------------------------------
// Impossible dates

describe('impossible dates in Ngày trình', () => {
  const IMPOSSIBLE = ['31/02/2023', 'ngày 99 tháng 13 năm 2023', '29/02/2023'];
  let s: { run: Run; report: FileReport; built: BuiltList; copy: Buffer };

  setup(async () => {
    const { dir, tmp } = scenario('dates');
    // TH-01: eligible, on time with a real date; the plan sets a deadline for it.
    const rows = IMPOSSIBLE.map((d, i) => ({ ...byId('TH-01').cells, [NAME]: `UBND xã ${i + 1}`, [SUBMITTED]: d }));
    const built = await writeList(path.join(dir, 'ds.xlsx'), { rows, title: true });
    const r = await run(['check', 'ds.xlsx', ...PLAN, '--out', 'out.xlsx', '--json', 'r.json'], dir, tmp);
    s = { run: r, report: readJson<FileReport>(path.join(dir, 'r.json')), built, copy: fs.readFileSync(path.join(dir, 'out.xlsx')) };
  });

  test('each row: deadline "missing", "Ngày trình" missing, the reason says the value could not be read', () => {
    expect(s.run.stderr).toBe('');
    expect(s.report.rows).toHaveLength(IMPOSSIBLE.length);
    s.report.rows.forEach((r, i) => {
      expect(r.deadline.status).toBe('missing');
      expect(r.missing).toContain('Ngày trình');
      const reason = r.reasons.find((x) => x.criterion === 'deadline');
      expect(reason).toMatchObject({ result: 'missing', text: expect.stringContaining(`không đọc được ngày trình “${IMPOSSIBLE[i]}”`) });
    });
  });

  test('the checked copy says "Thiếu ngày trình" and keeps the cell as written', async () => {
    const wb = await loadBuffer(s.copy);
    const ws = wb.getWorksheet('Danh sách') as ExcelJS.Worksheet;
    const cols = resultColumns(ws, s.built);
    s.built.rowOf.forEach((r, i) => {
      expect(textOf(ws.getCell(r, cols[3]))).toBe('Thiếu ngày trình');
      expect(textOf(ws.getCell(r, s.built.columnOf[SUBMITTED]))).toBe(IMPOSSIBLE[i]);
    });
  });

  test.each([
    ['31/02/2023'],
    ['30/02/2024'],
    ['29/02/2023'],
    ['29.02.2023'],
    ['2023-02-29'],
    ['31/04/2023'],
    ['00/01/2023'],
    ['32/01/2023'],
    ['15/13/2023'],
    ['ngày 99 tháng 13 năm 2023'],
    ['ngày 31 tháng 4 năm 2023'],
    ['ngày 0 tháng 0 năm 2023'],
  ])('%s is unreadable (kept as written, with what was expected)', (text) => {
    expect(parseDate({ value: text })).toEqual({ kind: 'unreadable', raw: text, expected: 'ngày dd/mm/yyyy' });
  });

  test('the checked copy\'s "Lý do" says the date could not be read', async () => {
    const wb = await loadBuffer(s.copy);
    const ws = wb.getWorksheet('Danh sách') as ExcelJS.Worksheet;
    const cols = resultColumns(ws, s.built);
    expect(cols).toHaveLength(5);
    s.built.rowOf.forEach((r, i) => expect(fullReason(wb, r)).toContain(`“${IMPOSSIBLE[i]}”`));
  });

  test('a real 29 February (2024) is read', () => {
    expect(parseDate({ value: '29/02/2024' })).toEqual({ kind: 'value', value: '2024-02-29' });
  });
});
