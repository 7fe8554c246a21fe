/**
 * The page's and the pane's own merge and export with two plans (issue 18): the district's shipped
 * plan and a provincial plan. Each row is judged by the plan governing its award form, as
 * `check --merge` and `export` judge it, and the merged copy names both plans.
 */
import ExcelJS from 'exceljs';
import { sampleImportTemplate } from '../../scripts/sample-template';
import type { Cell } from '../../src/core/cell';
import { mergeSheets } from '../../src/core/merge-sheets';
import { planSet } from '../../src/core/plan-set';
import { shippedPlan } from '../../src/plans';
import { exportFiles } from '../../src/taskpane/file-export';
import { mergeFiles } from '../../src/taskpane/file-merge';
import { inspectTemplate, type TemplateShape } from '../../src/xlsx/import-template';
import { COMMUNE, higherPlan } from '../helpers/higher-plan';
import { buildList, NAME, PROPOSED, SUBJECT, type RowCells } from '../helpers/workbook';

const higher = higherPlan();
const district = shippedPlan('thach-ha-2022')!;
const both = planSet([district, higher]);
const ctx = { round: 'annual' as const, year: 2024 };

const commune: RowCells = { ...COMMUNE, [SUBJECT]: 'Xã' };

async function listFile(name: string, rows: RowCells[]): Promise<{ name: string; bytes: ArrayBuffer }> {
  const data = new Uint8Array(await buildList({ rows, title: true }).workbook.xlsx.writeBuffer());
  return { name, bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
}

const files = async () => [
  await listFile('xa-thach-dai.xlsx', [{ ...commune, [NAME]: 'UBND xã Thạch Đài', [PROPOSED]: 'Giấy khen' }]),
  await listFile('xa-thach-xuan.xlsx', [{ ...commune, [NAME]: 'UBND xã Thạch Xuân', [PROPOSED]: 'Bằng khen của Chủ tịch UBND tỉnh' }]),
];

test('the page merges two lists with two plans: each row judged by its plan, the copy naming both', async () => {
  const alone = await mergeFiles(await files(), district, ctx);
  const together = await mergeFiles(await files(), both, ctx);
  if (!('bytes' in alone) || !('bytes' in together)) throw new Error('nothing merged');
  const byName = (items: typeof together.checked.items) => new Map(items.map((i) => [i.decision.name, i]));
  const a = byName(alone.checked.items);
  const t = byName(together.checked.items);
  expect(a.get('UBND xã Thạch Xuân')?.decision.status).toBe('not-covered');
  expect(t.get('UBND xã Thạch Xuân')?.decision.status).toBe('eligible');
  expect(t.get('UBND xã Thạch Xuân')?.planName).toBe('QĐ 3351 Hà Tĩnh');
  // The district's row is exactly what the district's plan alone gives.
  expect(t.get('UBND xã Thạch Đài')?.decision).toEqual(a.get('UBND xã Thạch Đài')?.decision);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(together.bytes.buffer.slice(together.bytes.byteOffset, together.bytes.byteOffset + together.bytes.byteLength) as ArrayBuffer);
  const texts: string[] = [];
  wb.getWorksheet('Tổng hợp')!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
  expect(texts).toContain('Theo kế hoạch');
  expect(texts.some((x) => x.startsWith('QĐ 3351 Hà Tĩnh — số 3351/QĐ-UBND'))).toBe(true);
});

test("the pane's merge of the workbook's sheets judges each row by its plan and keeps that plan", () => {
  const sheetOf = (name: string, proposed: string): { file: string; name: string; rows: Cell[][] } => {
    const built = buildList({ rows: [{ ...commune, [NAME]: name, [PROPOSED]: proposed }] });
    const rows: Cell[][] = [];
    built.sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (c, k) => (cells[k - 1] = { value: c.value === null || c.value === undefined ? null : (c.value as string | number) }));
      rows[r - 1] = Array.from(cells, (c) => c ?? { value: null });
    });
    return { file: 'so.xlsx', name, rows: Array.from(rows, (r) => r ?? []) };
  };
  const sheets = [sheetOf('Thạch Đài', 'Giấy khen'), sheetOf('Thạch Xuân', 'Bằng khen tỉnh')];
  const items = mergeSheets(sheets, both, ctx).table.items as (ReturnType<typeof mergeSheets>['table']['items'][number] & { plan?: { plan: { id: string } } })[];
  const xuan = items.find((i) => i.decision.name === 'Thạch Xuân');
  expect(xuan?.plan?.plan.id).toBe('ha-tinh-3351-2021');
  expect(items.find((i) => i.decision.name === 'Thạch Đài')?.plan?.plan.id).toBe('thach-ha-2022');
});

test('the page exports to the import template through the plan that judged each nominee', async () => {
  const data = new Uint8Array(await sampleImportTemplate(10).xlsx.writeBuffer());
  const template = { name: 'mau-nhap.xlsx', bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
  const twb = new ExcelJS.Workbook();
  await twb.xlsx.load(template.bytes);
  const shape = inspectTemplate(twb) as TemplateShape;
  // The office's choice, made once: its catalogue files a commune under "Cơ quan Hành chính".
  const choices = [{ kind: 'subject' as const, value: 'Xã', choice: 'Cơ quan Hành chính' }];
  const alone = await exportFiles(await files(), template, shape, choices, planSet([district]), ctx);
  const together = await exportFiles(await files(), template, shape, choices, both, ctx);
  const outcome = (done: typeof alone, name: string) => done.plan.outcomes.find((o) => o.name === name);
  // Alone, the provincial row is not eligible under the district plan and is not exported.
  expect(outcome(alone, 'UBND xã Thạch Xuân')?.status).toBe('not-eligible');
  expect(outcome(together, 'UBND xã Thạch Xuân')?.plan).toBe('ha-tinh-3351-2021');
  expect(outcome(together, 'UBND xã Thạch Xuân')?.status).toBe('written');
  // The form is written as the template's catalogue names a province's Bằng khen.
  expect(outcome(together, 'UBND xã Thạch Xuân')?.award?.name).toBe('Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương');
  expect(outcome(together, 'UBND xã Thạch Đài')?.plan).toBe('thach-ha-2022');
});
