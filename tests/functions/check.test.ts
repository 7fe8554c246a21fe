/**
 * NTM.CHECK: one call for a whole table, title block and all; the spill has one row per input row
 * so it lines up beside the table, with "" beside everything that is not a data row.
 */
import { RESULT_HEADERS, STATUS_LABELS_VI, tierLabel } from '../../src/core/report';
import type { Status } from '../../src/core/evaluate';
import type { TierId } from '../../src/core/vocabulary';
import { createFunctions, MESSAGES } from '../../src/functions/adapter';
import { CASE_FILES, deadlinePattern, excelRow, FakeHost, planHeaders, shuffled, splitMissing } from './fixtures';

const BLANK = ['', '', '', '', ''];

describe.each(CASE_FILES.map((f, i) => ({ ...f, seed: 100 + i })))('CHECK on a $plan list', (file) => {
  const headers = shuffled(planHeaders(file.plan, file), file.seed);
  const width = headers.length + 1;
  const line = (first: unknown, name?: string): unknown[] => {
    const r: unknown[] = new Array(width).fill('');
    r[0] = first;
    if (name !== undefined) r[1 + headers.indexOf('Tên tập thể, cá nhân')] = name;
    return r;
  };
  // Title block, blank row, header, column numbers, two sections, a total and a signature block.
  const table: unknown[][] = [
    line('ỦY BAN NHÂN DÂN'),
    line('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023'),
    line(''),
    ['STT', ...headers],
    [1, ...headers.map((_, i) => i + 2)],
    line('I.', 'TẬP THỂ'),
  ];
  const dataAt: number[] = [];
  file.rows.forEach((c, i) => {
    if (i === Math.ceil(file.rows.length / 2)) table.push(line('II.', 'CÁ NHÂN'));
    dataAt.push(table.length);
    table.push([i + 1, ...excelRow(file.plan, headers, c.cells)]);
  });
  const totalAt = table.length;
  table.push(line('', 'Tổng cộng'));
  table.push(line(''));
  table.push(line('', 'Người lập biểu'));

  const fns = createFunctions(new FakeHost({}, {}));
  let out: string[][] = [];
  beforeAll(async () => {
    out = await fns.check(table, file.plan, 'Hằng năm', file.run.year);
  });

  test('spills one row per table row, five columns wide', () => {
    expect(out).toHaveLength(table.length);
    for (const r of out) expect(r).toHaveLength(RESULT_HEADERS.length);
  });

  test('puts the result headers beside the header row and leaves the rest of the frame blank', () => {
    expect(out[3]).toEqual([...RESULT_HEADERS]);
    for (const i of [0, 1, 2, 4, 5, totalAt, totalAt + 1, totalAt + 2]) expect(out[i]).toEqual(BLANK);
    const sections = table.map((r, i) => (r[0] === 'II.' ? i : -1)).filter((i) => i >= 0);
    for (const i of sections) expect(out[i]).toEqual(BLANK);
  });

  test.each(file.rows.map((c, i) => ({ ...c, i, name: `${c.id}: ${c.why}` })))('$name → $expect.status', (c) => {
    const [status, tier, missing, deadline, reasons] = out[dataAt[c.i]];
    expect(status).toBe(STATUS_LABELS_VI[c.expect.status as Status]);
    expect(tier).toBe(tierLabel(c.expect.awardTier as TierId | null));
    expect(splitMissing(missing)).toEqual([...c.expect.missing].sort());
    expect(deadline).toMatch(deadlinePattern(c.expect.deadline));
    expect(reasons).not.toBe('');
  });
});

describe('CHECK arguments', () => {
  const file = CASE_FILES[0];
  const headers = planHeaders(file.plan);
  const table = [headers, ...file.rows.map((c) => excelRow(file.plan, headers, c.cells))];
  const fns = createFunctions(new FakeHost({}, { plan: file.plan }));

  test('a table whose first row is the header needs no plan argument when the pane chose one', async () => {
    const out = await fns.check(table);
    expect(out[0]).toEqual([...RESULT_HEADERS]);
    expect(out.slice(1).every((r) => Object.values(STATUS_LABELS_VI).includes(r[0]))).toBe(true);
  });

  test('round and year accept the ids as well as the Vietnamese labels', async () => {
    expect(await fns.check(table, '', 'annual', '2023')).toEqual(await fns.check(table, '', 'Hằng năm', 2023));
  });

  test('an unknown round or a bad year is #VALUE! saying what to write', async () => {
    await expect(fns.check(table, '', 'Quý 1')).rejects.toMatchObject({ code: '#VALUE!', message: MESSAGES.badRound('Quý 1') });
    await expect(fns.check(table, '', '', 'năm nay')).rejects.toMatchObject({ code: '#VALUE!' });
  });

  test('a table without a header row is #VALUE!', async () => {
    await expect(fns.check([['a', 'b'], [1, 2]])).rejects.toMatchObject({ code: '#VALUE!', message: expect.stringMatching(/^Không tìm thấy dòng tiêu đề/) });
  });

  test('the sheet mapping saved by the pane applies, with letters counted from the sheet, not the range', async () => {
    // The name column is headed "Đơn vị được đề nghị" (no standard name) and mapped by hand to column D.
    const custom = table.map((r, i) => (i === 0 ? r.map((h) => (h === 'Tên tập thể, cá nhân' ? 'Đơn vị được đề nghị' : h)) : r));
    const nameAt = headers.indexOf('Tên tập thể, cá nhân');
    const letter = String.fromCharCode(66 + nameAt); // the table starts in column B
    const host = new FakeHost({}, { plan: file.plan, mappings: { DS: { manual: { 'Tên tập thể, cá nhân': letter } } } });
    const mapped = await createFunctions(host).check(custom, undefined, undefined, undefined, ['DS!B1:ZZ99']);
    expect(mapped.slice(1)).toEqual((await fns.check(table)).slice(1));
    await expect(createFunctions(new FakeHost({}, { plan: file.plan })).check(custom)).rejects.toMatchObject({ code: '#VALUE!' });
  });

  // Speed is measured by `npm run bench`, not asserted here.
  test('10,000 rows are checked in one call, one result row per input row', async () => {
    const big: unknown[][] = [headers];
    for (let i = 0; i < 10_000; i++) big.push(excelRow(file.plan, headers, file.rows[i % file.rows.length].cells));
    const out = await fns.check(big);
    expect(out).toHaveLength(10_001);
    expect(out[1 + file.rows.length]).toEqual(out[1]);
  });
});
