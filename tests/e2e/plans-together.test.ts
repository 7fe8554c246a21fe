/**
 * End to end (issue 18): the real binary judging one commune list with a shipped district plan
 * (Thạch Hà) and a plan an office wrote for the province's decision the district hands Bằng khen
 * tỉnh to (tests/fixtures/plans/ha-tinh-3351-2021.json, as JSON and as a plan workbook). Each row is
 * judged by the plan governing its form; adding the higher plan leaves the district's rows as they were.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { PRODUCT_VERSION } from '../../src/core/version';
import { assertBuilt, readJson, runCli, tempDir, type RunResult } from '../helpers/cli';
import { COMMUNE, HIGHER_PLAN_FILE } from '../helpers/higher-plan';
import { NAME, PROPOSED, SUBJECT, UNIT, writeList, type RowCells } from '../helpers/workbook';

jest.setTimeout(180_000);

const FIXTURE = HIGHER_PLAN_FILE;
const WORK = tempDir('ntm-awards-plans-');

const commune = COMMUNE;
const ROWS: RowCells[] = [
  { ...commune, [NAME]: 'UBND xã Thạch Đài', [SUBJECT]: 'Xã', [PROPOSED]: 'Giấy khen của Chủ tịch UBND huyện' },
  { ...commune, [NAME]: 'UBND xã Thạch Đài', [SUBJECT]: 'Xã', [PROPOSED]: 'Bằng khen của Chủ tịch UBND tỉnh' },
  { ...commune, [NAME]: 'Nguyễn Văn An', [SUBJECT]: 'Cán bộ', [UNIT]: 'Phó Chủ tịch UBND xã Thạch Đài', [PROPOSED]: 'Bằng khen tỉnh', 'Sáng kiến, giải pháp hữu ích': 'Có', 'Thành tích tiêu biểu xuất sắc': 'Không' },
  { ...commune, [NAME]: 'UBND xã Thạch Xuân', [SUBJECT]: 'Xã', [PROPOSED]: 'Bằng khen của Thủ tướng Chính phủ', 'Đợt khen thưởng': 'Tổng kết', 'Năm': 2025 },
  { ...commune, [NAME]: 'UBND xã Thạch Đài', [SUBJECT]: 'Xã', [PROPOSED]: 'Cờ thi đua tỉnh', 'Đợt khen thưởng': 'Tổng kết', 'Năm': 2025 },
  { ...commune, [NAME]: 'Thôn Đông Giang', [SUBJECT]: 'Thôn', [PROPOSED]: 'Giấy khen', 'Thành tích xuất sắc trong phong trào': 'Không' },
  { ...commune, [NAME]: 'Nguyễn Thị Bình', [SUBJECT]: 'Cán bộ', [UNIT]: 'Công chức xã Thạch Đài', [PROPOSED]: 'Giấy khen', 'Sáng kiến, giải pháp hữu ích': 'Có' },
];

interface Report {
  plan: string;
  plans?: { id: string; shortName: string; number: string | null; date: string | null; period: { from: number; to: number } | null; fingerprint: string; productVersion: string }[];
  rows: { row: number; plan?: string; status: string; proposed: string | null; awardTier: string | null; reasons: { citation: string; text: string }[] }[];
}

const runs: Record<string, RunResult> = {};

beforeAll(async () => {
  assertBuilt();
  await writeList(path.join(WORK, 'ds.xlsx'), { rows: ROWS, title: true });
  fs.copyFileSync(FIXTURE, path.join(WORK, 'qd3351.json'));
  runs.export = await runCli(['plan', 'export', 'qd3351.json', '--out', 'qd3351.xlsx'], WORK);
  const [alone, together, book, clash] = await Promise.all([
    runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--json', 'alone.json'], WORK),
    runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--plan-file', 'qd3351.json', '--json', 'together.json'], WORK),
    runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--plan-file', 'qd3351.xlsx', '--out', 'ds.checked.xlsx'], WORK),
    runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--plan', 'hong-linh-2022'], WORK),
  ]);
  Object.assign(runs, { alone, together, book, clash });
});

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe('check with a district plan and a provincial plan', () => {
  it('judges each row by the plan that governs its award form', () => {
    expect(runs.together.stderr).toBe('');
    const report = readJson<Report>(path.join(WORK, 'together.json'));
    expect(report.rows.map((r) => [r.plan, r.status])).toEqual([
      ['thach-ha-2022', 'eligible'],
      ['ha-tinh-3351-2021', 'eligible'],
      ['ha-tinh-3351-2021', 'ineligible'],
      ['ha-tinh-3351-2021', 'not-covered'],
      ['ha-tinh-3351-2021', 'eligible'],
      ['thach-ha-2022', expect.any(String)],
      ['thach-ha-2022', 'eligible'],
    ]);
    // Bằng khen Thủ tướng: the province hands it on to QĐ 587, and the row says so.
    expect(report.rows[3].reasons.some((r) => r.text.includes('587/QĐ-TTg'))).toBe(true);
    expect(report.rows[2].reasons.some((r) => r.citation.startsWith('QĐ 3351 Hà Tĩnh'))).toBe(true);
    expect(report.rows[4].proposed).toBe('co-thi-dua-tinh');
  });

  it('names every plan used with its document, period, fingerprint and the product version', () => {
    const report = readJson<Report>(path.join(WORK, 'together.json'));
    expect(report.plan).toBe('thach-ha-2022');
    expect(report.plans?.map((p) => [p.id, p.shortName, p.number, p.date, p.productVersion])).toEqual([
      ['thach-ha-2022', 'KH Thạch Hà 2022', null, null, PRODUCT_VERSION],
      ['ha-tinh-3351-2021', 'QĐ 3351 Hà Tĩnh', '3351/QĐ-UBND', '24/11/2021', PRODUCT_VERSION],
    ]);
    expect(report.plans?.[1].period).toEqual({ from: 2021, to: 2025 });
    for (const p of report.plans ?? []) expect(p.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(report.plans?.[0].fingerprint).not.toBe(report.plans?.[1].fingerprint);
  });

  it("leaves every row the district's plan governs exactly as that plan alone judged it", () => {
    const alone = readJson<Report>(path.join(WORK, 'alone.json'));
    const together = readJson<Report>(path.join(WORK, 'together.json'));
    expect(alone.plans?.map((p) => p.id)).toEqual(['thach-ha-2022']);
    const lower = together.rows.filter((r) => r.plan === 'thach-ha-2022');
    expect(lower.length).toBe(3);
    for (const r of lower) expect(r).toEqual(alone.rows.find((a) => a.row === r.row));
    // Alone, the district's plan could only hand the provincial rows over.
    expect(alone.rows.filter((r) => r.proposed === 'bang-khen-tinh').map((r) => r.status)).toEqual(['not-covered', 'not-covered']);
  });

  it('says on each terminal line which plan judged the row', () => {
    expect(runs.book.exitCode).toBe(1);
    const lines = runs.book.stdout.split('\n');
    expect(lines.find((l) => l.includes('Nguyễn Văn An'))).toContain('theo QĐ 3351 Hà Tĩnh');
    expect(lines.find((l) => l.includes('Thôn Đông Giang'))).toContain('theo KH Thạch Hà 2022');
  });

  it('takes the higher plan as a plan workbook, and names both plans in the checked copy', async () => {
    expect(runs.export.exitCode).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(WORK, 'ds.checked.xlsx'));
    const summary = wb.getWorksheet('Tổng hợp')!;
    const subtitle = String(summary.getCell('A2').value);
    expect(subtitle).toContain('KH Thạch Hà 2022 — ');
    expect(subtitle).toContain('QĐ 3351 Hà Tĩnh — số 3351/QĐ-UBND ngày 24/11/2021; giai đoạn 2021–2025; mã nội dung ');
    expect(subtitle).toContain(`ntm-awards ${PRODUCT_VERSION}`);
    const titles: string[] = [];
    summary.eachRow((row) => titles.push(String(row.getCell(1).value ?? '')));
    const at = titles.indexOf('Theo kế hoạch');
    expect(at).toBeGreaterThan(0);
    // The per-plan table counts the rows each plan judged: header, then one row per plan.
    const perPlan = [titles[at + 2], titles[at + 3]];
    expect(perPlan.some((t) => t.startsWith('KH Thạch Hà 2022'))).toBe(true);
    expect(perPlan.some((t) => t.startsWith('QĐ 3351 Hà Tĩnh'))).toBe(true);
    const explanation = wb.getWorksheet('Giải thích')!;
    expect(String(explanation.getCell('C1').value)).toContain('Xét theo: KH Thạch Hà 2022');
    // The copy names the province's own form by its own label.
    const list = wb.getWorksheet('Danh sách')!;
    const cells: string[] = [];
    list.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? ''))));
    expect(cells).toContain('Cờ thi đua của UBND tỉnh');
  });

  it('refuses two plans that judge the same form for the same subjects, naming both', () => {
    expect(runs.clash.exitCode).toBe(2);
    expect(runs.clash.stdout).toBe('');
    expect(runs.clash.stderr).toContain('KH Thạch Hà 2022');
    expect(runs.clash.stderr).toContain('KH Hồng Lĩnh 2022');
  });
});
