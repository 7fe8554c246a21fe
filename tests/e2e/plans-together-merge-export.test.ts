/**
 * End to end (issue 18): the real binary merging (`check --merge`) and exporting (`export --to
 * lifesoft`) a commune's lists with the shipped district plan (Thạch Hà) and a plan workbook an office
 * wrote for the province's decision the district hands Bằng khen tỉnh to (made from
 * tests/fixtures/plans/ha-tinh-3351-2021.json by `plan export`). Rows proposed for the province's forms
 * are judged by the province's plan, the outputs name both plans with their fingerprints, and adding
 * the higher plan leaves every row of the district's forms as the district's plan alone judged it.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { PRODUCT_VERSION } from '../../src/core/version';
import { assertBuilt, readJson, ROOT, runCli, sha256, tempDir, type RunResult } from '../helpers/cli';
import { COMMUNE, HIGHER_PLAN_FILE } from '../helpers/higher-plan';
import { NAME, PROPOSED, SUBJECT, UNIT, writeList, type RowCells } from '../helpers/workbook';

jest.setTimeout(240_000);

const FIXTURE = HIGHER_PLAN_FILE;
/** The project's sample import template: a full catalogue of award forms (samples/, in the repo). */
const TEMPLATE = path.join(ROOT, 'samples', 'mau-nhap-lifesoft.xlsx');
const WORK = tempDir('ntm-awards-plans-merge-');
const LOWER = 'thach-ha-2022';
const HIGHER = 'ha-tinh-3351-2021';

const commune = COMMUNE;
/** Two communes' lists: the district's Giấy khen beside the province's forms. Names differ, so none is a duplicate. */
const LIST_A: RowCells[] = [
  { ...commune, [NAME]: 'UBND xã Thạch Đài', [SUBJECT]: 'Xã', [PROPOSED]: 'Giấy khen của Chủ tịch UBND huyện' },
  { ...commune, [NAME]: 'UBND xã Thạch Xuân', [SUBJECT]: 'Xã', [PROPOSED]: 'Bằng khen của Chủ tịch UBND tỉnh' },
  { ...commune, [NAME]: 'Nguyễn Văn An', [SUBJECT]: 'Cán bộ', [UNIT]: 'Phó Chủ tịch UBND xã Thạch Đài', [PROPOSED]: 'Bằng khen tỉnh', 'Sáng kiến, giải pháp hữu ích': 'Có', 'Thành tích tiêu biểu xuất sắc': 'Không' },
];
const LIST_B: RowCells[] = [
  { ...commune, [NAME]: 'UBND xã Thạch Lạc', [SUBJECT]: 'Xã', [PROPOSED]: 'Bằng khen của Thủ tướng Chính phủ', 'Đợt khen thưởng': 'Tổng kết', 'Năm': 2025 },
  { ...commune, [NAME]: 'UBND xã Thạch Kênh', [SUBJECT]: 'Xã', [PROPOSED]: 'Cờ thi đua tỉnh', 'Đợt khen thưởng': 'Tổng kết', 'Năm': 2025 },
  { ...commune, [NAME]: 'Thôn Đông Giang', [SUBJECT]: 'Thôn', [PROPOSED]: 'Giấy khen', 'Thành tích xuất sắc trong phong trào': 'Không' },
  { ...commune, [NAME]: 'Nguyễn Thị Bình', [SUBJECT]: 'Cán bộ', [UNIT]: 'Công chức xã Thạch Đài', [PROPOSED]: 'Giấy khen', 'Sáng kiến, giải pháp hữu ích': 'Có' },
];
/** The rows proposed for the province's forms (Bằng khen tỉnh, Cờ thi đua tỉnh, Bằng khen Thủ tướng). */
const PROVINCIAL = ['UBND xã Thạch Xuân', 'Nguyễn Văn An', 'UBND xã Thạch Lạc', 'UBND xã Thạch Kênh'];
const DISTRICT = ['UBND xã Thạch Đài', 'Thôn Đông Giang', 'Nguyễn Thị Bình'];

