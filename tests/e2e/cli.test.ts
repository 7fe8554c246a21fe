/**
 * End to end: the real `bin/ntm-awards` (built into build/) run in a temporary folder on .xlsx
 * files generated in the layouts offices send, compared as { exitCode, stdout, stderr } and by
 * reading back what it wrote (the --json report of spec §6, the --out copy, templates).
 *
 * Every command line is started from one top-level beforeAll so that the processes run side by
 * side (each pays node + exceljs start-up); the tests then only read the results.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { STANDARD_COLUMNS } from '../../src/core/columns';
import { loadCases, parseDeadline, PLAN_IDS, runArgs, type CaseRow } from '../helpers/cases';
import { assertBuilt, readJson, runCli, sha256, tempDir, type RunResult } from '../helpers/cli';
import {
  addInstructionsSheet,
  addList,
  columnsFor,
  excelDate,
  dmyParts,
  NAME,
  PROPOSED,
  readWorkbook,
  stripDiacritics,
  SUBJECT,
  SUBMITTED,
  UNIT,
  writeList,
  writeWorkbook,
  type BuiltList,
  type CellValue,
  type ListOptions,
  type RowCells,
} from '../helpers/workbook';

jest.setTimeout(180_000);

// ------------------------------------------------------------------------------------------------
// Running everything up front

const WORK = tempDir('ntm-awards-e2e-');
const jobs: (() => Promise<void>)[] = [];

/** Registers work for the top-level beforeAll; the returned getter gives its result in tests. */
function later<T>(fn: () => Promise<T>): () => T {
  let state: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  jobs.push(async () => {
    try {
      state = { ok: true, value: await fn() };
    } catch (error) {
      state = { ok: false, error };
    }
  });
  return () => {
    if (!state) throw new Error('not run: the top-level beforeAll failed');
    if (!state.ok) throw state.error;
    return state.value;
  };
}

/** A fresh folder per scenario, so that files never collide between parallel runs. */
function scenarioDir(name: string): string {
  const dir = path.join(WORK, name.replace(/[^a-z0-9-]+/gi, '-'));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// Generous: on a shared machine a hundred node start-ups can take minutes.
beforeAll(async () => {
  assertBuilt();
  await Promise.all(jobs.map((j) => j()));
}, 600_000);

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

// ------------------------------------------------------------------------------------------------
// The report of spec §6

interface Reason {
  criterion: string;
  result: string;
  text: string;
  citation: string;
}
interface ReportRow {
  row: number;
  name: string | null;
  subject: string | null;
  proposed: string | null;
  status: string;
  awardTier: string | null;
  missing: string[];
  deadline: { status: string; before: string | null; daysLate: number };
  reasons: Reason[];
  plan?: string;
}
interface Summary {
  rows: number;
  eligible: number;
  ineligible: number;
  incomplete: number;
  notCovered: number;
  late: number;
}
interface FileReport {
  plan: string;
  plans?: { id: string; fingerprint: string }[];
  file: string;
  sheet: string;
  headerRow: number;
  rows: ReportRow[];
  summary: Summary;
}
interface FolderReport {
  files: FileReport[];
  [extra: string]: unknown;
}

const STATUSES = ['eligible', 'ineligible', 'incomplete', 'not-covered'];
const TIERS = ['giay-khen-xa', 'giay-khen', 'bang-khen-tinh', 'bang-khen-ttg', 'huan-chuong-lao-dong'];
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const sorted = (o: object) => Object.keys(o).sort();

/**
 * The exact shape of spec §6; `unreadable` per row is the engine's documented extension, and
 * `schemaVersion`/`productVersion` (issue 19: what made the report, and its schema's version) lead it.
 */
function expectSpecShape(rep: FileReport, plan: string): void {
  const made = ['productVersion', 'schemaVersion'];
  expect(sorted(rep).filter((k) => !made.includes(k))).toEqual(['file', 'headerRow', 'plan', 'plans', 'rows', 'sheet', 'summary']);
  // A file's own report carries both; a folder's files[] entries carry neither (the folder's report does).
  expect(made.filter((k) => k in rep)).toEqual('schemaVersion' in rep ? made : []);
  expect(rep.plan).toBe(plan);
  // Issue 18: every plan used, named exactly; each row names the plan that judged it.
  expect(rep.plans?.map((p) => p.id)).toEqual([plan]);
  expect(rep.plans?.[0].fingerprint).toMatch(/^[0-9a-f]{12}$/);
  expect(typeof rep.file).toBe('string');
  expect(typeof rep.sheet).toBe('string');
  expect(Number.isInteger(rep.headerRow)).toBe(true);
  for (const r of rep.rows) {
    expect(sorted(r).filter((k) => k !== 'unreadable')).toEqual(['awardTier', 'deadline', 'missing', 'name', 'plan', 'proposed', 'reasons', 'row', 'status', 'subject']);
    expect(r.plan).toBe(plan);
    expect(Number.isInteger(r.row) && r.row > rep.headerRow).toBe(true);
    expect(STATUSES).toContain(r.status);
    if (r.awardTier !== null) expect(TIERS).toContain(r.awardTier);
    if (r.proposed !== null) expect(TIERS).toContain(r.proposed);
    expect(Array.isArray(r.missing) && r.missing.every((m) => typeof m === 'string')).toBe(true);
    expect(sorted(r.deadline)).toEqual(['before', 'daysLate', 'status']);
    expect(['on-time', 'late', 'none', 'missing']).toContain(r.deadline.status);
    if (r.deadline.before !== null) expect(r.deadline.before).toMatch(ISO);
    expect(Number.isInteger(r.deadline.daysLate) && r.deadline.daysLate >= 0).toBe(true);
    expect(r.reasons.length).toBeGreaterThan(0);
    for (const s of r.reasons) {
      expect(sorted(s)).toEqual(['citation', 'criterion', 'result', 'text']);
      expect(['pass', 'fail', 'missing', 'n/a']).toContain(s.result);
    }
  }
  expect(sorted(rep.summary)).toEqual(['eligible', 'incomplete', 'ineligible', 'late', 'notCovered', 'rows']);
  expect(rep.summary).toEqual(summaryOf(rep.rows));
}

function summaryOf(rows: readonly { status: string; deadline: { status: string } }[]): Summary {
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    rows: rows.length,
    eligible: count('eligible'),
    ineligible: count('ineligible'),
    incomplete: count('incomplete'),
    notCovered: count('not-covered'),
    late: rows.filter((r) => r.deadline.status === 'late').length,
  };
}

function expectedSummary(cases: readonly CaseRow[]): Summary {
  return summaryOf(cases.map((c) => ({ status: c.expect.status, deadline: parseDeadline(c.expect.deadline) })));
}

function expectedExit(cases: readonly CaseRow[]): number {
  const s = expectedSummary(cases);
  return s.ineligible || s.incomplete || s.late ? 1 : 0;
}

/** The stdout line of a checked file. */
function summaryLine(file: string, sheet: string, s: Summary): string {
  return `${file} [${sheet}]: ${s.rows} dòng — ${s.eligible} đủ điều kiện, ${s.ineligible} không đủ, ${s.incomplete} thiếu thông tin, ${s.notCovered} ngoài phạm vi, ${s.late} trễ hạn`;
}

/** Status, tier, missing and deadline of a reported row against a case's expectation. */
function expectCase(row: ReportRow | undefined, c: CaseRow): void {
  expect(row).toBeDefined();
  const r = row as ReportRow;
  const dl = parseDeadline(c.expect.deadline);
  expect({
    status: r.status,
    awardTier: r.awardTier,
    missing: [...r.missing].sort(),
    deadline: dl.daysLate === undefined ? r.deadline.status : `${r.deadline.status}:${r.deadline.daysLate}`,
  }).toEqual({
    status: c.expect.status,
    awardTier: c.expect.awardTier,
    missing: [...c.expect.missing].sort(),
    deadline: c.expect.deadline,
  });
}

