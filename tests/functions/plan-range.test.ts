/**
 * The plan given as a range of a plan sheet (=NTM.ELIGIBLE(A7:T7; ; 'Kế hoạch'!A1:K90)): the same
 * answers as the plan id, a changed criterion cell changes the answer, a broken range says which
 * cell and how many problems.
 */
import { colLetter } from '../../src/core/plan-book/format';
import * as fromTables from '../../src/core/plan-book/from-tables';
import { createFunctions, type NtmFunctions } from '../../src/functions/adapter';
import { CASE_FILES, excelRow, FakeHost, planHeaders, planRange } from './fixtures';

const PLAN_AT = "'Kế hoạch'!A1:P300";

/** Every row function's answer, or the error it gives, so two plans can be compared on a row. */
async function answers(fns: NtmFunctions, row: unknown[], headers: string[], plan: unknown, addresses?: string[]) {
  const settle = (p: Promise<unknown>) => p.then((v) => ({ v }), (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));
  const args = [[row], [headers], plan, addresses] as const;
  return {
    eligible: await settle(fns.eligible(...args)),
    tier: await settle(fns.awardTier(...args)),
    missing: await settle(fns.missing(...args)),
    deadline: await settle(fns.deadline(...args)),
    reasons: await settle(fns.reasons(...args)),
  };
}

describe.each(CASE_FILES)('$plan as a range', (file) => {
  const headers = planHeaders(file.plan, file);
  const range = planRange(file.plan);
  const fns = createFunctions(new FakeHost({}, { round: file.run.round, year: file.run.year }));

  test.each(file.rows.map((c, i) => ({ ...c, i })))('$id gives what the plan id gives', async (c) => {
    const row = excelRow(file.plan, headers, c.cells);
    const byId = await answers(fns, row, headers, file.plan);
    expect(await answers(fns, row, headers, range, [`'Danh sách'!A7`, `'Danh sách'!A6`, PLAN_AT])).toEqual(byId);
    expect(await answers(fns, row, headers, range)).toEqual(byId);
  });

  test('NTM.CHECK with the range gives what it gives with the plan id', async () => {
    const table = [headers, ...file.rows.map((c) => excelRow(file.plan, headers, c.cells))];
    expect(await fns.check(table, range, undefined, undefined, ['Danh sách!A6', PLAN_AT])).toEqual(await fns.check(table, file.plan));
  });
});

/** The cell of `key`'s column in the first row of the [Tiêu chí] block whose first cell is `id`. */
function criterionCell(range: unknown[][], id: string, header: string): { r: number; c: number } {
  const block = range.findIndex((r) => r[0] === '[Tiêu chí]');
  const c = range[block + 1].indexOf(header);
  const r = range.findIndex((row, i) => i > block && row[0] === id);
  if (c < 0 || r < 0) throw new Error(`no ${id}/${header}`);
  return { r, c };
}

