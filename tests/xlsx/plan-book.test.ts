/**
 * The plan workbook is lossless: every shipped plan written to a workbook (several sheets, and
 * the one-sheet layout) and read back is the same plan and gives the same result on every case.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../../src/core/cell';
import { evaluate } from '../../src/core/evaluate';
import { readPlanBook, formatBookError } from '../../src/core/plan-book/from-tables';
import { shippedPlan } from '../../src/plans';
import { fold } from '../../src/core/text';
import { bookSheets, buildPlanBook, type BookLayout } from '../../src/xlsx/plan-book';
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
