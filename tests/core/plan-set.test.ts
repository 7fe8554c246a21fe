import fs from 'node:fs';
import path from 'node:path';
import type { Cell } from '../../src/core/cell';
import { COL } from '../../src/core/columns';
import { compilePlan, type CompiledPlan } from '../../src/core/compile';
import { evaluateExplained } from '../../src/core/evaluate';
import { judgeExplained, namedPlan, PlanConflictError, planSet } from '../../src/core/plan-set';
import { resultCells } from '../../src/core/report';
import { shippedPlan } from '../../src/plans';

const HIGHER = path.join(__dirname, '..', 'fixtures', 'plans', 'ha-tinh-3351-2021.json');
const higher = (): CompiledPlan => compilePlan(JSON.parse(fs.readFileSync(HIGHER, 'utf8')), HIGHER);
const thachHa = shippedPlan('thach-ha-2022')!;

function row(values: Record<string, string | number | null>): Map<string, Cell> {
  return new Map(Object.entries(values).map(([k, v]) => [k, { value: v }]));
}

const commune = {
  [COL.name]: 'UBND xã Thạch Đài',
  [COL.subject]: 'Xã',
  [COL.year]: 2024,
  [COL.lawAbiding]: 'Có',
  'Tiêu biểu trong phong trào': 'Có',
  'Dẫn đầu phong trào cấp huyện': 'Có',
  'Nợ đọng XDCB': 'Không',
  [COL.level]: 'Tiêu biểu xuất sắc',
};
const official = {
  [COL.name]: 'Nguyễn Văn An',
  [COL.subject]: 'Cán bộ',
  [COL.unit]: 'Phó Chủ tịch UBND xã Thạch Đài',
  [COL.year]: 2024,
  [COL.lawAbiding]: 'Có',
  'Sáng kiến, giải pháp hữu ích': 'Có',
  'Thành tích tiêu biểu xuất sắc': 'Không',
  [COL.level]: 'Tiêu biểu xuất sắc',
};