interface Identity {
  id: string;
  shortName: string;
  number: string | null;
  date: string | null;
  period: { from: number; to: number } | null;
  fingerprint: string;
  productVersion: string;
}
interface MergeReport {
  plan: string;
  plans: Identity[];
  rows: { row: number; plan?: string; name: string | null; status: string; proposed: string | null; reasons: { citation: string; text: string }[]; source: { file: string; row: number } }[];
}
interface ExportReport {
  plan: string;
  plans: Identity[];
  summary: { written: number; blocked: number; byPlan?: { plan: string; nominees: number; eligible: number; written: number; blocked: number; duplicates: number; notEligible: number }[] };
  mappingFile: string | null;
  nominees: { file: string; row: number; name: string; plan?: string; status: string; templateRow?: number; award?: { name: string; by: string }; why: string[] }[];
}

const runs: Record<string, RunResult> = {};
let hashes: Map<string, string>;

beforeAll(async () => {
  assertBuilt();
  fs.mkdirSync(path.join(WORK, 'ho-so'));
  await writeList(path.join(WORK, 'ho-so', 'xa-thach-dai.xlsx'), { rows: LIST_A, title: true });
  await writeList(path.join(WORK, 'ho-so', 'xa-thach-lac.xlsx'), { rows: LIST_B, header: 'two-row' });
  fs.copyFileSync(FIXTURE, path.join(WORK, 'qd3351.json'));
  fs.copyFileSync(TEMPLATE, path.join(WORK, 'mau-nhap.xlsx'));
  runs.book = await runCli(['plan', 'export', 'qd3351.json', '--out', 'qd3351.xlsx'], WORK);
  hashes = new Map(['ho-so/xa-thach-dai.xlsx', 'ho-so/xa-thach-lac.xlsx', 'qd3351.xlsx', 'mau-nhap.xlsx'].map((f) => [f, sha256(path.join(WORK, f))]));
  const both = ['--plan', LOWER, '--plan-file', 'qd3351.xlsx'];
  const exportTo = (out: string, json: string) => ['--to', 'lifesoft', '--template', 'mau-nhap.xlsx', '--out', out, '--json', json];
  const [mergeAlone, merged, exportAlone, exported, clash] = await Promise.all([
    runCli(['check', 'ho-so', '--plan', LOWER, '--merge', 'rieng.xlsx', '--json', 'rieng.json'], WORK),
    runCli(['check', 'ho-so', ...both, '--merge', 'tong-hop.xlsx', '--json', 'tong-hop.json'], WORK),
    runCli(['export', 'ho-so', '--plan', LOWER, ...exportTo('xuat-rieng/nhap.xlsx', 'xuat-rieng/bao-cao.json')], WORK),
    runCli(['export', 'ho-so', ...both, ...exportTo('xuat/nhap.xlsx', 'xuat/bao-cao.json')], WORK),
    runCli(['export', 'ho-so', '--plan', LOWER, '--plan', 'hong-linh-2022', ...exportTo('xung-dot/nhap.xlsx', 'xung-dot/bao-cao.json')], WORK),
  ]);
  Object.assign(runs, { mergeAlone, merged, exportAlone, exported, clash });
  // The office chooses, once, the catalogue entry of each subject the template does not name; then exports again.
  const report = readJson<ExportReport>(path.join(WORK, 'xuat', 'bao-cao.json'));
  if (report.mappingFile) {
    const mapping = new ExcelJS.Workbook();
    await mapping.xlsx.readFile(path.join(WORK, report.mappingFile));
    mapping.getWorksheet('Đối chiếu')!.eachRow((row, r) => {
      if (r > 4 && row.getCell(2).value === 'Phân loại đối tượng') row.getCell(4).value = row.getCell(3).value === 'Cán bộ' ? 'Đối tượng khác' : 'Cơ quan Hành chính';
    });
    await mapping.xlsx.writeFile(path.join(WORK, 'da-chon.xlsx'));
  }
  runs.chosen = await runCli(['export', 'ho-so', ...both, ...exportTo('xuat-2/nhap.xlsx', 'xuat-2/bao-cao.json'), '--mapping', 'da-chon.xlsx'], WORK);
  // The merged list exported in turn, with the same two plans.
  runs.mergedExport = await runCli(['export', 'tong-hop.xlsx', ...both, ...exportTo('xuat-3/nhap.xlsx', 'xuat-3/bao-cao.json'), '--mapping', 'da-chon.xlsx'], WORK);
});

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

