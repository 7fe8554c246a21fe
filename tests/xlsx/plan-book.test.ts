/**
 * The plan workbook is lossless: every shipped plan written to a workbook (several sheets, and
 * the one-sheet layout) and read back is the same plan and gives the same result on every case.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { compilePlan } from '../../src/core/compile';
import type { Cell } from '../../src/core/cell';
import { evaluate } from '../../src/core/evaluate';
import { readPlanBook, formatBookError } from '../../src/core/plan-book/from-tables';
import { shippedPlan } from '../../src/plans';
import { fold } from '../../src/core/text';
import { bookSheets, buildPlanBook, type BookLayout } from '../../src/xlsx/plan-book';
import { householdPlanData } from '../core/household-plan';
import { PLAN_IDS, loadCases } from '../helpers/cases';

async function roundTrip(id: string, layout: BookLayout) {
  const original = shippedPlan(id)!;
  const wb = buildPlanBook(original.plan, layout);
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await wb.xlsx.writeBuffer());
  const result = readPlanBook(bookSheets(again), `${id}.xlsx`);
  if (!result.ok) throw new Error(result.errors.map(formatBookError).join('\n'));
  return { original, back: result.plan };
}

describe.each(PLAN_IDS.flatMap((id) => (['sheets', 'single'] as const).map((layout) => [id, layout] as const)))('%s (%s)', (id, layout) => {
  test('reads back as the same plan and the same result on every case row', async () => {
    const { original, back } = await roundTrip(id, layout);
    expect(back.plan).toEqual(original.plan);
    const cases = loadCases(id);
    expect(cases.rows.length).toBeGreaterThan(0);
    for (const row of cases.rows) {
      // A case may use a renamed column's former header, as a sheet may: read it as the column.
      const headerOf = (k: string): string => [...original.registry.values()].find((d) => d.header === k || d.variants.some((v) => fold(v) === fold(k)))?.header ?? k;
      const cells = new Map<string, Cell>(Object.entries(row.cells).map(([k, v]) => [headerOf(k), { value: v as Cell['value'] }]));
      const a = evaluate(original, cells, cases.run as never);
      const b = evaluate(back, cells, cases.run as never);
      expect({ id: row.id, status: b.status, tier: b.awardTier, missing: b.missing, deadline: b.deadline, reasons: b.reasons.map((r) => r.text) }).toEqual({
        id: row.id,
        status: a.status,
        tier: a.awardTier,
        missing: a.missing,
        deadline: a.deadline,
        reasons: a.reasons.map((r) => r.text),
      });
      expect(b.status).toBe(row.expect.status);
    }
  });
});

describe('a plan with per-form criteria, annual only, in the author’s citations', () => {
  test.each(['add', 'replace'] as const)('reads back as the same plan from both layouts (criteria %s)', async (how) => {
    const data = householdPlanData(how);
    // Every part the format grew: a cited level, a form's reading and note, a cited "none" form.
    const tiers = data.tiers as Record<string, Record<string, unknown>>;
    Object.assign(tiers['giay-khen'], { reading: 'Đóng góp tính theo năm xét khen', notice: 'Kèm xác nhận của UBND xã' });
    tiers['bang-khen-tinh'] = { kind: 'none', note: 'Quy định chỉ nói Giấy khen', cite: { ref: 'Điều 27', quote: 'Giấy khen' } };
    tiers['huan-chuong-lao-dong'] = { kind: 'evaluated', label: 'Huân chương', rounds: ['annual'], minLevel: 'dac-biet-xuat-sac', levelCite: { ref: 'Điều 28', quote: 'đặc biệt xuất sắc' }, cite: { ref: 'Điều 28', quote: 'Huân chương' } };
    const original = compilePlan(data, 'test');
    for (const layout of ['sheets', 'single'] as const) {
      const wb = buildPlanBook(original.plan, layout);
      const again = new ExcelJS.Workbook();
      await again.xlsx.load(await wb.xlsx.writeBuffer());
      const result = readPlanBook(bookSheets(again), 'ho-gia-dinh.xlsx');
      if (!result.ok) throw new Error(result.errors.map(formatBookError).join('\n'));
      expect(result.plan.plan).toEqual(original.plan);
    }
  });
});

/**
 * An office's plan written with the build of 2026-12-07 (tests/fixtures/plan-books-v1, exported by
 * that build, never regenerated) still loads after the format grew, and judges every case row as
 * the shipped plan does today.
 */
describe.each(PLAN_IDS)('a plan workbook exported by the previous build: %s', (id) => {
  test('loads unchanged and gives every case row its expected result', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', 'plan-books-v1', `${id}.xlsx`));
    const result = readPlanBook(bookSheets(wb), `${id}.xlsx`);
    if (!result.ok) throw new Error(result.errors.map(formatBookError).join('\n'));
    const today = shippedPlan(id)!;
    const cases = loadCases(id);
    for (const row of cases.rows) {
      const headerOf = (k: string): string => [...today.registry.values()].find((d) => d.header === k || d.variants.some((v) => fold(v) === fold(k)))?.header ?? k;
      const cells = new Map<string, Cell>(Object.entries(row.cells).map(([k, v]) => [headerOf(k), { value: v as Cell['value'] }]));
      const a = evaluate(today, cells, cases.run as never);
      const b = evaluate(result.plan, cells, cases.run as never);
      expect({ id: row.id, status: b.status, tier: b.awardTier, missing: b.missing, deadline: b.deadline }).toEqual({ id: row.id, status: a.status, tier: a.awardTier, missing: a.missing, deadline: a.deadline });
      expect(b.status).toBe(row.expect.status);
    }
  });
});

test.each(['quynh-nhai-2022', 'thach-ha-2022'])('a plan JSON written by the previous build (%s) still validates and keeps its levels', (id) => {
  const data = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'plan-books-v1', `${id}.plan.json`), 'utf8'));
  const loaded = compilePlan(data, `${id}.plan.json`);
  const today = shippedPlan(id)!;
  for (const tier of Object.keys(today.plan.tiers)) {
    const [a, b] = [today.plan.tiers[tier], loaded.plan.tiers[tier]];
    expect([b.kind, b.kind === 'evaluated' ? b.minLevel : undefined]).toEqual([a.kind, a.kind === 'evaluated' ? a.minLevel : undefined]);
  }
});