/** stderr of a refusal: one line, no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^ntm-awards[^\n]*\n$/);
  expect(stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)|node:internal|Error:/);
}

// ------------------------------------------------------------------------------------------------
// The checked copy

const RESULT_HEADERS = ['Kết quả', 'Hình thức cao nhất đủ điều kiện', 'Thiếu thông tin', 'Hạn nộp', 'Lý do'];
const SUMMARY_TITLES = ['Số lượng theo kết quả', 'Hình thức đề nghị × kết quả', 'Theo loại đối tượng', 'Theo đơn vị', 'Hồ sơ trễ hạn', 'Cần xem lại'];

function hasFill(cell: ExcelJS.Cell): boolean {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return !!f && f.type === 'pattern' && f.pattern === 'solid' && !!f.fgColor?.argb;
}

/** Every cell value of every sheet of `before` is in `after`, unchanged. */
function expectUserCellsUnchanged(before: ExcelJS.Workbook, after: ExcelJS.Workbook): void {
  for (const ws of before.worksheets) {
    const out = after.getWorksheet(ws.name);
    expect(out).toBeDefined();
    const diffs: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const a = cell.value;
        const b = (out as ExcelJS.Worksheet).getCell(r, c).value;
        if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${ws.name}!${cell.address}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
      }),
    );
    expect(diffs).toEqual([]);
  }
}

/** Text of a result cell as a string ('' when empty). */
function text(cell: ExcelJS.Cell): string {
  const v = cell.value;
  return v === null || v === undefined ? '' : String(v);
}

/**
 * The --out copy: the input's cells untouched, the five result headers beside the table, result
 * cells per reported row, fills on missing cells and late rows, and the "Tổng hợp" sheet.
 */
async function expectCheckedCopy(inputFile: string, outFile: string, built: BuiltList, rep: FileReport): Promise<void> {
  const before = await readWorkbook(inputFile);
  const after = await readWorkbook(outFile);
  expectUserCellsUnchanged(before, after);
  expect(after.worksheets.map((w) => w.name)).toEqual([...before.worksheets.map((w) => w.name), 'Tổng hợp', 'Giải thích']);

  const ws = after.getWorksheet(built.sheetName) as ExcelJS.Worksheet;
  // The result headers: on the header's (top) row, right of the last column of the table.
  let first = 0;
  for (let r = Math.max(1, built.headerRow - 1); r <= built.headerRow && !first; r++) {
    ws.getRow(r).eachCell((cell, c) => {
      if (cell.value === RESULT_HEADERS[0] && !first) first = c;
    });
    if (first) expect(RESULT_HEADERS.map((_, i) => text(ws.getCell(r, first + i)))).toEqual(RESULT_HEADERS);
  }
  expect(first).toBeGreaterThan(built.width);

  for (const r of rep.rows) {
    expect(text(ws.getCell(r.row, first))).not.toBe('');
    expect(hasFill(ws.getCell(r.row, first))).toBe(true);
    expect(text(ws.getCell(r.row, first + 2))).toBe(r.missing.join('; '));
    const deadline = text(ws.getCell(r.row, first + 3));
    const expected = { 'on-time': /^Đúng hạn$/, late: new RegExp(`^Trễ ${r.deadline.daysLate} ngày \\(hạn trước \\d\\d/\\d\\d/\\d{4}\\)$`), missing: /^Thiếu ngày trình$/, none: /^$/ }[r.deadline.status];
    expect(deadline).toMatch(expected as RegExp);
    expect(text(ws.getCell(r.row, first + 4))).not.toBe('');
    // Missing cells that the sheet has are highlighted; late rows are highlighted.
    for (const m of r.missing) {
      const col = built.columnOf[m];
      if (col !== undefined) expect({ row: r.row, column: m, filled: hasFill(ws.getCell(r.row, col)) }).toEqual({ row: r.row, column: m, filled: true });
    }
    const nameCell = ws.getCell(r.row, built.columnOf[NAME]);
    expect({ row: r.row, late: r.deadline.status === 'late', nameFilled: hasFill(nameCell) }).toEqual({
      row: r.row,
      late: r.deadline.status === 'late',
      nameFilled: r.deadline.status === 'late' || (r.missing.includes(NAME) && built.columnOf[NAME] !== undefined),
    });
    if (r.deadline.status === 'late') expect(hasFill(ws.getCell(r.row, first + 3))).toBe(true);
  }

  const sum = after.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
  const titles = new Map<string, number>();
  sum.eachRow((row, r) => {
    const v = row.getCell(1).value;
    if (typeof v === 'string' && SUMMARY_TITLES.includes(v)) titles.set(v, r);
  });
  expect([...titles.keys()].sort()).toEqual([...SUMMARY_TITLES].sort());
  // Counts by status, then the total, under the first table's header row.
  const t = titles.get('Số lượng theo kết quả') as number;
  const counts = [0, 1, 2, 3, 4].map((i) => sum.getCell(t + 2 + i, 2).value);
  const s = rep.summary;
  expect(counts).toEqual([s.eligible, s.ineligible, s.incomplete, s.notCovered, s.rows]);
  const late = titles.get('Hồ sơ trễ hạn') as number;
  const lateRows: unknown[] = [];
  for (let r = late + 2; typeof sum.getCell(r, 1).value === 'number'; r++) lateRows.push(sum.getCell(r, 1).value);
  expect(lateRows).toEqual(rep.rows.filter((r) => r.deadline.status === 'late').map((r) => r.row));
  const attention = titles.get('Cần xem lại') as number;
  const attentionRows: unknown[] = [];
  for (let r = attention + 2; typeof sum.getCell(r, 1).value === 'number'; r++) attentionRows.push(sum.getCell(r, 1).value);
  expect(attentionRows).toEqual(rep.rows.filter((r) => r.status !== 'eligible' || r.deadline.status === 'late' || r.deadline.status === 'missing').map((r) => r.row));
  // Data bars (conditional formatting) on the count column of the status table: every status
  // with a count above zero, and neither a zero (Excel would still draw a stub) nor the total row.
  const bars = (sum as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
  const barred = [0, 1, 2, 3].filter((i) => (counts[i] as number) > 0).map((i) => `B${t + 2 + i}`);
  const statusBars = bars.filter((cf) => cf.rules.some((rule) => rule.type === 'dataBar') && cf.ref.split(' ').some((ref) => /^B\d+$/.test(ref) && Number(ref.slice(1)) >= t + 2 && Number(ref.slice(1)) <= t + 6));
  expect(statusBars.map((cf) => cf.ref.split(' '))).toEqual([barred]);
}

// ------------------------------------------------------------------------------------------------
// 1. Every plan's visible cases, in the layouts offices send

interface Layout {
  name: string;
  opts: Omit<ListOptions, 'rows'>;
}

const LAYOUTS: Layout[] = [
  { name: 'plain: header in row 1, dates as dd/mm/yyyy text', opts: {} },
  {
    name: 'title block, two-row merged header, column numbers, sections, totals, signature, Excel dates',
    opts: { title: true, header: 'two-row', columnNumbers: true, sections: 'merged', totals: true, signature: true, dates: 'excel' },
  },
  { name: 'headers without diacritics under a title block, dates as "ngày … tháng … năm …"', opts: { title: true, headerCase: 'no-diacritics', dates: 'long' } },
  {
    name: 'list on a second sheet after "Hướng dẫn", sections in STT and name, signature, ISO dates',
    opts: { instructionsSheet: true, sections: 'split', signature: true, dates: 'iso' },
  },
  {
    name: 'upper-case header variants (HỌ VÀ TÊN, LOẠI ĐỐI TƯỢNG, HÌNH THỨC KHEN THƯỞNG, NGÀY NỘP HỒ SƠ), "x" for yes, no STT, totals, Excel dates',
    opts: {
      headerCase: 'upper',
      headerText: { [NAME]: 'Họ và tên', [SUBJECT]: 'Loại đối tượng', [PROPOSED]: 'Hình thức khen thưởng', [SUBMITTED]: 'Ngày nộp hồ sơ', [UNIT]: 'Đơn vị công tác' },
      yes: 'x',
      stt: false,
      totals: true,
      dates: 'excel',
    },
  },
];

interface LayoutRun {
  built: BuiltList;
  input: string;
  output: string;
  report: FileReport | undefined;
  hashBefore: string;
  hashAfter: string;
}

/**
 * Per plan, the first layout is checked as a single workbook and the others as a folder (one per
 * commune, as offices collect them): the same check per file, at a third of the start-up cost.
 */
describe.each(PLAN_IDS.map((p) => [p]))('%s visible cases', (plan) => {
  const cases = loadCases(plan);
  const result = later(async () => {
    const dir = scenarioDir(`matrix-${plan}`);
    fs.mkdirSync(path.join(dir, 'cac-mau'));
    const inputs = LAYOUTS.map((_, i) => (i === 0 ? 'danh-sach.xlsx' : `cac-mau/mau-${i}.xlsx`));
    const outputs = LAYOUTS.map((_, i) => (i === 0 ? 'da-kiem-tra.xlsx' : `da-kiem-tra/mau-${i}.checked.xlsx`));
    const built = await Promise.all(LAYOUTS.map((l, i) => writeList(path.join(dir, inputs[i]), { rows: cases.rows.map((c) => c.cells), ...l.opts })));
    const hashes = () => inputs.map((f) => sha256(path.join(dir, f)));
    const hashBefore = hashes();
    const [single, folder] = await Promise.all([
      runCli(['check', inputs[0], '--plan', plan, ...runArgs(cases), '--json', 'bao-cao.json', '--out', outputs[0]], dir),
      runCli(['check', 'cac-mau', '--plan', plan, ...runArgs(cases), '--json', 'bao-cao-thu-muc.json', '--out', 'da-kiem-tra'], dir),
    ]);
    const reports = [readJson<FileReport>(path.join(dir, 'bao-cao.json')), ...readJson<FolderReport>(path.join(dir, 'bao-cao-thu-muc.json')).files];
    const hashAfter = hashes();
    const layouts: LayoutRun[] = LAYOUTS.map((_, i) => ({
      built: built[i],
      input: path.join(dir, inputs[i]),
      output: path.join(dir, outputs[i]),
      report: reports.find((r) => r.file === inputs[i]),
      hashBefore: hashBefore[i],
      hashAfter: hashAfter[i],
    }));
    return { single, folder, inputs, layouts };
  });

  test('a single workbook: exit code, one summary line on stdout, nothing on stderr', () => {
    const { single, inputs } = result();
    expect(single).toEqual({ exitCode: expectedExit(cases.rows), stdout: summaryLine(inputs[0], 'Danh sách', expectedSummary(cases.rows)) + '\n', stderr: '' });
  });

  test('a folder of the other layouts: exit code, one summary line per workbook, nothing on stderr', () => {
    const { folder, inputs, layouts } = result();
    const lines = inputs.slice(1).map((f, i) => summaryLine(f, layouts[i + 1].built.sheetName, expectedSummary(cases.rows)));
    expect(folder).toEqual({ exitCode: expectedExit(cases.rows), stdout: lines.join('\n') + '\n', stderr: '' });
  });

  describe.each(LAYOUTS.map((l, i) => [l.name, i] as const))('%s', (_name, i) => {
    const layout = () => result().layouts[i];
    const report = () => {
      const r = layout().report;
      if (!r) throw new Error(`no report for ${LAYOUTS[i].name}`);
      return r;
    };

    test('the report has the shape of spec §6 and names the sheet and header row', () => {
      const { built } = layout();
      expectSpecShape(report(), plan);
      expect({ sheet: report().sheet, headerRow: report().headerRow }).toEqual({ sheet: built.sheetName, headerRow: built.headerRow });
    });

    test('reports exactly the nominees: no row for titles, column numbers, sections, totals or signatures', () => {
      expect(report().rows.map((r) => r.row)).toEqual([...layout().built.rowOf].sort((a, b) => a - b));
    });

    test.each(cases.rows.map((c, k) => [`${c.id}: ${c.why}`, c, k] as const))('%s', (_label, c, k) => {
      expectCase(
        report().rows.find((r) => r.row === layout().built.rowOf[k]),
        c,
      );
    });

    test('the input file is byte for byte unchanged', () => {
      expect(layout().hashAfter).toBe(layout().hashBefore);
    });

    test('the checked copy keeps every user cell and adds results, fills and the summary sheet', async () => {
      const { input, output, built } = layout();
      await expectCheckedCopy(input, output, built, report());
    });
  });
});

// ------------------------------------------------------------------------------------------------
// 2. Text that looks like a formula stays text

describe('user text that starts with =, +, - or @', () => {
  const th = loadCases('thach-ha-2022');
  const byId = (id: string) => th.rows.find((c) => c.id === id) as CaseRow;
  const NAMES = ['=HYPERLINK("http://example.vn","UBND xã Thạch Đài")', '+84 Hộ ông Nguyễn Văn Hùng', '-Phòng Nông nghiệp', '@Lê Văn Bình'];
  const rows: RowCells[] = [
    { ...byId('TH-01').cells, [NAME]: NAMES[0] },
    { ...byId('TH-05').cells, [NAME]: NAMES[1], [UNIT]: '=1+2' },
    { ...byId('TH-10').cells, [NAME]: NAMES[2] },
    { ...byId('TH-12').cells, [NAME]: NAMES[3], [UNIT]: '@xa Thạch Văn' },
  ];
  const result = later(async () => {
    const dir = scenarioDir('formula-text');
    const built = await writeList(path.join(dir, 'ds.xlsx'), { rows, title: true });
    const run = await runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023', '--json', 'r.json', '--out', 'out.xlsx'], dir);
    return { dir, built, run, report: readJson<FileReport>(path.join(dir, 'r.json')), out: await readWorkbook(path.join(dir, 'out.xlsx')) };
  });

  test('the report gives the names as written', () => {
    expect(result().report.rows.map((r) => r.name)).toEqual(NAMES);
  });

  test('in the checked copy, names and units are text cells, not formulas', () => {
    const { out, built } = result();
    const ws = out.getWorksheet(built.sheetName) as ExcelJS.Worksheet;
    const cells = built.rowOf.flatMap((r) => [ws.getCell(r, built.columnOf[NAME]), ws.getCell(r, built.columnOf[UNIT])]).filter((c) => c.value !== null);
    expect(cells.map((c) => ({ type: c.type, formula: c.formula, value: c.value }))).toEqual(
      cells.map((c) => ({ type: ExcelJS.ValueType.String, formula: undefined, value: String(c.value) })),
    );
  });

  test('in the summary sheet, names and units are text cells, not formulas', () => {
    const ws = result().out.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    const risky: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => (typeof c.value === 'string' && /^[=+\-@]/.test(c.value) ? risky.push(c) : undefined)));
    // The late household, the ineligible farmer and both units appear there.
    expect(risky.map((c) => c.value)).toEqual(expect.arrayContaining([NAMES[1], NAMES[3], '=1+2', '@xa Thạch Văn']));
    ws.eachRow((row) => row.eachCell((c) => expect({ at: c.address, formula: c.formula, type: c.type === ExcelJS.ValueType.Formula }).toEqual({ at: c.address, formula: undefined, type: false })));
  });
});