describe('thach-ha-2022 as a range, edited', () => {
  const file = CASE_FILES.find((f) => f.plan === 'thach-ha-2022')!;
  const headers = planHeaders(file.plan, file);
  const first = file.rows.find((c) => c.expect.status === 'eligible')!;
  const row = excelRow(file.plan, headers, first.cells);
  const host = new FakeHost({}, { round: file.run.round, year: file.run.year });
  const fns = createFunctions(host);

  test('a changed criterion cell changes the result (the new values are read, not a cached plan)', async () => {
    const range = planRange(file.plan);
    await expect(fns.eligible([row], [headers], range)).resolves.toBe(true);
    // The general criterion "Chấp hành tốt …" now asks for "Không": the row's "Có" fails it.
    const { r, c } = criterionCell(range, 'chung.chap-hanh-tot', 'Phép thử');
    expect(range[r][c]).toBe('Có');
    const edited = range.map((x) => [...x]);
    edited[r][c] = 'Không';
    await expect(fns.eligible([row], [headers], edited)).resolves.toBe(false);
    await expect(fns.eligible([row], [headers], range)).resolves.toBe(true);
  });

  test('a broken range gives #VALUE! with the first problem at its sheet!cell and the count', async () => {
    const range = planRange(file.plan).map((x) => [...x]);
    const col = criterionCell(range, 'a.1', 'Cột');
    range[col.r][col.c] = 'Cột không có';
    const op = criterionCell(range, 'a.p1', 'Phép thử');
    range[op.r][op.c] = 'Xấp xỉ';
    // The range starts at C5 of the sheet "Kế hoạch (2)": cells are named as the sheet names them.
    const at = (p: { r: number; c: number }) => `Kế hoạch (2)!${colLetter(p.c + 3)}${p.r + 5}`;
    const err = await fns.eligible([row], [headers], range, ['Danh sách!A7', 'Danh sách!A6', `'Kế hoạch (2)'!C5:R300`]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '#VALUE!' });
    const message = (err as Error).message;
    // The reader's own problems (a word not in a dropdown list) come before the schema's (an unknown column).
    expect(message.startsWith(`${at(op)}: “Xấp xỉ” không có trong danh sách của cột “Phép thử”`)).toBe(true);
    expect(message).toMatch(/\(1\/2 lỗi; xem hết trong ngăn NTM: "Kế hoạch trong sổ này"\)$/);
    // Without an address (an array passed from another formula) the cells count from A1 of "Kế hoạch".
    const plain = (await fns.eligible([row], [headers], range).catch((e: Error) => e)) as Error;
    expect(plain.message.startsWith(`Kế hoạch!${colLetter(op.c + 1)}${op.r + 1}: `)).toBe(true);
    // Mended, the other problem is now the first and only one.
    range[op.r][op.c] = 'Có';
    const one = (await fns.eligible([row], [headers], range).catch((e: Error) => e)) as Error;
    expect(one.message.startsWith(`Kế hoạch!${colLetter(col.c + 1)}${col.r + 1}: không có cột “Cột không có”`)).toBe(true);
    expect(one.message).not.toMatch(/lỗi; xem hết/);
  });

  test('a deadline typed as a date (Excel passes its serial number) reads as that day and month', async () => {
    const range = planRange(file.plan).map((x) => [...x]);
    const block = range.findIndex((r) => r[0] === '[Thời hạn]');
    const r = range.findIndex((x, i) => i > block + 1 && /^\d{1,2}\/\d{1,2}$/.test(String(x[2])));
    expect(r).toBeGreaterThan(block);
    const [day, month] = String(range[r][2]).split('/').map(Number);
    const byText = await fns.deadline([row], [headers], range);
    // The serial of day/month in 2024 (Excel's day 1 is 1900-01-01, with its phantom 29/02/1900).
    range[r][2] = (Date.UTC(2024, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
    await expect(fns.deadline([row], [headers], range)).resolves.toBe(byText);
  });

  test('a one-cell plan argument is still a plan id', async () => {
    await expect(fns.eligible([row], [headers], [[file.plan]])).resolves.toBe(true);
  });
});

test('a range filled down many rows is parsed once: Excel passes new arrays with the same values', async () => {
  const file = CASE_FILES.find((f) => f.plan === 'dak-nong-2022')!;
  const headers = planHeaders(file.plan, file);
  const fns = createFunctions(new FakeHost({}, { round: file.run.round, year: file.run.year }));
  // A sheet no other test uses, so the range is new to the cache here.
  const read = jest.spyOn(fromTables, 'readPlanBook');
  try {
    for (let i = 0; i < 200; i++) {
      const c = file.rows[i % file.rows.length];
      await fns.missing([excelRow(file.plan, headers, c.cells)], [headers], planRange(file.plan), [`'Danh sách'!A${7 + i}`, "'Danh sách'!A6", "'KH Đắk Nông'!A1:P300"]);
    }
    expect(read).toHaveBeenCalledTimes(1);
  } finally {
    read.mockRestore();
  }
});
