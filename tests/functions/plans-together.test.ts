/**
 * The functions' `plan` argument naming several plans (issue 18): "a; b" or a one-line range of
 * plan ids, put together as the command line puts --plan options together.
 */
import { createFunctions, FunctionError } from '../../src/functions/adapter';
import { planIdsOf } from '../../src/functions/plan-choice';
import { FakeHost } from './fixtures';

describe('several plans in a function argument', () => {
  it('reads "a; b", "a, b" and a one-line range of plan ids as several plans', () => {
    expect(planIdsOf('thach-ha-2022; dak-nong-2022')).toEqual(['thach-ha-2022', 'dak-nong-2022']);
    expect(planIdsOf('thach-ha-2022,dak-nong-2022')).toEqual(['thach-ha-2022', 'dak-nong-2022']);
    expect(planIdsOf([['thach-ha-2022', 'dak-nong-2022']])).toEqual(['thach-ha-2022', 'dak-nong-2022']);
    expect(planIdsOf([['thach-ha-2022'], ['dak-nong-2022'], ['']])).toEqual(['thach-ha-2022', 'dak-nong-2022']);
    // One plan, or a plan book's range, is not a list of plans.
    expect(planIdsOf('thach-ha-2022')).toBeNull();
    expect(planIdsOf([['Mã kế hoạch', 'thach-ha-2022'], ['Tên', 'KH']])).toBeNull();
    expect(planIdsOf([['Mã kế hoạch', 'thach-ha-2022']])).toBeNull();
  });

  it('refuses, in the cell, two plans that judge the same form for the same subjects, naming both', async () => {
    const fns = createFunctions(new FakeHost({}, {}));
    const table = [
      ['Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị'],
      ['UBND xã Thạch Đài', 'Xã', 'Giấy khen'],
    ];
    const error = await fns.check(table, 'thach-ha-2022; dak-nong-2022', 'Hằng năm', 2024).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FunctionError);
    expect((error as FunctionError).message).toContain('KH Thạch Hà 2022');
    expect((error as FunctionError).message).toContain('QĐ 137/QĐ-UBND Đắk Nông');
  });

  it('names an unknown plan among several', async () => {
    const fns = createFunctions(new FakeHost({}, {}));
    const error = await fns.check([['Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị']], 'thach-ha-2022; khong-co', 'Hằng năm', 2024).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain('khong-co');
  });
});