// ------------------------------------------------------------------------------------------------
// 2b. The terminal lists the rows that need a look, like a linter

describe('the terminal: one line per row that needs attention', () => {
  const th = loadCases('thach-ha-2022');
  const LABEL: Record<string, string> = {
    eligible: 'Đủ điều kiện',
    ineligible: 'Không đủ điều kiện',
    incomplete: 'Thiếu thông tin',
    'not-covered': 'Ngoài phạm vi kế hoạch',
  };
  // A name typed over two lines with a tab, and one longer than the name column.
  const LONG = 'Hợp tác xã Dịch vụ nông nghiệp tổng hợp và chăn nuôi xã Thạch Sơn';
  const rows: RowCells[] = th.rows.map((c) =>
    c.id === 'TH-03' ? { ...c.cells, [NAME]: 'UBND xã\nThạch\tKênh' } : c.id === 'TH-06' ? { ...c.cells, [NAME]: LONG } : c.cells,
  );
  const half = Math.ceil(rows.length / 2);
  const result = later(async () => {
    const dir = scenarioDir('terminal');
    const built = await writeList(path.join(dir, 'ds.xlsx'), { rows, title: true, signature: true });
    fs.mkdirSync(path.join(dir, 'cac-xa'));
    await writeList(path.join(dir, 'cac-xa', 'a.xlsx'), { rows: rows.slice(0, half) });
    await writeList(path.join(dir, 'cac-xa', 'b.xlsx'), { rows: rows.slice(half), sheetName: 'Xã B' });
    const base = ['--plan', 'thach-ha-2022', ...runArgs(th)];
    const [plain, quiet, withJson, folder, folderJson] = await Promise.all([
      runCli(['check', 'ds.xlsx', ...base], dir),
      runCli(['check', 'ds.xlsx', ...base, '--quiet'], dir),
      runCli(['check', 'ds.xlsx', ...base, '--json', 'r.json'], dir),
      runCli(['check', 'cac-xa', ...base], dir),
      runCli(['check', 'cac-xa', ...base, '--json', 'f.json'], dir),
    ]);
    return { built, plain, quiet, withJson, folder, folderJson, report: readJson<FileReport>(path.join(dir, 'r.json')), folderReport: readJson<FolderReport>(path.join(dir, 'f.json')) };
  });

  const needsLook = (r: ReportRow) => r.status !== 'eligible' || r.deadline.status === 'late' || r.deadline.status === 'missing';

  /** What the line of a reported row must say: where, who, the status and what is wrong. */
  function expectLine(line: string, file: string, r: ReportRow): void {
    expect(line.startsWith(`  ${file}:${r.row} `)).toBe(true);
    const name = (r.name ?? '').replace(/\s+/g, ' ').trim();
    if (name.length <= 32) expect(line).toContain(`  ${name}  `);
    else expect(line).toContain(`  ${name.slice(0, 20)}`);
    expect(line).toContain(`  ${LABEL[r.status]}`);
    const notes = line.includes(' — ') ? line.slice(line.indexOf(' — ') + 3).split(' — ') : [];
    const expected: (string | RegExp)[] = [];
    const decisiveResult = r.status === 'ineligible' ? 'fail' : 'n/a';
    const decisive = r.reasons.find((x) => x.result === decisiveResult);
    if ((r.status === 'ineligible' || r.status === 'not-covered') && decisive) expected.push(/^vì: /);
    if (r.missing.length) expected.push(`thiếu: ${r.missing.join('; ')}`);
    if (r.deadline.status === 'late') expected.push(`trễ ${r.deadline.daysLate} ngày`);
    expect(notes).toEqual(expected.map((e) => (typeof e === 'string' ? e : expect.stringMatching(e))));
    const why = notes.find((n) => n.startsWith('vì: '));
    // The decisive reason is one of the report's own failing steps, shortened, never rewritten.
    // A long one is cut in the middle ("…") and keeps its verdict (": không").
    const [head, tail = ''] = (why ?? '').slice(4).split('…');
    if (why) expect(r.reasons.some((x) => x.result === decisiveResult && x.text.startsWith(head) && x.text.includes(tail))).toBe(true);
  }

  test('under the counts line, one line per row that is ineligible, incomplete, late, undated or not covered, in sheet order', () => {
    const { plain, report } = result();
    const lines = plain.stdout.split('\n').slice(0, -1);
    expect(lines[0]).toBe(summaryLine('ds.xlsx', 'Danh sách', report.summary));
    const wanted = report.rows.filter(needsLook);
    expect(wanted.length).toBeGreaterThan(5);
    expect(lines.slice(1).map((l) => Number(/^ {2}ds\.xlsx:(\d+) /.exec(l)?.[1]))).toEqual(wanted.map((r) => r.row));
    wanted.forEach((r, i) => expectLine(lines[i + 1], 'ds.xlsx', r));
    expect({ exitCode: plain.exitCode, stderr: plain.stderr }).toEqual({ exitCode: 1, stderr: '' });
  });

  test('eligible rows on time are not listed', () => {
    const { plain, report } = result();
    for (const r of report.rows.filter((x) => !needsLook(x))) expect(plain.stdout).not.toContain(`ds.xlsx:${r.row} `);
  });

  test('the columns line up: name, status and notes start at the same place on every line', () => {
    const lines = result().plain.stdout.split('\n').slice(1, -1);
    const starts = (l: string) => {
      const rest = l.slice(2);
      const name = rest.indexOf('  ') + 2 + rest.slice(rest.indexOf('  ') + 2).search(/\S/);
      const status = Object.values(LABEL)
        .map((label) => l.indexOf(`  ${label}`, name + 1))
        .filter((i) => i > 0)
        .sort((a, b) => a - b)[0];
      return { name: name + 2, status, notes: l.indexOf(' — ') };
    };
    const all = lines.map(starts);
    expect(new Set(all.map((x) => x.name)).size).toBe(1);
    expect(new Set(all.map((x) => x.status)).size).toBe(1);
    expect(new Set(all.filter((x) => x.notes > 0).map((x) => x.notes)).size).toBe(1);
  });

  test('a name typed over two lines stays on one line; a long name is cut with "…"', () => {
    const { plain, built } = result();
    const lines = plain.stdout.split('\n');
    const k3 = th.rows.findIndex((c) => c.id === 'TH-03');
    const k6 = th.rows.findIndex((c) => c.id === 'TH-06');
    expect(lines.find((l) => l.startsWith(`  ds.xlsx:${built.rowOf[k3]} `))).toContain('  UBND xã Thạch Kênh  ');
    const long = lines.find((l) => l.startsWith(`  ds.xlsx:${built.rowOf[k6]} `)) as string;
    expect(long).toMatch(/ {2}Hợp tác xã Dịch vụ[^…]*… {2}/);
    expect(long).not.toContain(LONG);
  });

  test('--quiet keeps only the counts line, with the same exit code', () => {
    const { quiet, report } = result();
    expect(quiet).toEqual({ exitCode: 1, stdout: summaryLine('ds.xlsx', 'Danh sách', report.summary) + '\n', stderr: '' });
  });

  test('with --json the details go to the report: the terminal keeps the counts', () => {
    const { withJson, report } = result();
    expect(withJson).toEqual({ exitCode: 1, stdout: summaryLine('ds.xlsx', 'Danh sách', report.summary) + '\n', stderr: '' });
  });

  test('a folder with --json: the counts lines only', () => {
    const { folderJson, folderReport } = result();
    const counts = (folderReport.files as FileReport[]).map((f) => summaryLine(f.file, f.sheet, f.summary));
    expect(folderJson).toEqual({ exitCode: 1, stdout: counts.join('\n') + '\n', stderr: '' });
  });

  test('a folder: each file’s counts line, then its own rows', () => {
    const { folder, folderReport } = result();
    const expected: string[] = [];
    const lines = folder.stdout.split('\n').slice(0, -1);
    for (const f of folderReport.files as FileReport[]) {
      expected.push(summaryLine(f.file, f.sheet, f.summary));
      for (const r of f.rows.filter(needsLook)) expected.push(`${f.file}:${r.row}`);
    }
    expect(lines.map((l) => (l.startsWith('  ') ? l.slice(2).split(' ')[0] : l))).toEqual(expected);
    (folderReport.files as FileReport[]).forEach((f) => {
      const own = lines.filter((l) => l.startsWith(`  ${f.file}:`));
      f.rows.filter(needsLook).forEach((r, i) => expectLine(own[i], f.file, r));
    });
    expect({ exitCode: folder.exitCode, stderr: folder.stderr }).toEqual({ exitCode: 1, stderr: '' });
  });
});

