/**
 * What the functions do with what Excel can throw at them: no plan, an unknown plan, error cells,
 * a range of several rows, no way to find the header — always an Excel error with a message that
 * says what to do, never a crash.
 */
import { COL } from '../../src/core/columns';
import { createFunctions, MESSAGES } from '../../src/functions/adapter';
import { PLAN_IDS } from '../../src/plans';
import { CASE_FILES, excelRow, FakeHost, planHeaders, splitMissing } from './fixtures';

const thachHa = CASE_FILES.find((f) => f.plan === 'thach-ha-2022')!;
const headers = planHeaders(thachHa.plan);
/** TH-01: eligible through "Mức đạt chuẩn" ≥ NTM nâng cao, reached in its planned year. */
const th01 = thachHa.rows.find((c) => c.id === 'TH-01')!;
const row = excelRow(thachHa.plan, headers, th01.cells);
const settings = { plan: thachHa.plan, round: thachHa.run.round, year: thachHa.run.year };

function withCell(header: string, v: unknown): unknown[][] {
  const r = [...row];
  r[headers.indexOf(header)] = v;
  return [r];
}

describe('choosing the plan', () => {
  test('with no plan argument and none chosen in the pane: #VALUE! saying how to choose one', async () => {
    const fns = createFunctions(new FakeHost({}, {}));
    await expect(fns.eligible([row], [headers])).rejects.toMatchObject({ code: '#VALUE!', message: MESSAGES.noPlan });
    expect(MESSAGES.noPlan).toMatch(/ngăn NTM/);
    await expect(fns.check([headers, row])).rejects.toMatchObject({ code: '#VALUE!', message: MESSAGES.noPlan });
  });

  test('an empty plan cell ("" or 0) falls back to the pane’s plan', async () => {
    const fns = createFunctions(new FakeHost({}, settings));
    await expect(fns.eligible([row], [headers], '')).resolves.toBe(true);
    await expect(fns.eligible([row], [headers], 0)).resolves.toBe(true);
  });

  test('the argument wins over the pane’s plan; an unknown id lists the known ones', async () => {
    const fns = createFunctions(new FakeHost({}, { ...settings, plan: 'dak-nong-2022' }));
    await expect(fns.eligible([row], [headers], 'thach-ha-2022')).resolves.toBe(true);
    await expect(fns.eligible([row], [headers], 'ha-tinh-2030')).rejects.toMatchObject({
      code: '#VALUE!',
      message: expect.stringContaining(PLAN_IDS.join(', ')),
    });
  });
});

