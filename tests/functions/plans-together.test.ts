/**
 * The functions' `plan` argument naming several plans (issue 18): a district's shipped plan and the
 * province's plan an office keeps as a sheet of the workbook ("Kế hoạch cấp trên"), named together
 * in the argument or chosen in the pane; each row judged by the plan governing its award form, as
 * the command line judges it.
 */
import { createFunctions, FunctionError, MESSAGES } from '../../src/functions/adapter';
import { planArgument, sheetNameOf } from '../../src/functions/plan-choice';
import { HIGHER_SHEET_NAME } from '../../src/functions/settings';
import { planSheetLayout } from '../../src/taskpane/plan-sheet';
import { higherPlan } from '../helpers/higher-plan';
import { FakeHost } from './fixtures';

const higher = higherPlan();
const HIGHER_SHEET = planSheetLayout(higher.plan).values;

const HEADERS = [
  'Tên tập thể, cá nhân',
  'Đối tượng',
  'Hình thức đề nghị',
  'Năm',
  'Chấp hành tốt chủ trương, chính sách, pháp luật',
  'Tiêu biểu trong phong trào',
  'Dẫn đầu phong trào cấp huyện',
  'Nợ đọng XDCB',
  'Mức thành tích',
];
const commune = [2024, 'Có', 'Có', 'Có', 'Không', 'Tiêu biểu xuất sắc'];
const GIAY_KHEN = ['UBND xã Thạch Đài', 'Xã', 'Giấy khen của Chủ tịch UBND huyện', ...commune];
const BANG_KHEN = ['UBND xã Thạch Đài', 'Xã', 'Bằng khen của Chủ tịch UBND tỉnh', ...commune];

const caught = (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e);

describe('what the plan argument names', () => {
  it('reads names from text, from a one-line range, and a two-dimensional range as one plan laid out in place', () => {
    expect(planArgument('thach-ha-2022; Kế hoạch cấp trên')).toEqual({ kind: 'names', names: ['thach-ha-2022', 'Kế hoạch cấp trên'] });
    expect(planArgument([['thach-ha-2022', 'Kế hoạch cấp trên']])).toEqual({ kind: 'names', names: ['thach-ha-2022', 'Kế hoạch cấp trên'] });
    expect(planArgument([['thach-ha-2022'], ['dak-nong-2022'], ['']])).toEqual({ kind: 'names', names: ['thach-ha-2022', 'dak-nong-2022'] });
    expect(planArgument([['Mã kế hoạch', 'x'], ['Tên', 'KH']]).kind).toBe('range');
    expect(planArgument(undefined)).toEqual({ kind: 'saved' });
    expect(planArgument([['']])).toEqual({ kind: 'saved' });
  });

  it('keeps a quoted sheet name whole, separators and all', () => {
    expect(planArgument("thach-ha-2022; 'QĐ 3351, Hà Tĩnh'")).toEqual({ kind: 'names', names: ['thach-ha-2022', "'QĐ 3351, Hà Tĩnh'"] });
    expect(sheetNameOf("'QĐ 3351, Hà Tĩnh'")).toBe('QĐ 3351, Hà Tĩnh');
  });

  it('takes a sheet as Excel writes it in a reference', () => {
    expect(sheetNameOf("'Kế hoạch cấp trên'")).toBe('Kế hoạch cấp trên');
    expect(sheetNameOf("'Kế hoạch'!A1:K90")).toBe('Kế hoạch');
    expect(sheetNameOf("'KH của ''xã'''")).toBe("KH của 'xã'");
    expect(sheetNameOf('KHtinh!A1')).toBe('KHtinh');
  });
});