// ------------------------------------------------------------------------------------------------
// 3. Exit codes and one-line messages

describe('exit codes', () => {
  const th = loadCases('thach-ha-2022');
  const eligible = th.rows.filter((c) => c.expect.status === 'eligible' && c.expect.deadline === 'on-time');

  const allGood = later(async () => {
    const dir = scenarioDir('exit-0');
    await writeList(path.join(dir, 'tot.xlsx'), { rows: eligible.map((c) => c.cells), title: true, signature: true });
    return runCli(['check', 'tot.xlsx', '--plan', 'thach-ha-2022', '--year', '2023'], dir);
  });

  test('0 when every row is eligible and on time', () => {
    expect(allGood()).toEqual({ exitCode: 0, stdout: summaryLine('tot.xlsx', 'Danh sách', expectedSummary(eligible)) + '\n', stderr: '' });
  });

  // Arguments that cannot be checked: exit 2, nothing on stdout, one line on stderr.
  const REFUSALS: [string, string[], string][] = [
    ['check without a workbook', ['check'], 'ntm-awards check: hãy ghi tên bảng tính hoặc thư mục cần kiểm tra'],
    ['no plan', ['check', 'ds.xlsx'], 'ntm-awards check: hãy chọn kế hoạch bằng --plan <mã> (xem "ntm-awards plans") hoặc --plan-file <tệp.json>'],
    [
      'an unknown plan',
      ['check', 'ds.xlsx', '--plan', 'ha-noi-2030'],
      'ntm-awards: không có kế hoạch "ha-noi-2030"; các kế hoạch có sẵn: thach-ha-2022, hong-linh-2022, dak-nong-2022, quynh-nhai-2022, nguyen-binh-2022 (hoặc dùng --plan-file)',
    ],
    ['a missing file', ['check', 'khong-co.xlsx', '--plan', 'thach-ha-2022'], 'ntm-awards: khong-co.xlsx: không có tệp hoặc thư mục này; kiểm tra lại đường dẫn'],
    ['an unknown round', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--round', 'yearly'], 'ntm-awards check: không có đợt --round "yearly"; dùng annual, so-ket hoặc tong-ket'],
    ['a two-digit year', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '23'], 'ntm-awards check: --year "23" không phải một năm (YYYY)'],
    ['an impossible deadline', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--deadline', '2023-02-30'], 'ntm-awards check: --deadline "2023-02-30" không phải một ngày (YYYY-MM-DD)'],
    ['an unknown option', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--bogus'], 'ntm-awards check: không có tùy chọn --bogus (xem ntm-awards --help)'],
    ['an unknown command', ['kiem-tra', 'ds.xlsx'], 'ntm-awards: không có lệnh "kiem-tra"; dùng check, export, plan, plans hoặc template (xem ntm-awards --help)'],
    [
      'a sheet without a header row',
      ['check', 'bang-khac.xlsx', '--plan', 'thach-ha-2022'],
      'ntm-awards: bang-khac.xlsx: không thấy dòng tiêu đề trong trang tính "Số liệu" (cần "Tên tập thể, cá nhân" cùng "Đối tượng" hoặc "Hình thức đề nghị"); dùng --sheet hoặc --map',
    ],
    ['random bytes named .xlsx', ['check', 'hong.xlsx', '--plan', 'thach-ha-2022'], 'ntm-awards: hong.xlsx: không phải bảng tính .xlsx (tệp CSV hay tệp khác bị đổi tên?); mở bằng Excel và lưu lại dạng .xlsx'],
    ['an empty file', ['check', 'rong.xlsx', '--plan', 'thach-ha-2022'], 'ntm-awards: rong.xlsx: tệp rỗng (0 byte); hãy gửi lại bảng tính'],
    ['a zip that is not a workbook', ['check', 'nen.xlsx', '--plan', 'thach-ha-2022'], 'ntm-awards: nen.xlsx: bảng tính bị hỏng hoặc không đầy đủ'],
    ['--out that is not .xlsx', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--out', 'ket-qua.csv'], 'ntm-awards: --out ket-qua.csv: bản đã kiểm tra phải là tệp .xlsx'],
    ['--out naming the input', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--out', './ds.xlsx'], 'ntm-awards: --out ./ds.xlsx: sẽ ghi đè lên tệp đầu vào; hãy đặt tên khác'],
    ['--json naming the input', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--json', 'ds.xlsx'], 'ntm-awards: --json ds.xlsx: sẽ ghi đè lên tệp đầu vào; hãy đặt tên khác'],
    ['--json naming the --out copy', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--out', 'k.xlsx', '--json', 'k.xlsx'], 'ntm-awards: --json k.xlsx: trùng với tệp --out; hãy đặt tên khác'],
    ['a --map without "="', ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--map', 'Ngày trình'], 'ntm-awards check: --map "Ngày trình" phải có dạng "Tiêu đề chuẩn=cột"'],
    ['template without --out', ['template', '--plan', 'thach-ha-2022'], 'ntm-awards template: hãy ghi tệp cần tạo bằng --out <tệp.xlsx>'],
    [
      'template for an unknown subject',
      ['template', '--plan', 'thach-ha-2022', '--subject', 'tinh', '--out', 't.xlsx'],
      'ntm-awards template: không có loại đối tượng --subject "tinh"; dùng một trong co-quan, huyen, xa, thon, doanh-nghiep, hop-tac-xa, ngan-hang, ho-gia-dinh, can-bo, nguoi-lao-dong, khac',
    ],
  ];
  const refusals = later(async () => {
    const dir = scenarioDir('refusals');
    await writeList(path.join(dir, 'ds.xlsx'), { rows: eligible.map((c) => c.cells) });
    const other = new ExcelJS.Workbook();
    const ws = other.addWorksheet('Số liệu');
    ws.addRows([
      ['Mã', 'Chỉ tiêu', 'Giá trị'],
      ['01', 'Số xã đạt chuẩn NTM', 12],
    ]);
    await writeWorkbook(path.join(dir, 'bang-khac.xlsx'), other);
    fs.writeFileSync(path.join(dir, 'hong.xlsx'), Buffer.from('Tên tập thể, cá nhân;Đối tượng\nUBND xã A;Xã\n'));
    fs.writeFileSync(path.join(dir, 'rong.xlsx'), '');
    // A zip header and nothing a workbook needs.
    fs.writeFileSync(path.join(dir, 'nen.xlsx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    const before = fs.readdirSync(dir).sort();
    const runs = await Promise.all(REFUSALS.map(([, args]) => runCli(args, dir)));
    return { runs, before, after: fs.readdirSync(dir).sort() };
  });

  test.each(REFUSALS.map(([label, , message], i) => [label, message, i] as const))('2 for %s, with one line on stderr', (_label, message, i) => {
    const run = refusals().runs[i];
    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 2, stdout: '' });
    expectOneLine(run.stderr);
    expect(run.stderr.startsWith(message)).toBe(true);
  });

  test('nothing is written when the command is refused', () => {
    expect(refusals().after).toEqual(refusals().before);
  });

  const misc = later(async () => {
    const dir = scenarioDir('misc');
    const [plans, help, version, none] = await Promise.all([runCli(['plans'], dir), runCli(['--help'], dir), runCli(['--version'], dir), runCli([], dir)]);
    return { plans, help, version, none };
  });

  test('plans lists the five shipped plans, one a line', () => {
    const { plans } = misc();
    expect({ exitCode: plans.exitCode, stderr: plans.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(plans.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[0])).toEqual([...PLAN_IDS]);
  });

  test('--help and no arguments print the usage; --version the version', () => {
    const { help, none, version } = misc();
    expect(help).toEqual(none);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^ntm-awards — kiểm tra danh sách [^\n]*\n\(checks [^\n]*\)\n\nCách dùng:\n {2}ntm-awards check /);
    expect(help.stdout).toContain('[--quiet]');
    expect(version).toEqual({ exitCode: 0, stdout: `${readJson<{ version: string }>(path.resolve(__dirname, '../../package.json')).version}\n`, stderr: '' });
  });
});

// ------------------------------------------------------------------------------------------------
// 4. --out never overwrites without --force

describe('--out refuses to overwrite', () => {
  const th = loadCases('thach-ha-2022');
  const result = later(async () => {
    const dir = scenarioDir('overwrite');
    await writeList(path.join(dir, 'ds.xlsx'), { rows: th.rows.map((c) => c.cells) });
    fs.writeFileSync(path.join(dir, 'out.xlsx'), 'an earlier copy');
    const refused = await runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023', '--out', 'out.xlsx', '--json', 'r.json'], dir);
    const afterRefusal = { out: fs.readFileSync(path.join(dir, 'out.xlsx'), 'utf8'), json: fs.existsSync(path.join(dir, 'r.json')), files: fs.readdirSync(dir).sort() };
    const forced = await runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023', '--out', 'out.xlsx', '--force'], dir);
    const rewritten = await readWorkbook(path.join(dir, 'out.xlsx'));
    return { refused, afterRefusal, forced, rewritten };
  });

  test('exit 2, one line, and nothing written (neither the copy nor the report)', () => {
    const { refused, afterRefusal } = result();
    expect({ exitCode: refused.exitCode, stdout: refused.stdout, stderr: refused.stderr }).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'ntm-awards: --out out.xlsx: tệp đã có; thêm --force để ghi đè — the file exists; add --force\n',
    });
    expect(afterRefusal).toEqual({ out: 'an earlier copy', json: false, files: ['ds.xlsx', 'out.xlsx'] });
  });

  test('--force replaces it', () => {
    const { forced, rewritten } = result();
    expect(forced.exitCode).toBe(1);
    expect(rewritten.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Tổng hợp', 'Giải thích']);
  });
});

// ------------------------------------------------------------------------------------------------
// 5. A folder of workbooks, one per commune

describe('checking a folder', () => {
  const th = loadCases('thach-ha-2022');
  const half = Math.ceil(th.rows.length / 2);
  const parts = [th.rows.slice(0, half), th.rows.slice(half)];
  const result = later(async () => {
    const dir = scenarioDir('folder');
    const lists = path.join(dir, 'cac-xa');
    fs.mkdirSync(lists);
    const a = await writeList(path.join(lists, 'xa-thach-dai.xlsx'), { rows: parts[0].map((c) => c.cells), title: true, header: 'two-row', sections: 'merged', signature: true, dates: 'excel' });
    const b = await writeList(path.join(lists, 'xa-thach-lien.xlsx'), { rows: parts[1].map((c) => c.cells), instructionsSheet: true });
    fs.writeFileSync(path.join(lists, 'hong.xlsx'), Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)));
    fs.writeFileSync(path.join(lists, 'ghi-chu.txt'), 'Danh sách gửi Phòng Nội vụ');
    fs.writeFileSync(path.join(lists, '~$xa-thach-dai.xlsx'), 'lock file of an open workbook');
    const hashes = () => fs.readdirSync(lists).map((f) => `${f}:${sha256(path.join(lists, f))}`);
    const before = hashes();
    const run = await runCli(['check', 'cac-xa', '--plan', 'thach-ha-2022', '--year', '2023', '--json', 'bao-cao.json', '--out', 'da-kiem-tra'], dir);
    const report = readJson<FolderReport>(path.join(dir, 'bao-cao.json'));
    const outs = fs.readdirSync(path.join(dir, 'da-kiem-tra')).sort();
    const again = await runCli(['check', 'cac-xa', '--plan', 'thach-ha-2022', '--year', '2023', '--out', 'da-kiem-tra'], dir);
    return { dir, lists, built: [a, b], run, report, outs, again, before, after: hashes() };
  });

  test('exit 2 because one file could not be read; its one-line message names it', () => {
    const { run } = result();
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ntm-awards: cac-xa\/hong\.xlsx: [^\n]+\n$/);
  });

  test('the other workbooks are checked: one stdout line each', () => {
    const { run } = result();
    expect(run.stdout).toBe(
      [summaryLine('cac-xa/xa-thach-dai.xlsx', 'Danh sách', expectedSummary(parts[0])), summaryLine('cac-xa/xa-thach-lien.xlsx', 'Danh sách', expectedSummary(parts[1]))].join('\n') + '\n',
    );
  });

  test('the JSON has one report per readable workbook in files[], each of the shape of spec §6', () => {
    const { report, built } = result();
    expect(report.files.map((f) => f.file)).toEqual(['cac-xa/xa-thach-dai.xlsx', 'cac-xa/xa-thach-lien.xlsx']);
    report.files.forEach((f, i) => {
      expectSpecShape(f, 'thach-ha-2022');
      parts[i].forEach((c, k) => expectCase(f.rows.find((r) => r.row === built[i].rowOf[k]), c));
      expect(f.rows).toHaveLength(parts[i].length);
    });
  });

  test('--out names a folder that receives one checked copy per readable workbook', async () => {
    const { outs, dir, lists, built, report } = result();
    expect(outs).toEqual(['xa-thach-dai.checked.xlsx', 'xa-thach-lien.checked.xlsx']);
    await expectCheckedCopy(path.join(lists, 'xa-thach-dai.xlsx'), path.join(dir, 'da-kiem-tra', outs[0]), built[0], report.files[0]);
    await expectCheckedCopy(path.join(lists, 'xa-thach-lien.xlsx'), path.join(dir, 'da-kiem-tra', outs[1]), built[1], report.files[1]);
  });

  test('a second run refuses to overwrite the copies without --force', () => {
    const { again } = result();
    expect({ exitCode: again.exitCode, stdout: again.stdout }).toEqual({ exitCode: 2, stdout: '' });
    expect(again.stderr).toBe('ntm-awards: --out da-kiem-tra/xa-thach-dai.checked.xlsx: tệp đã có; thêm --force để ghi đè — the file exists; add --force\n');
  });

  test('no file in the folder is modified', () => {
    expect(result().after).toEqual(result().before);
  });
});

// ------------------------------------------------------------------------------------------------
// 6. Templates: columns, dropdowns, and a filled template checks like the cases

/** Folded for comparisons: lower case, no diacritics. */
const fold = (s: string) => stripDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();

/** The award tier a label names, by the words offices use; null when none. */
function tierOf(label: string): string | null {
  const f = fold(label);
  if (f.includes('huan chuong')) return 'huan-chuong-lao-dong';
  if (f.includes('bang khen')) return f.includes('thu tuong') ? 'bang-khen-ttg' : 'bang-khen-tinh';
  if (f.includes('giay khen')) return /\bubnd (cap )?xa\b/.test(f) ? 'giay-khen-xa' : 'giay-khen';
  return null;
}

interface TemplateSheet {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  /** Header → column. */
  columns: Record<string, number>;
  /** Header → dropdown choices, for the columns with a list validation. */
  options: Record<string, string[]>;
}

/** Reads the template: the header row, and the list each dropdown offers (resolved on its sheet). */
function readTemplate(wb: ExcelJS.Workbook): TemplateSheet {
  const ws = wb.worksheets.find((w) => w.state !== 'hidden') as ExcelJS.Worksheet;
  let headerRow = 0;
  for (let r = 1; r <= 10 && !headerRow; r++) if (ws.getRow(r).values && (ws.getRow(r).values as unknown[]).includes(NAME)) headerRow = r;
  const columns: Record<string, number> = {};
  const options: Record<string, string[]> = {};
  ws.getRow(headerRow).eachCell((cell, c) => {
    if (typeof cell.value !== 'string') return;
    columns[cell.value] = c;
    const dv = ws.getCell(headerRow + 1, c).dataValidation;
    if (!dv || dv.type !== 'list') return;
    const m = /^'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(dv.formulae?.[0] ?? '');
    if (!m) throw new Error(`unexpected list source ${dv.formulae?.[0]}`);
    const list = wb.getWorksheet(m[1]) as ExcelJS.Worksheet;
    const values: string[] = [];
    for (let r = Number(m[3]); r <= Number(m[5]); r++) values.push(String(list.getCell(`${m[2]}${r}`).value));
    options[cell.value] = values;
  });
  return { ws, headerRow, columns, options };
}

/** What a user picks in the dropdown for a case value; the value itself when the list lacks it. */
function choose(header: string, value: CellValue | undefined, options: string[] | undefined): CellValue | undefined {
  if (typeof value !== 'string' || !options) return value;
  const f = fold(value);
  const same = options.find((o) => fold(o) === f);
  if (same) return same;
  if (header === PROPOSED) {
    const tier = tierOf(value);
    const o = options.find((opt) => tierOf(opt) === tier);
    if (o) return o;
  }
  if (f === 'x') return options.find((o) => fold(o) === 'co') ?? value;
  return value;
}

/** Fills the template's rows with the cases, in the template's own columns, as a user would. */
/** A renamed column goes by its current header in a template ("Giá trị đóng góp (đồng/năm)", spec §5b). */
const CURRENT_HEADER: Record<string, string> = Object.fromEntries(STANDARD_COLUMNS.flatMap((d) => (d.formerHeaders ?? []).map((f) => [f, d.header])));
const currentHeader = (h: string): string => CURRENT_HEADER[h] ?? h;

function fillTemplate(t: TemplateSheet, cases: readonly CaseRow[]): { rowOf: number[]; outside: string[] } {
  const outside: string[] = [];
  const rowOf = cases.map((c, k) => {
    const r = t.headerRow + 1 + k;
    if (t.columns.STT) t.ws.getCell(r, t.columns.STT).value = k + 1;
    for (const [header, raw] of Object.entries(c.cells)) {
      const col = t.columns[header] ?? t.columns[currentHeader(header)];
      if (col === undefined) {
        outside.push(`${c.id}: ${header}`);
        continue;
      }
      const p = dmyParts(raw);
      const v = p ? excelDate(p.y, p.m, p.d) : choose(header, raw, t.options[header]);
      const cell = t.ws.getCell(r, col);
      cell.value = v ?? null;
      if (v instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    }
    return r;
  });
  return { rowOf, outside };
}

const XA = ['xa', 'phuong', 'thi tran'];

interface TemplateRun {
  made: RunResult;
  headers: string[];
  options: Record<string, string[]>;
  fill: { rowOf: number[]; outside: string[] };
  file: string;
}

/**
 * Per plan: the full template and the `--subject xa` one are written, read back, filled with the
 * cases (the commune cases for xa) and checked together as a folder.
 */
describe.each(PLAN_IDS.map((p) => [p]))('template --plan %s', (plan) => {
  const all = loadCases(plan);
  const VARIANTS = [
    { subject: undefined, cases: all.rows, file: 'mau.xlsx' },
    { subject: 'xa', cases: all.rows.filter((c) => XA.includes(fold(String(c.cells[SUBJECT] ?? '')))), file: 'mau-xa.xlsx' },
  ];
  const result = later(async () => {
    const dir = scenarioDir(`template-${plan}`);
    fs.mkdirSync(path.join(dir, 'da-dien'));
    const args = (v: (typeof VARIANTS)[number]) => ['template', '--plan', plan, ...(v.subject ? ['--subject', v.subject] : []), '--out', v.file];
    const made = await Promise.all(VARIANTS.map((v) => runCli(args(v), dir)));
    const hash = sha256(path.join(dir, 'mau.xlsx'));
    const again = await runCli(args(VARIANTS[0]), dir);
    const unchanged = sha256(path.join(dir, 'mau.xlsx')) === hash;
    const templates: TemplateRun[] = [];
    for (const [k, v] of VARIANTS.entries()) {
      const wb = await readWorkbook(path.join(dir, v.file));
      const t = readTemplate(wb);
      const fill = fillTemplate(t, v.cases);
      const file = `da-dien/${v.file}`;
      await writeWorkbook(path.join(dir, file), wb);
      templates.push({ made: made[k], headers: Object.keys(t.columns), options: t.options, fill, file });
    }
    const run = await runCli(['check', 'da-dien', '--plan', plan, ...runArgs(all), '--json', 'r.json'], dir);
    return { again, unchanged, templates, run, report: readJson<FolderReport>(path.join(dir, 'r.json')) };
  });

  test('is not overwritten without --force', () => {
    const { again, unchanged } = result();
    expect(again).toEqual({ exitCode: 2, stdout: '', stderr: 'ntm-awards: --out mau.xlsx: tệp đã có; thêm --force để ghi đè — the file exists; add --force\n' });
    expect(unchanged).toBe(true);
  });

  test('both filled templates are checked: exit code as the cases say, nothing on stderr', () => {
    const { run } = result();
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: expectedExit(all.rows), stderr: '' });
  });

  describe.each(VARIANTS.map((v, k) => [v.subject ?? '(all subjects)', v, k] as const))('--subject %s', (_label, v, k) => {
    const t = () => result().templates[k];

    test('is written: exit 0, one line', () => {
      expect(t().made).toEqual({ exitCode: 0, stdout: `Đã tạo mẫu ${v.file}\n`, stderr: '' });
    });

    test("has the general columns and every column the plan's cases use", () => {
      expect(t().headers).toEqual(expect.arrayContaining(['STT', NAME, SUBJECT, UNIT, PROPOSED, 'Đợt khen thưởng', 'Năm', SUBMITTED, 'Mức thành tích']));
      expect(t().fill.outside).toEqual([]);
    });

    test('offers dropdowns on the enumerated columns, and none on free ones', () => {
      const { options, headers } = t();
      for (const h of [SUBJECT, PROPOSED]) expect(options[h]?.length).toBeGreaterThan(0);
      expect(options['Đợt khen thưởng']).toEqual(['Hằng năm', 'Sơ kết', 'Tổng kết']);
      expect(options['Mức thành tích']).toEqual(['Xuất sắc', 'Tiêu biểu xuất sắc', 'Đặc biệt xuất sắc']);
      for (const h of [NAME, UNIT, 'Năm', SUBMITTED]) expect(options[h]).toBeUndefined();
      // Every yes/no criterion the cases fill offers exactly Có / Không.
      const yesno = headers.filter((h) => v.cases.some((c) => ['Có', 'Không', 'x'].includes(String(c.cells[h]))) && !v.cases.some((c) => typeof c.cells[h] === 'number'));
      expect(yesno.length).toBeGreaterThan(0);
      for (const h of yesno) expect({ h, options: options[h] }).toEqual({ h, options: ['Có', 'Không'] });
      if (v.subject === 'xa') expect(options[SUBJECT].map(fold).every((o) => XA.includes(o))).toBe(true);
    });

    test('filled with the cases (dropdown values, in its own columns) checks as the cases say', () => {
      const report = result().report.files.find((f) => f.file === t().file);
      expect(report).toBeDefined();
      const rows = (report as FileReport).rows;
      expect(rows.map((r) => r.row)).toEqual(t().fill.rowOf);
      v.cases.forEach((c, n) =>
        expectCase(
          rows.find((r) => r.row === t().fill.rowOf[n]),
          { ...c, expect: { ...c.expect, missing: c.expect.missing.map(currentHeader) } },
        ),
      );
    });
  });
});

// ------------------------------------------------------------------------------------------------
// 7. Options: --map, --sheet, --deadline, --blank-is-no

describe('--map assigns a column by letter or by the sheet\'s header text', () => {
  // "Ngày gửi" is no variant of Ngày trình: the date column is only found with --map.
  const rows: RowCells[] = [
    { [NAME]: 'Thôn Đông Hà', [SUBJECT]: 'Thôn', [PROPOSED]: 'Giấy khen', 'Chấp hành tốt chủ trương, chính sách, pháp luật': 'Có', 'Chuẩn khu dân cư': 'Đạt chuẩn', [SUBMITTED]: '01/12/2023' },
    { [NAME]: 'Thôn Tân Hà', [SUBJECT]: 'Thôn', [PROPOSED]: 'Giấy khen', 'Chấp hành tốt chủ trương, chính sách, pháp luật': 'Có', 'Chuẩn khu dân cư': 'Kiểu mẫu', [SUBMITTED]: '06/12/2023' },
  ];
  const result = later(async () => {
    const dir = scenarioDir('map');
    const built = await writeList(path.join(dir, 'ds.xlsx'), { rows, headerText: { [SUBMITTED]: 'Ngày gửi' }, title: true });
    const letter = built.sheet.getColumn(built.columnOf[SUBMITTED]).letter;
    const base = ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023'];
    const [none, byLetter, byText, byFolded, wrong, unknown] = await Promise.all(
      [[], ['--map', `Ngày trình=${letter}`], ['--map', 'Ngày trình=Ngày gửi'], ['--map', 'ngay trinh=NGAY GUI'], ['--map', 'Ngày trình=Ngày nhận'], ['--map', 'Ngày gửi=F']].map((m, i) =>
        runCli([...base, ...m, '--json', `r${i}.json`], dir),
      ),
    );
    const rep = (i: number) => readJson<FileReport>(path.join(dir, `r${i}.json`));
    return { letter, none, byLetter, byText, byFolded, wrong, unknown, reports: [rep(0), rep(1), rep(2), rep(3)] };
  });
  const deadlines = (rep: FileReport) => rep.rows.map((r) => `${r.deadline.status}:${r.deadline.daysLate}:${r.missing.join('|')}`);

  test('without --map the submission date is missing (eligible rows: exit 0, the deadline is reported apart)', () => {
    expect(result().none.exitCode).toBe(0);
    expect(deadlines(result().reports[0])).toEqual(['missing:0:Ngày trình', 'missing:0:Ngày trình']);
  });

  test('--map "Ngày trình=<letter>" reads it', () => {
    expect(result().byLetter.exitCode).toBe(1);
    expect(deadlines(result().reports[1])).toEqual(['on-time:0:', 'late:2:']);
  });

  test('--map "Ngày trình=Ngày gửi" reads it by header text', () => {
    expect(deadlines(result().reports[2])).toEqual(['on-time:0:', 'late:2:']);
  });

  test('--map names a column that the sheet does not have: exit 2, one line', () => {
    const { wrong } = result();
    expect(wrong).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'ntm-awards: ds.xlsx: --map "Ngày trình=Ngày nhận": trang tính không có cột này (ghi chữ cột như F, hoặc tiêu đề của cột) — no such column\n',
    });
  });

  test('--map "ngay trinh=NGAY GUI": both sides read like headers (case, diacritics)', () => {
    expect(result().byFolded.exitCode).toBe(1);
    expect(deadlines(result().reports[3])).toEqual(['on-time:0:', 'late:2:']);
  });

  test('--map whose left side is no standard column: exit 2, one line', () => {
    expect(result().unknown).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'ntm-awards: --map "Ngày gửi=F": "Ngày gửi" không phải cột của kế hoạch thach-ha-2022; ghi một tiêu đề chuẩn như "Ngày trình" — not a column of the plan\n',
    });
  });
});