describe('error values in the row', () => {
  const fns = createFunctions(new FakeHost({}, settings));
  // The three shapes an error cell can take in an argument: its text, a CustomFunctions.Error, an Excel.ErrorCellValue.
  const shapes: [string, unknown][] = [
    ['text "#N/A"', '#N/A'],
    ['CustomFunctions.Error', { code: '#N/A', message: '' }],
    ['Excel.ErrorCellValue', { type: 'Error', basicValue: '#DIV/0!', errorType: 'Div0' }],
  ];

  test.each(shapes)('an error (%s) in a criterion column is an unreadable value: the row is incomplete, not a crash', async (_, err) => {
    const r = withCell('Mức đạt chuẩn', err);
    await expect(fns.eligible(r, [headers])).rejects.toMatchObject({ code: '#N/A', message: expect.stringContaining('Mức đạt chuẩn') });
    // The row's other alternatives are blank, so they are listed too.
    expect(splitMissing(await fns.missing(r, [headers]))).toContain('Mức đạt chuẩn');
    expect(await fns.reasons(r, [headers])).toMatch(/#(N\/A|DIV\/0!)/);
  });

  test('an error in the name column leaves the name missing (a name of "#N/A" is no name)', async () => {
    expect(splitMissing(await fns.missing(withCell(COL.name, '#REF!'), [headers]))).toEqual([COL.name]);
  });

  test('an error in the header cells is a blank header, not a crash', async () => {
    const h = [...headers];
    h[headers.indexOf(COL.summary)] = '#N/A';
    await expect(fns.eligible([row], [h])).resolves.toBe(true);
  });

  test('CHECK reads a row made only of error values as blank and leaves it out', async () => {
    const table = [headers, row, headers.map(() => '#N/A'), row];
    const out = await fns.check(table);
    expect(out[2]).toEqual(['', '', '', '', '']);
    expect(out[3][0]).toBe(out[1][0]);
  });
});

describe('empty cells as Excel passes them', () => {
  const fns = createFunctions(new FakeHost({}, settings));

  test('"" and 0 in a yes/no column are blank, not "no"', async () => {
    for (const empty of ['', 0, '   ', null]) {
      const r = withCell(COL.lawAbiding, empty);
      await expect(fns.eligible(r, [headers])).rejects.toMatchObject({ code: '#N/A', message: `Thiếu: ${COL.lawAbiding}` });
    }
    await expect(fns.eligible(withCell(COL.lawAbiding, 'Không'), [headers])).resolves.toBe(false);
  });

  test('a date arrives as its serial number', async () => {
    expect(await fns.deadline(withCell(COL.submitted, 45_265), [headers])).toBe('Trễ 1 ngày (hạn trước 05/12/2023)'); // 5 Dec 2023
    expect(await fns.deadline(withCell(COL.submitted, 45_264), [headers])).toBe('Đúng hạn');
  });
});

describe('explicit header cells', () => {
  const fns = createFunctions(new FakeHost({}, settings));

  test('with both addresses, a row range that starts left of the header cells still lines up', async () => {
    // Header cells from column C; the row from column B, with its STT first.
    await expect(fns.eligible([[1, ...row]], [headers], undefined, ['DS!B7:ZZ7', 'DS!C$6:ZZ$6'])).resolves.toBe(true);
  });

  test('without the row’s address (an array constant), the row is read under the header cells', async () => {
    await expect(fns.eligible([row], [headers], undefined, ['', 'DS!C$6:ZZ$6'])).resolves.toBe(true);
  });

  test('the pane’s mapping by column letter applies to header cells with an address', async () => {
    const renamed = headers.map((h) => (h === COL.name ? 'Đơn vị được đề nghị' : h));
    const letter = String.fromCharCode(67 + headers.indexOf(COL.name)); // header cells start in column C
    const mapped = createFunctions(new FakeHost({}, { ...settings, mappings: { DS: { manual: { [COL.name]: letter } } } }));
    await expect(mapped.eligible([row], [renamed], undefined, ['DS!C7:ZZ7', 'DS!C$6:ZZ$6'])).resolves.toBe(true);
    await expect(fns.eligible([row], [renamed], undefined, ['DS!C7:ZZ7', 'DS!C$6:ZZ$6'])).rejects.toMatchObject({ code: '#VALUE!' });
  });
});

describe('ranges the functions cannot use', () => {
  const fns = createFunctions(new FakeHost({}, settings));

  test('a range of two rows: #VALUE! asking for one row', async () => {
    await expect(fns.eligible([row, row], [headers])).rejects.toMatchObject({ code: '#VALUE!', message: MESSAGES.notOneRow(2) });
  });

  test('the row alone without an address (an array constant): #VALUE! asking for the header cells', async () => {
    await expect(fns.eligible([row])).rejects.toMatchObject({ code: '#VALUE!', message: MESSAGES.noHeaders });
  });

  test('header cells that name no known column: #VALUE! naming the columns looked for', async () => {
    await expect(fns.eligible([row], [headers.map((_, i) => `Cột ${i + 1}`)])).rejects.toMatchObject({
      code: '#VALUE!',
      message: expect.stringContaining(COL.name),
    });
  });

  test('a row on or above the header row: #VALUE! asking for a data row', async () => {
    const host = new FakeHost({ DS: [headers, row] }, settings);
    await expect(createFunctions(host).eligible([headers], undefined, undefined, ['DS!A1:ZZ1'])).rejects.toMatchObject({
      code: '#VALUE!',
      message: MESSAGES.aboveData(1, 1),
    });
  });

  test('a sheet that cannot be read: #VALUE! naming the sheet; the next call tries again', async () => {
    const host = new FakeHost({}, settings);
    const f = createFunctions(host);
    await expect(f.eligible([row], undefined, undefined, ['Khác!A7:ZZ7'])).rejects.toMatchObject({
      code: '#VALUE!',
      message: expect.stringContaining('"Khác"'),
    });
    host.sheets['Khác'] = [headers, row];
    await expect(f.eligible([row], undefined, undefined, ['Khác!A2:ZZ2'])).resolves.toBe(true);
  });
});

test('PLANS lists the five shipped plans with their titles', () => {
  const out = createFunctions(new FakeHost({}, {})).plans();
  expect(out.map((r) => r[0])).toEqual(['thach-ha-2022', 'hong-linh-2022', 'dak-nong-2022', 'quynh-nhai-2022', 'nguyen-binh-2022']);
  for (const [, title] of out) expect(title).toMatch(/\S/);
});
