/**
 * Export with several plans (issue 18): a nominee's award form goes to the import template's
 * catalogue through the plan that judged it — that plan's own forms and its `catalogueName` — never
 * through the list's own plan, which may not know the form at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sampleImportTemplate } from '../../scripts/sample-template';
import type { Cell } from '../../src/core/cell';
import { NO_MAPPING } from '../../src/core/catalogue-export';
import { COL } from '../../src/core/columns';
import { compilePlan } from '../../src/core/compile';
import { judgeExplained, planSet } from '../../src/core/plan-set';
import { inspectTemplate, type TemplateShape } from '../../src/xlsx/import-template';
import { countsByPlan, planExport, type Nominee } from '../../src/xlsx/lifesoft-export';
import { shippedPlan } from '../../src/plans';

const HIGHER = path.join(__dirname, '..', 'fixtures', 'plans', 'ha-tinh-3351-2021.json');
const CATALOGUE_FLAG = 'Cờ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương';

function higherPlan() {
  const json = JSON.parse(fs.readFileSync(HIGHER, 'utf8'));
  // The province's office writes which catalogue entry its own flag is imported as.
  json.tiers['co-thi-dua-tinh'].catalogueName = CATALOGUE_FLAG;
  return compilePlan(json, 'qd3351.json');
}

const shape = inspectTemplate(sampleImportTemplate(10)) as TemplateShape;
const base = {
  [COL.subject]: 'Xã',
  [COL.year]: 2025,
  [COL.round]: 'Tổng kết',
  [COL.lawAbiding]: 'Có',
  'Tiêu biểu trong phong trào': 'Có',
  'Dẫn đầu phong trào cấp huyện': 'Có',
  'Nợ đọng XDCB': 'Không',
  [COL.level]: 'Tiêu biểu xuất sắc',
};

function nominees(): Nominee[] {
  const set = planSet([shippedPlan('thach-ha-2022')!, higherPlan()]);
  const rows = [
    { [COL.name]: 'UBND xã Thạch Kênh', [COL.proposed]: 'Cờ thi đua tỉnh' },
    { [COL.name]: 'UBND xã Thạch Đài', [COL.proposed]: 'Giấy khen của Chủ tịch UBND huyện', [COL.year]: 2024, [COL.round]: 'Hằng năm' },
  ];
  return rows.map((r, i) => {
    const cells = new Map<string, Cell>(Object.entries({ ...base, ...r }).map(([k, v]) => [k, { value: v }]));
    // The office's catalogue calls a commune "Cơ quan Hành chính": chosen once, here written in the list.
    const judged = judgeExplained(set, cells);
    cells.set(COL.subject, { value: 'Cơ quan Hành chính' });
    return { file: 'ds.xlsx', sheet: 'Danh sách', row: 5 + i, unit: null, cells, decision: judged.decision, plan: judged.plan };
  });
}

test("a nominee's award form is the catalogue entry the plan that judged it names", () => {
  const [flag, giayKhen] = nominees();
  expect([flag.decision.status, giayKhen.decision.status]).toEqual(['eligible', 'eligible']);
  const planned = planExport([flag, giayKhen], shape, shippedPlan('thach-ha-2022')!.plan, NO_MAPPING);
  expect(planned.outcomes.map((o) => [o.name, o.plan, o.status, o.award])).toEqual([
    ['UBND xã Thạch Kênh', 'ha-tinh-3351-2021', 'written', { name: CATALOGUE_FLAG, by: 'plan' }],
    // The list's own words name a catalogue entry (UBND = Ủy ban nhân dân): they come first, whichever plan judged.
    ['UBND xã Thạch Đài', 'thach-ha-2022', 'written', { name: 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện', by: 'list' }],
  ]);
  expect(countsByPlan(planned.outcomes, ['thach-ha-2022', 'ha-tinh-3351-2021'])).toEqual([
    { plan: 'thach-ha-2022', nominees: 1, eligible: 1, written: 1, blocked: 0, duplicates: 0, notEligible: 0 },
    { plan: 'ha-tinh-3351-2021', nominees: 1, eligible: 1, written: 1, blocked: 0, duplicates: 0, notEligible: 0 },
  ]);
});

test("without the judging plan, the list's own plan has no word for the province's form: blocked, not guessed", () => {
  const [flag] = nominees();
  const { plan: _judgedBy, ...unsaid } = flag;
  const planned = planExport([unsaid], shape, shippedPlan('thach-ha-2022')!.plan, NO_MAPPING);
  expect(planned.outcomes[0]).toMatchObject({ status: 'blocked', why: [expect.stringContaining('kế hoạch không có quy định cho hình thức này')] });
  expect(planned.outcomes[0]).not.toHaveProperty('plan');
});