describe('--sheet picks the list among several', () => {
  const th = loadCases('thach-ha-2022');
  const dai = th.rows.slice(0, 3);
  const lien = th.rows.slice(3, 8);
  const result = later(async () => {
    const dir = scenarioDir('sheet');
    const wb = new ExcelJS.Workbook();
    addInstructionsSheet(wb);
    const a = addList(wb, { rows: dai.map((c) => c.cells), sheetName: 'Xã Thạch Đài', title: true });
    const b = addList(wb, { rows: lien.map((c) => c.cells), sheetName: 'Xã Thạch Liên', header: 'two-row', sections: 'merged' });
    await writeWorkbook(path.join(dir, 'ds.xlsx'), wb);
    const base = ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023'];
    const runs = await Promise.all(
      [[], ['--sheet', 'Xã Thạch Liên'], ['--sheet', 'xa thach lien'], ['--sheet', 'Hướng dẫn'], ['--sheet', 'Xã Thạch Kênh']].map((s, i) => runCli([...base, ...s, '--json', `r${i}.json`], dir)),
    );
    const rep = (i: number) => readJson<FileReport>(path.join(dir, `r${i}.json`));
    return { a, b, runs, reports: [rep(0), rep(1), rep(2)] };
  });

  test('without --sheet: the first sheet with a header row (after "Hướng dẫn")', () => {
    const { reports, a } = result();
    expect(reports[0].sheet).toBe('Xã Thạch Đài');
    dai.forEach((c, k) => expectCase(reports[0].rows.find((r) => r.row === a.rowOf[k]), c));
  });

  test('--sheet by exact name, then ignoring case and diacritics', () => {
    const { reports, b } = result();
    for (const rep of [reports[1], reports[2]]) {
      expect(rep.sheet).toBe('Xã Thạch Liên');
      expect(rep.rows.map((r) => r.row)).toEqual([...b.rowOf].sort((x, y) => x - y));
      lien.forEach((c, k) => expectCase(rep.rows.find((r) => r.row === b.rowOf[k]), c));
    }
  });

  test('--sheet naming a sheet without a list, or no sheet: exit 2, one line', () => {
    const { runs } = result();
    expect(runs[3]).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'ntm-awards: ds.xlsx: không thấy dòng tiêu đề trong trang tính "Hướng dẫn" (cần "Tên tập thể, cá nhân" cùng "Đối tượng" hoặc "Hình thức đề nghị"); dùng --sheet hoặc --map — no header row\n',
    });
    expect(runs[4]).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'ntm-awards: ds.xlsx: không có trang tính "Xã Thạch Kênh" (các trang: Hướng dẫn, Xã Thạch Đài, Xã Thạch Liên); sửa --sheet — no such sheet\n',
    });
  });
});