describe('a shipped plan and a plan sheet judging one list', () => {
  it('judges a row proposed for Bằng khen tỉnh by the province plan of the sheet, and a Giấy khen row by the district plan as alone', async () => {
    const host = new FakeHost({ [HIGHER_SHEET_NAME]: HIGHER_SHEET }, {});
    const fns = createFunctions(host);
    const both = `thach-ha-2022; ${HIGHER_SHEET_NAME}`;

    // Alone, the district plan hands Bằng khen tỉnh over: "Ngoài phạm vi kế hoạch" (#N/A).
    const alone = (await caught(fns.eligible([BANG_KHEN], [HEADERS], 'thach-ha-2022'))) as FunctionError;
    expect(alone).toBeInstanceOf(FunctionError);
    expect(alone.code).toBe('#N/A');
    expect(alone.message).toContain('Ngoài phạm vi kế hoạch');

    expect(await fns.eligible([BANG_KHEN], [HEADERS], both)).toBe(true);
    expect(await fns.awardTier([BANG_KHEN], [HEADERS], both)).toBe(higher.tierName('bang-khen-tinh'));
    // REASONS names the plan that judged the row first, then the steps in that plan's words.
    const [first, ...steps] = (await fns.reasons([BANG_KHEN], [HEADERS], both)).split('\n');
    expect(first).toBe('Kế hoạch xét: QĐ 3351 Hà Tĩnh');
    expect(steps.some((l) => l.includes('QĐ 3351 Hà Tĩnh'))).toBe(true);
    expect((await fns.reasons([GIAY_KHEN], [HEADERS], both)).split('\n')[0]).toBe('Kế hoạch xét: KH Thạch Hà 2022');

    // The district's own row is exactly what the district plan alone gives.
    for (const f of ['eligible', 'awardTier', 'missing', 'deadline'] as const) {
      expect(await fns[f]([GIAY_KHEN], [HEADERS], both)).toEqual(await fns[f]([GIAY_KHEN], [HEADERS], 'thach-ha-2022'));
    }
  });

  it('judges a whole table the same way in NTM.CHECK, row by row', async () => {
    const fns = createFunctions(new FakeHost({ [HIGHER_SHEET_NAME]: HIGHER_SHEET }, {}));
    const out = await fns.check([HEADERS, GIAY_KHEN, BANG_KHEN], [['thach-ha-2022', HIGHER_SHEET_NAME]], 'Hằng năm', 2024);
    expect(out[1][0]).toBe('Đủ điều kiện');
    expect(out[2][0]).toBe('Đủ điều kiện');
    expect(out[2][1]).toBe(higher.tierName('bang-khen-tinh'));
    const alone = await fns.check([HEADERS, GIAY_KHEN, BANG_KHEN], 'thach-ha-2022', 'Hằng năm', 2024);
    // A sixth column names the plan that judged each row; alone, the five columns stay as they were.
    expect(out[0][5]).toBe('Kế hoạch xét');
    expect(out.slice(1).map((r) => r[5])).toEqual(['KH Thạch Hà 2022', 'QĐ 3351 Hà Tĩnh']);
    expect(out[1].slice(0, 5)).toEqual(alone[1]);
    expect(alone.every((r) => r.length === 5)).toBe(true);
    expect(alone[2][0]).toBe('Ngoài phạm vi kế hoạch');
  });

  it('uses the higher plan chosen in the pane when the formula names none', async () => {
    const fns = createFunctions(new FakeHost({ [HIGHER_SHEET_NAME]: HIGHER_SHEET }, { plan: 'thach-ha-2022', higherPlan: HIGHER_SHEET_NAME }));
    expect(await fns.eligible([BANG_KHEN], [HEADERS])).toBe(true);
    const shipped = createFunctions(new FakeHost({}, { plan: 'thach-ha-2022', higherPlan: 'thach-ha-2022' }));
    // The same plan twice is a mistake the cell names, not a silent double.
    expect(((await caught(shipped.eligible([GIAY_KHEN], [HEADERS]))) as Error).message).toContain('ghi hai lần');
  });

  it('never judges by the higher plan alone: without the pane\'s own plan saved, the cell asks for a plan', async () => {
    // The pane's own plan was a plan file (not saved: the functions cannot read it), the higher one a sheet.
    const fns = createFunctions(new FakeHost({ [HIGHER_SHEET_NAME]: HIGHER_SHEET }, { higherPlan: HIGHER_SHEET_NAME }));
    await expect(fns.eligible([GIAY_KHEN], [HEADERS])).rejects.toMatchObject({ code: '#VALUE!', message: MESSAGES.noPlan });
  });

  it('reads the plan sheet once for a filled-down column, and again after the sheet is edited', async () => {
    const host = new FakeHost({ [HIGHER_SHEET_NAME]: HIGHER_SHEET }, {});
    const fns = createFunctions(host);
    const both = `thach-ha-2022; ${HIGHER_SHEET_NAME}`;
    await Promise.all(Array.from({ length: 20 }, () => fns.eligible([BANG_KHEN], [HEADERS], both)));
    expect(host.planReads).toBe(1);

    // The office renames its plan on the sheet: the next calculation reads the sheet again and says so.
    const renamed = planSheetLayout({ ...higher.plan, shortName: 'QĐ 3351 (sửa đổi)' }).values;
    host.edit(HIGHER_SHEET_NAME, 5, renamed);
    expect((await fns.reasons([BANG_KHEN], [HEADERS], both)).split('\n')[0]).toBe('Kế hoạch xét: QĐ 3351 (sửa đổi)');
    expect(host.planReads).toBe(2);
  });

  it('says which name is neither a plan id nor a sheet, and where a plan sheet is wrong', async () => {
    const host = new FakeHost({ 'KH tỉnh': [['[Thông tin chung]'], ['Mã kế hoạch'], ['']] }, {});
    const fns = createFunctions(host);
    const unknown = (await caught(fns.eligible([BANG_KHEN], [HEADERS], 'thach-ha-2022; KH huyen'))) as FunctionError;
    expect(unknown.code).toBe('#VALUE!');
    expect(unknown.message).toContain('"KH huyen"');
    expect(unknown.message).toContain('tên một trang kế hoạch');
    const broken = (await caught(fns.eligible([BANG_KHEN], [HEADERS], "thach-ha-2022; 'KH tỉnh'"))) as FunctionError;
    expect(broken.code).toBe('#VALUE!');
    expect(broken.message).toMatch(/^KH tỉnh!A\d+: /);
  });

  it('refuses, in the cell, two plans that judge the same form for the same subjects, naming both', async () => {
    const fns = createFunctions(new FakeHost({}, {}));
    const table = [
      ['Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị'],
      ['UBND xã Thạch Đài', 'Xã', 'Giấy khen'],
    ];
    const error = (await caught(fns.check(table, 'thach-ha-2022; dak-nong-2022', 'Hằng năm', 2024))) as FunctionError;
    expect(error).toBeInstanceOf(FunctionError);
    expect(error.message).toContain('KH Thạch Hà 2022');
    expect(error.message).toContain('QĐ 137/QĐ-UBND Đắk Nông');
  });
});