describe('plans judging one list together', () => {
  const both = planSet([thachHa, higher()]);
  const [, provincial] = both.plans;

  it("judges Giấy khen by the district's plan and Bằng khen tỉnh by the province's decision the district hands it to", () => {
    const gk = judgeExplained(both, row({ ...commune, [COL.proposed]: 'Giấy khen của Chủ tịch UBND huyện' }));
    expect(gk.plan).toBe(thachHa);
    expect(gk.decision.status).toBe('eligible');
    const bk = judgeExplained(both, row({ ...commune, [COL.proposed]: 'Bằng khen của Chủ tịch UBND tỉnh' }));
    expect(bk.plan).toBe(provincial);
    expect(bk.decision.status).toBe('eligible');
    expect(bk.decision.reasons.some((s) => s.citation.startsWith('QĐ 3351 Hà Tĩnh'))).toBe(true);
    // Alone, the district's plan can only say the form is another document's.
    expect(evaluateExplained(thachHa, row({ ...commune, [COL.proposed]: 'Bằng khen của Chủ tịch UBND tỉnh' })).status).toBe('not-covered');
  });

  it("judges a row failing the province's criteria as ineligible, naming the province's criterion", () => {
    const bk = judgeExplained(both, row({ ...official, [COL.proposed]: 'Bằng khen tỉnh' }));
    expect(bk.plan).toBe(provincial);
    expect(bk.decision.status).toBe('ineligible');
    expect(resultCells(bk.decision)[4]).toContain('QĐ 3351 Hà Tĩnh, mục II.1.b');
  });

  it('follows a hand-over into the given plan, which hands Bằng khen Thủ tướng on to QĐ 587 and cites it', () => {
    const ttg = judgeExplained(both, row({ ...commune, [COL.proposed]: 'Bằng khen Thủ tướng Chính phủ', 'Đợt khen thưởng': 'Tổng kết', [COL.year]: 2025 }));
    expect(ttg.plan).toBe(provincial);
    expect(ttg.decision.status).toBe('not-covered');
    expect(resultCells(ttg.decision)[4]).toContain('587/QĐ-TTg');
    // Huân chương: the province hands it on too, and only at tổng kết; a yearly one is refused by its round rule.
    const medal = judgeExplained(both, row({ ...commune, [COL.proposed]: 'Huân chương Lao động' }));
    expect(medal.plan).toBe(provincial);
    expect(medal.decision.status).toBe('ineligible');
    expect(resultCells(medal.decision)[4]).toContain('QĐ 3351 Hà Tĩnh');
  });

  it("reads a form only the higher plan knows with that plan's own words, and names it so", () => {
    const flag = judgeExplained(both, row({ ...commune, [COL.proposed]: 'Cờ thi đua tỉnh', 'Đợt khen thưởng': 'Tổng kết', [COL.year]: 2025 }));
    expect(flag.plan).toBe(provincial);
    expect(flag.decision.proposed).toBe('co-thi-dua-tinh');
    expect(flag.decision.status).toBe('eligible');
    expect(resultCells(flag.decision, undefined, flag.plan)[1]).toBe('Cờ thi đua của UBND tỉnh');
    // The district's plan alone does not know the form at all.
    expect(evaluateExplained(thachHa, row({ ...commune, [COL.proposed]: 'Cờ thi đua tỉnh' })).proposed).toBeNull();
  });

  it("leaves every row of the district's own forms exactly as the district's plan alone judges it", () => {
    // The district's own form, a form it does not provide, a blank and an unreadable one.
    const forms = ['Giấy khen', 'Giấy khen của Chủ tịch UBND huyện', 'Giấy khen của Chủ tịch UBND xã', '', 'Khen thưởng đột xuất'];
    const subjects = ['Xã', 'Cán bộ', 'Thôn', 'Hộ gia đình', 'Đặc khu'];
    for (const form of forms) {
      for (const subject of subjects) {
        for (const base of [commune, official]) {
          const r = row({ ...base, [COL.subject]: subject, [COL.proposed]: form || null });
          const alone = evaluateExplained(thachHa, r);
          const together = judgeExplained(both, r);
          expect(together.plan).toBe(thachHa);
          expect({ ...together.decision, reasons: together.decision.reasons }).toEqual({ ...alone, reasons: alone.reasons });
        }
      }
    }
  });

  it('refuses two plans that judge the same form for the same subject type, naming both', () => {
    const hongLinh = shippedPlan('hong-linh-2022')!;
    let error: unknown;
    try {
      planSet([thachHa, hongLinh]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanConflictError);
    const message = (error as Error).message;
    expect(message).toContain('KH Thạch Hà 2022');
    expect(message).toContain('KH Hồng Lĩnh 2022');
    expect(message).toContain('“Giấy khen”');
    expect(() => planSet([thachHa, thachHa])).toThrow(/hai lần/);
  });

  it('refuses two different plans under one id: every result names its plan by id', () => {
    // An office starts from `plan export thach-ha-2022` and keeps the id while writing the province's plan.
    const json = JSON.parse(fs.readFileSync(HIGHER, 'utf8'));
    json.id = 'thach-ha-2022';
    const sameId = compilePlan(json, 'qd3351.xlsx');
    expect(() => planSet([thachHa, sameId])).toThrow(/^Hai kế hoạch khác nhau cùng mã “thach-ha-2022”: KH Thạch Hà 2022 \(.*\) và QĐ 3351 Hà Tĩnh \(qd3351\.xlsx\); .*đổi “Mã kế hoạch”/);
  });

  it('finds the plan a hand-over names by its document number, however it is spelled', () => {
    expect(namedPlan('theo QD so 3351/QD-UBND cua tinh', both.plans)).toBe(provincial);
    expect(namedPlan('Quyết định số 3352/QĐ-UBND', both.plans)).toBeUndefined();
    expect(namedPlan('Hướng dẫn của Trung ương', both.plans)).toBeUndefined();
  });

  it('finds the plan a hand-over names, when its document gives no number, by the plan\'s id or exact short name only', () => {
    expect(namedPlan('Kế hoạch khen thưởng của tỉnh (QĐ 3351 Hà Tĩnh)', both.plans)).toBe(provincial);
    expect(namedPlan('thực hiện theo ha-tinh-3351-2021', both.plans)).toBe(provincial);
    // Case and spacing aside: the same words.
    expect(namedPlan('theo  kh THẠCH HÀ 2022', both.plans)).toBe(thachHa);
    // Nothing looser: other words, no diacritics, part of a longer name or id.
    expect(namedPlan('Quyết định 3351 của tỉnh Hà Tĩnh', both.plans)).toBeUndefined();
    expect(namedPlan('QD 3351 Ha Tinh', both.plans)).toBeUndefined();
    expect(namedPlan('QĐ 3351 Hà Tĩnh-2', both.plans)).toBeUndefined();
    expect(namedPlan('theo ha-tinh-3351-2021-sua', both.plans)).toBeUndefined();
    // A document with a number is that document, whatever else it names.
    expect(namedPlan('Quyết định số 9999/QĐ-UBND (thay QĐ 3351 Hà Tĩnh)', both.plans)).toBeUndefined();
    // A text two plans' names fit names neither.
    expect(namedPlan('KH Thạch Hà 2022 và QĐ 3351 Hà Tĩnh', both.plans)).toBeUndefined();
  });

  it('follows a hand-over whose document names the higher plan by its short name, and only then', () => {
    const json = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'plans', 'thach-ha-2022.json'), 'utf8'));
    const handing = (document: string) => {
      const edited = structuredClone(json);
      edited.tiers['bang-khen-ttg'].document = document;
      return planSet([compilePlan(edited, 'thach-ha-sua.json'), higher()]);
    };
    // No plan evaluates Bằng khen Thủ tướng: the district hands it over, the province hands it on to QĐ 587.
    const input = row({ ...commune, [COL.proposed]: 'Bằng khen Thủ tướng Chính phủ', 'Đợt khen thưởng': 'Tổng kết', [COL.year]: 2025 });
    const named = handing('Kế hoạch khen thưởng của tỉnh (QĐ 3351 Hà Tĩnh)');
    const followed = judgeExplained(named, input);
    expect(followed.plan).toBe(named.plans[1]);
    expect(resultCells(followed.decision)[4]).toContain('587/QĐ-TTg');
    const unnamed = handing('Kế hoạch khen thưởng của tỉnh');
    const kept = judgeExplained(unnamed, input);
    expect(kept.plan).toBe(unnamed.plans[0]);
    expect(kept.decision.status).toBe('not-covered');
    expect(resultCells(kept.decision)[4]).not.toContain('587/QĐ-TTg');
  });
});