describe('--deadline applies to every row', () => {
  // Đắk Nông states no nomination deadline: without --deadline every row is "none".
  const dn = loadCases('dak-nong-2022');
  const base = (dn.rows.find((c) => c.id === 'DN-01') as CaseRow).cells;
  const rows: RowCells[] = [
    { ...base, [NAME]: 'UBND xã Đắk Ha', [SUBMITTED]: '01/12/2023' },
    { ...base, [NAME]: 'UBND xã Quảng Sơn', [SUBMITTED]: '05/12/2023' },
    { ...base, [NAME]: 'UBND xã Đắk R’Moan', [SUBMITTED]: undefined },
    { ...base, [NAME]: 'UBND xã Nhân Cơ', [SUBMITTED]: '20/12/2023' },
  ];
  const result = later(async () => {
    const dir = scenarioDir('deadline');
    // Đối tượng before the name: the late-row fill must still land on the name.
    const columns = [SUBJECT, ...columnsFor(rows).filter((h) => h !== SUBJECT)];
    const built = await writeList(path.join(dir, 'ds.xlsx'), { rows, dates: 'excel', columns });
    const args = ['check', 'ds.xlsx', '--plan', 'dak-nong-2022', ...runArgs(dn)];
    const [without, withDeadline] = await Promise.all([
      runCli([...args, '--json', 'a.json'], dir),
      runCli([...args, '--deadline', '2023-12-05', '--json', 'b.json', '--out', 'b.xlsx'], dir),
    ]);
    const b = readJson<FileReport>(path.join(dir, 'b.json'));
    return { without, withDeadline, built, dir, a: readJson<FileReport>(path.join(dir, 'a.json')), b };
  });
  const view = (rep: FileReport) => rep.rows.map((r) => ({ status: r.status, deadline: r.deadline, missing: r.missing }));

  test('without it, no deadline: every row eligible, exit 0', () => {
    const { without, a } = result();
    expect(without.exitCode).toBe(0);
    expect(view(a)).toEqual(rows.map(() => ({ status: 'eligible', deadline: { status: 'none', before: null, daysLate: 0 }, missing: [] })));
  });

  test('with --deadline 2023-12-05: on time before it, late from it, missing without a date; exit 1', () => {
    const { withDeadline, b } = result();
    expect(withDeadline.exitCode).toBe(1);
    const before = '2023-12-05';
    expect(view(b)).toEqual([
      { status: 'eligible', deadline: { status: 'on-time', before, daysLate: 0 }, missing: [] },
      { status: 'eligible', deadline: { status: 'late', before, daysLate: 1 }, missing: [] },
      { status: 'eligible', deadline: { status: 'missing', before, daysLate: 0 }, missing: [SUBMITTED] },
      { status: 'eligible', deadline: { status: 'late', before, daysLate: 16 }, missing: [] },
    ]);
  });

  test('the checked copy marks the late rows on their name, and the missing date', async () => {
    const { dir, built, b } = result();
    expect(built.columnOf[SUBJECT]).toBeLessThan(built.columnOf[NAME]);
    await expectCheckedCopy(path.join(dir, 'ds.xlsx'), path.join(dir, 'b.xlsx'), built, b);
  });
});

