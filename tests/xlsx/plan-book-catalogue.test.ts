/**
 * A plan's award form carries its catalogue name (issue 21): set in the plan workbook's "Hình thức
 * khen" sheet, column "Tên trong danh mục phần mềm", and read back as the rule's `catalogueName`.
 */
import ExcelJS from 'exceljs';
import { formatBookError, readPlanBook } from '../../src/core/plan-book/from-tables';
import { shippedPlan } from '../../src/plans';
import { bookSheets, buildPlanBook } from '../../src/xlsx/plan-book';

test.each(['sheets', 'single'] as const)('the catalogue name survives the plan workbook (%s)', async (layout) => {
  const plan = structuredClone(shippedPlan('thach-ha-2022')!.plan);
  const rule = plan.tiers['huan-chuong-lao-dong'];
  if (!rule || rule.kind === 'none') throw new Error('fixture');
  rule.catalogueName = 'Huân chương Lao động hạng ba';
  const wb = buildPlanBook(plan, layout);
  // The column is there, under its Vietnamese header, and holds the name on the form's row.
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && cells.push(c.value))));
  expect(cells).toEqual(expect.arrayContaining(['Tên trong danh mục phần mềm', 'Huân chương Lao động hạng ba']));
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await wb.xlsx.writeBuffer());
  const result = readPlanBook(bookSheets(again), 'ke-hoach.xlsx');
  if (!result.ok) throw new Error(result.errors.map(formatBookError).join('\n'));
  expect(result.plan.plan.tiers['huan-chuong-lao-dong']).toMatchObject({ catalogueName: 'Huân chương Lao động hạng ba' });
  // A form without one stays without.
  expect(result.plan.plan.tiers['giay-khen']).not.toHaveProperty('catalogueName');
});
