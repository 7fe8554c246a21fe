/**
 * Award forms read against a management system's catalogue (issue 21 §1): abbreviations written
 * out, exact on the words that tell entries apart, never the nearest string; and every shipped
 * plan's award forms either map to one entry of a full catalogue or are reported.
 */
import { SAMPLE_AWARDS } from '../../scripts/sample-template';
import { planAward } from '../../src/core/catalogue-export';
import { catalogueKey, matchCatalogue } from '../../src/core/catalogue-match';
import { PLAN_IDS, shippedPlan } from '../../src/plans';

const AWARDS = SAMPLE_AWARDS.map(([n]) => n);
const GK_HUYEN = 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện';
const GK_XA = 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã';
const GK_TINH = 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh';
const GK_BO = 'Giấy khen của Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, cơ quan ngang bộ, cơ quan thuộc Chính phủ';
const BK_TINH = 'Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương';
const BK_TTG = 'Bằng khen của Thủ tướng Chính phủ';
const HC_LD = ['Huân chương Lao động hạng nhất', 'Huân chương Lao động hạng nhì', 'Huân chương Lao động hạng ba'];
const GIAY_KHEN = [GK_BO, GK_TINH, GK_HUYEN, GK_XA];

test('abbreviations are read as their full forms; case, diacritics and punctuation aside', () => {
  expect(catalogueKey('Giấy khen của Chủ tịch UBND huyện')).toBe(catalogueKey('GIAY KHEN CUA CHU TICH UY BAN NHAN DAN CAP HUYEN'));
  expect(catalogueKey('Bằng khen của UBMTTQ Việt Nam tỉnh')).toBe(catalogueKey('Bằng khen của Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'));
  expect(catalogueKey('Giấy khen của HĐND xã')).toBe(catalogueKey('Giấy khen của Hội đồng nhân dân cấp xã'));
  expect(catalogueKey('Khen thưởng theo QĐ của TW MTTQ')).toBe(catalogueKey('Khen thưởng theo quyết định của Trung ương Mặt trận Tổ quốc'));
  expect(catalogueKey('Bằng khen của TTg Chính phủ')).toBe(catalogueKey(BK_TTG));
});

test.each<[string, string]>([
  ['Giấy khen của Chủ tịch UBND huyện', GK_HUYEN],
  ['Giấy khen của Chủ tịch UBND thị xã', GK_HUYEN], // a thị xã is cấp huyện, though it holds the word "xã"
  ['Giấy khen của Chủ tịch UBND TP. Gia Nghĩa', GK_HUYEN],
  ['giấy khen chủ tịch ubnd cấp huyện', GK_HUYEN],
  ['Giấy khen của Chủ tịch UBND xã, thị trấn', GK_XA],
  ['Giấy khen của Chủ tịch UBND phường', GK_XA],
  ['Giấy khen của Chủ tịch UBND cấp xã (hình thức khen thưởng khác)', GK_XA],
  ['Bằng khen của Chủ tịch UBND tỉnh', BK_TINH], // the catalogue's provincial-level Bằng khen names "tỉnh" among its issuers
  ['Bằng khen của Thủ tướng Chính phủ', BK_TTG],
  ['Huân chương Lao động hạng Ba', 'Huân chương Lao động hạng ba'],
  ['Cờ thi đua của UBND tỉnh', 'Cờ thi đua của UBND tỉnh'],
])('“%s” is the entry “%s”', (name, entry) => {
  expect(matchCatalogue(name, AWARDS)).toEqual({ name: entry, how: expect.any(String) });
});

test.each<[string, string[]]>([
  // No class named: one of three, which the plan does not say.
  ['Huân chương Lao động', HC_LD],
  // No issuer named: any of the four.
  ['Giấy khen', GIAY_KHEN],
  ['Bằng khen', [BK_TTG, BK_TINH]],
  // Two issuers in one form: neither entry is the form.
  ['Giấy khen của Thủ trưởng cơ quan, đơn vị, Chủ tịch UBND xã', GIAY_KHEN],
  ['Giấy khen (Thủ trưởng các Sở, Ban, ngành, đoàn thể tỉnh; Chủ tịch UBND các huyện, thành phố Gia Nghĩa)', GIAY_KHEN],
  // Near in spelling is not the same: a level the catalogue does not have is not the nearest one.
  ['Giấy khen của Chủ tịch UBND tỉnh', GIAY_KHEN],
  ['Huân chương Lao động hạng Tư', HC_LD],
])('“%s” is reported with the entries to choose from, not guessed', (name, candidates) => {
  const got = matchCatalogue(name, AWARDS);
  expect(got).toEqual({ problem: expect.stringMatching(/none|several/), candidates: expect.arrayContaining(candidates) });
  expect('candidates' in got && got.candidates).toHaveLength(candidates.length);
});

/** What each shipped plan's award forms become against the full catalogue: an entry, or reported. */
const EXPECTED: Record<string, Record<string, string | null>> = {
  'thach-ha-2022': { 'giay-khen': GK_HUYEN, 'bang-khen-tinh': BK_TINH, 'bang-khen-ttg': BK_TTG, 'huan-chuong-lao-dong': null },
  'hong-linh-2022': { 'giay-khen': GK_HUYEN, 'bang-khen-tinh': BK_TINH, 'bang-khen-ttg': BK_TTG, 'huan-chuong-lao-dong': null },
  'dak-nong-2022': { 'giay-khen-xa': GK_XA, 'giay-khen': null, 'bang-khen-tinh': BK_TINH, 'bang-khen-ttg': BK_TTG, 'huan-chuong-lao-dong': null },
  'quynh-nhai-2022': { 'giay-khen-xa': null, 'giay-khen': GK_HUYEN, 'bang-khen-tinh': BK_TINH, 'bang-khen-ttg': BK_TTG, 'huan-chuong-lao-dong': null },
  'nguyen-binh-2022': { 'giay-khen-xa': GK_XA, 'giay-khen': GK_HUYEN, 'bang-khen-tinh': BK_TINH, 'bang-khen-ttg': BK_TTG, 'huan-chuong-lao-dong': null },
};

test.each(PLAN_IDS)('%s: every award form of the plan maps to one catalogue entry or is reported with candidates', (id) => {
  const plan = shippedPlan(id)!.plan;
  const forms = Object.entries(plan.tiers).filter(([, r]) => r.kind !== 'none');
  const got = Object.fromEntries(
    forms.map(([tier]) => {
      const r = planAward(plan, tier, AWARDS);
      if ('name' in r) return [tier, r.name];
      // Reported: with a reason naming the plan's words and the entries to choose from.
      expect(r.problem).toContain(r.label!);
      expect(r.candidates.length).toBeGreaterThan(1);
      return [tier, null];
    }),
  );
  expect(got).toEqual(EXPECTED[id]);
});

test("a plan's catalogue name decides, and one the catalogue lacks is reported", () => {
  const plan = structuredClone(shippedPlan('thach-ha-2022')!.plan);
  const rule = plan.tiers['huan-chuong-lao-dong'];
  if (!rule || rule.kind === 'none') throw new Error('fixture');
  rule.catalogueName = 'Huân chương Lao động hạng ba';
  expect(planAward(plan, 'huan-chuong-lao-dong', AWARDS)).toEqual({ name: 'Huân chương Lao động hạng ba', how: 'catalogueName' });
  rule.catalogueName = 'Huân chương Lao động hạng tư';
  expect(planAward(plan, 'huan-chuong-lao-dong', AWARDS)).toMatchObject({ problem: expect.stringContaining('hạng tư'), candidates: [] });
});