describe('--blank-is-no for sheets that mark yes with x and leave no blank', () => {
  const LAW = 'Chấp hành tốt chủ trương, chính sách, pháp luật';
  const F1 = 'Chỉnh trang nhà cửa, vườn hộ tiêu biểu';
  const F2 = 'Đóng góp đất đai, tài sản, ngày công';
  const household = (name: string, f1: string | undefined) => ({
    [NAME]: name,
    [SUBJECT]: 'Hộ gia đình',
    [UNIT]: 'Thôn Trung Tiến, xã Thạch Ngọc',
    [PROPOSED]: 'Giấy khen',
    [SUBMITTED]: '01/12/2023',
    [LAW]: 'x',
    [F1]: f1,
    [F2]: undefined,
  });
  const rows: RowCells[] = [household('Hộ ông Nguyễn Văn Hùng', 'x'), household('Hộ bà Trần Thị Mai', undefined)];
  const result = later(async () => {
    const dir = scenarioDir('blank-is-no');
    await writeList(path.join(dir, 'ds.xlsx'), { rows, columns: [NAME, SUBJECT, UNIT, PROPOSED, SUBMITTED, LAW, F1, F2], sections: 'split', signature: true });
    const args = ['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023'];
    const [plain, blankNo] = await Promise.all([runCli([...args, '--json', 'a.json'], dir), runCli([...args, '--blank-is-no', '--json', 'b.json'], dir)]);
    return { plain, blankNo, a: readJson<FileReport>(path.join(dir, 'a.json')), b: readJson<FileReport>(path.join(dir, 'b.json')) };
  });
  const view = (rep: FileReport) => rep.rows.map((r) => ({ status: r.status, missing: [...r.missing].sort() }));

  test('without it a blank yes/no cell is missing', () => {
    expect(view(result().a)).toEqual([
      { status: 'eligible', missing: [] },
      { status: 'incomplete', missing: [F1, F2].sort() },
    ]);
  });

  test('with it a blank yes/no cell is "no"', () => {
    expect(view(result().b)).toEqual([
      { status: 'eligible', missing: [] },
      { status: 'ineligible', missing: [] },
    ]);
    expect(result().blankNo.exitCode).toBe(1);
  });
});