const byName = <T extends { name: string | null }>(rows: readonly T[], name: string): T => {
  const hit = rows.filter((r) => r.name === name);
  expect([name, hit.length]).toEqual([name, 1]);
  return hit[0];
};

async function sheetText(file: string, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  const out: string[] = [];
  ws?.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
  return out;
}

describe('check --merge with a district plan and a provincial plan workbook', () => {
  it("judges the province's forms by the province's plan, not as out of the plan's scope", () => {
    expect(runs.book.exitCode).toBe(0);
    expect(runs.merged.stderr).toBe('');
    // Of the rows above the district's level, only Bằng khen Thủ tướng (handed on to QĐ 587) stays out of scope.
    expect(runs.mergeAlone.stdout).toMatch(/rieng\.xlsx: 7 đề nghị từ 2 tệp — .*, 3 ngoài phạm vi,/);
    expect(runs.merged.stdout).toMatch(/tong-hop\.xlsx: 7 đề nghị từ 2 tệp — .*, 1 ngoài phạm vi,/);
    const report = readJson<MergeReport>(path.join(WORK, 'tong-hop.json'));
    expect(PROVINCIAL.map((n) => [n, byName(report.rows, n).plan, byName(report.rows, n).status])).toEqual([
      ['UBND xã Thạch Xuân', HIGHER, 'eligible'],
      ['Nguyễn Văn An', HIGHER, 'ineligible'],
      ['UBND xã Thạch Lạc', HIGHER, 'not-covered'],
      ['UBND xã Thạch Kênh', HIGHER, 'eligible'],
    ]);
    // Bằng khen Thủ tướng: the province hands it on to QĐ 587, and the row says so.
    expect(byName(report.rows, 'UBND xã Thạch Lạc').reasons.some((r) => r.text.includes('587/QĐ-TTg'))).toBe(true);
    expect(byName(report.rows, 'Nguyễn Văn An').reasons.some((r) => r.citation.startsWith('QĐ 3351 Hà Tĩnh'))).toBe(true);
    // Alone, the district's plan hands them over, and cannot even read the province's own flag.
    const alone = readJson<MergeReport>(path.join(WORK, 'rieng.json'));
    expect(PROVINCIAL.map((n) => byName(alone.rows, n).status)).toEqual(['not-covered', 'not-covered', 'not-covered', 'incomplete']);
    expect(byName(alone.rows, 'UBND xã Thạch Kênh').proposed).toBeNull();
    expect(byName(report.rows, 'UBND xã Thạch Kênh').proposed).toBe('co-thi-dua-tinh');
  });

  it("leaves every row of the district's forms exactly as the district's plan alone judged it", () => {
    const alone = readJson<MergeReport>(path.join(WORK, 'rieng.json'));
    const together = readJson<MergeReport>(path.join(WORK, 'tong-hop.json'));
    for (const name of DISTRICT) {
      const row = byName(together.rows, name);
      expect(row.plan).toBe(LOWER);
      expect(row).toEqual(byName(alone.rows, name));
    }
  });

  it('names both plans with document, period, fingerprint and product version in the report', () => {
    const report = readJson<MergeReport>(path.join(WORK, 'tong-hop.json'));
    expect(report.plan).toBe(LOWER);
    expect(report.plans.map((p) => [p.id, p.shortName, p.number, p.date, p.productVersion])).toEqual([
      [LOWER, 'KH Thạch Hà 2022', null, null, PRODUCT_VERSION],
      [HIGHER, 'QĐ 3351 Hà Tĩnh', '3351/QĐ-UBND', '24/11/2021', PRODUCT_VERSION],
    ]);
    for (const p of report.plans) expect(p.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(report.plans[0].fingerprint).not.toBe(report.plans[1].fingerprint);
    // Alone, the report names the one plan given.
    expect(readJson<MergeReport>(path.join(WORK, 'rieng.json')).plans.map((p) => p.id)).toEqual([LOWER]);
  });

  it("names both plans in the merged copy's summary and explanation heading, and each row's plan", async () => {
    const report = readJson<MergeReport>(path.join(WORK, 'tong-hop.json'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(WORK, 'tong-hop.xlsx'));
    const summary = wb.worksheets.find((w) => w.name.startsWith('Tổng hợp'))!;
    const subtitle = String(summary.getCell('A2').value);
    for (const p of report.plans) expect(subtitle).toContain(`${p.shortName} — `);
    for (const p of report.plans) expect(subtitle).toContain(`mã nội dung ${p.fingerprint}`);
    expect(subtitle).toContain('QĐ 3351 Hà Tĩnh — số 3351/QĐ-UBND ngày 24/11/2021; giai đoạn 2021–2025');
    const firstCells: string[] = [];
    const rowOf = new Map<string, number>();
    summary.eachRow((row, r) => {
      firstCells.push(String(row.getCell(1).value ?? ''));
      if (!rowOf.has(firstCells.at(-1)!)) rowOf.set(firstCells.at(-1)!, r);
    });
    // The per-plan table: how many rows each plan judged.
    const at = firstCells.indexOf('Theo kế hoạch');
    expect(at).toBeGreaterThan(0);
    const perPlan = new Map<string, number>();
    summary.eachRow((row) => {
      const label = String(row.getCell(1).value ?? '');
      if (report.plans.some((p) => label.startsWith(`${p.shortName} — `))) perPlan.set(label.split(' — ')[0], Number(row.getCell(6).value));
    });
    expect(Object.fromEntries(perPlan)).toEqual({ 'KH Thạch Hà 2022': 3, 'QĐ 3351 Hà Tĩnh': 4 });
    expect(firstCells).toEqual(expect.arrayContaining(['Theo tệp × kết quả']));
    const explanation = wb.worksheets.find((w) => w.name.startsWith('Giải thích'))!;
    const heading: string[] = [];
    explanation.getRow(1).eachCell((c) => heading.push(String(c.value ?? '')));
    expect(heading.join(' ')).toMatch(/Xét theo: KH Thạch Hà 2022 — .* \| QĐ 3351 Hà Tĩnh — số 3351\/QĐ-UBND/);
    // The rows to look at name the plan that judged them; the province's own form by its own label.
    const review: string[] = [];
    const listed = rowOf.get('Cần xem lại')!;
    expect(listed).toBeGreaterThan(rowOf.get('Theo kế hoạch')!);
    summary.eachRow((row, r) => r > listed && review.push(row.values instanceof Array ? row.values.map((v) => String(v ?? '')).join('|') : ''));
    expect(review.find((l) => l.includes('Nguyễn Văn An'))).toContain('QĐ 3351 Hà Tĩnh');
    expect(review.find((l) => l.includes('Thôn Đông Giang'))).toContain('KH Thạch Hà 2022');
    expect(await sheetText(path.join(WORK, 'tong-hop.xlsx'), 'Danh sách tổng hợp')).toContain('Cờ thi đua của UBND tỉnh');
  });
});

describe('export with a district plan and a provincial plan workbook', () => {
  it("exports the province's eligible nominees, judged by the province's plan", () => {
    const together = readJson<ExportReport>(path.join(WORK, 'xuat', 'bao-cao.json'));
    const alone = readJson<ExportReport>(path.join(WORK, 'xuat-rieng', 'bao-cao.json'));
    const shown = (r: ExportReport, n: string) => [n, byName(r.nominees, n).plan, byName(r.nominees, n).status === 'not-eligible' ? 'not exported' : 'exported'];
    expect(PROVINCIAL.map((n) => shown(together, n))).toEqual([
      ['UBND xã Thạch Xuân', HIGHER, 'exported'],
      ['Nguyễn Văn An', HIGHER, 'not exported'],
      ['UBND xã Thạch Lạc', HIGHER, 'not exported'],
      ['UBND xã Thạch Kênh', HIGHER, 'exported'],
    ]);
    expect(PROVINCIAL.map((n) => shown(alone, n)[2])).toEqual(['not exported', 'not exported', 'not exported', 'not exported']);
  });

  it("writes a nominee's award form as the catalogue entry of the plan that judged it", () => {
    expect(runs.chosen.stderr).toBe('');
    expect(runs.chosen.exitCode).toBe(0);
    const report = readJson<ExportReport>(path.join(WORK, 'xuat-2', 'bao-cao.json'));
    expect(report.summary).toMatchObject({ written: 4, blocked: 0 });
    // Cờ thi đua tỉnh is the province's own form: the district's plan has no word for it.
    expect(byName(report.nominees, 'UBND xã Thạch Kênh')).toMatchObject({ plan: HIGHER, status: 'written', award: { name: 'Cờ thi đua của UBND tỉnh', by: 'plan' } });
    expect(byName(report.nominees, 'UBND xã Thạch Xuân')).toMatchObject({ plan: HIGHER, status: 'written', award: { name: 'Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương', by: 'plan' } });
    expect(byName(report.nominees, 'UBND xã Thạch Đài')).toMatchObject({ plan: LOWER, status: 'written' });
  });

  it('names both plans, and what became of the nominees each judged, in the report and on the terminal', () => {
    const report = readJson<ExportReport>(path.join(WORK, 'xuat-2', 'bao-cao.json'));
    expect(report.plan).toBe(LOWER);
    expect(report.plans.map((p) => [p.id, p.number, p.productVersion])).toEqual([
      [LOWER, null, PRODUCT_VERSION],
      [HIGHER, '3351/QĐ-UBND', PRODUCT_VERSION],
    ]);
    expect(report.summary.byPlan).toEqual([
      { plan: LOWER, nominees: 3, eligible: 2, written: 2, blocked: 0, duplicates: 0, notEligible: 1 },
      { plan: HIGHER, nominees: 4, eligible: 2, written: 2, blocked: 0, duplicates: 0, notEligible: 2 },
    ]);
    const lines = runs.chosen.stdout.split('\n');
    for (const p of report.plans) {
      const line = lines.find((l) => l.startsWith(`  xét theo ${p.shortName} — `));
      expect(line).toContain(`mã nội dung ${p.fingerprint}; ntm-awards ${PRODUCT_VERSION}`);
    }
    expect(lines.find((l) => l.startsWith('  xét theo QĐ 3351 Hà Tĩnh — số 3351/QĐ-UBND ngày 24/11/2021;'))).toMatch(/: 4 đề nghị — 2 ghi vào mẫu nhập, 0 chờ đối chiếu danh mục/);
    // A row waiting for the mapping names the plan that judged it.
    expect(runs.exported.stdout.split('\n').find((l) => l.includes('UBND xã Thạch Kênh'))).toContain('(theo QĐ 3351 Hà Tĩnh)');
  });

  it("leaves every nominee of the district's forms exactly as the district's plan alone exported it", () => {
    const alone = readJson<ExportReport>(path.join(WORK, 'xuat-rieng', 'bao-cao.json'));
    const together = readJson<ExportReport>(path.join(WORK, 'xuat', 'bao-cao.json'));
    for (const name of DISTRICT) {
      const { templateRow: _a, ...was } = byName(alone.nominees, name);
      const { templateRow: _b, ...is } = byName(together.nominees, name);
      expect(is).toEqual(was);
      expect(is.plan).toBe(LOWER);
    }
  });

  it('exports a merged list with the same two plans alike', () => {
    expect(runs.mergedExport.stderr).toBe('');
    const fromFolder = readJson<ExportReport>(path.join(WORK, 'xuat-2', 'bao-cao.json'));
    const fromMerged = readJson<ExportReport>(path.join(WORK, 'xuat-3', 'bao-cao.json'));
    const view = (r: ExportReport) => r.nominees.map((n) => [n.name, n.plan, n.status, n.award?.name ?? null]).sort();
    expect(view(fromMerged)).toEqual(view(fromFolder));
  });

  it('refuses two plans that judge the same form for the same subjects, naming both, and writes nothing', () => {
    expect(runs.clash.exitCode).toBe(2);
    expect(runs.clash.stdout).toBe('');
    expect(runs.clash.stderr).toMatch(/^ntm-awards export: Hai kế hoạch cùng xét .*KH Thạch Hà 2022.*KH Hồng Lĩnh 2022/);
    expect(fs.existsSync(path.join(WORK, 'xung-dot'))).toBe(false);
  });

  it('leaves the lists, the plan workbook and the template untouched', () => {
    for (const [f, h] of hashes) expect([f, sha256(path.join(WORK, f))]).toEqual([f, h]);
  });
});
