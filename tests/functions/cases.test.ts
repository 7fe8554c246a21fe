/**
 * The acceptance cases through the row functions, with ranges shaped as Excel passes them:
 * columns in a shuffled order, empty cells as "" or 0, dates as serials. Each case runs twice —
 * with explicit header cells, and with the row alone (its address leads to the sheet's header).
 */
import { tierLabel } from '../../src/core/report';
import type { TierId } from '../../src/core/vocabulary';
import { createFunctions, FunctionError, type NtmFunctions } from '../../src/functions/adapter';
import { CASE_FILES, columnLetters, deadlinePattern, excelRow, FakeHost, listSheet, planHeaders, shuffled, splitMissing, type Case } from './fixtures';

const SHEET = 'Danh sách (1)';

interface Setup {
  fns: NtmFunctions;
  row: (c: Case) => { row: unknown[][]; headers?: unknown[][]; plan?: string; addresses?: string[] };
}

/** Expectations shared by both ways of calling: what each row function returns for the case. */
async function expectCase(fns: NtmFunctions, c: Case, args: ReturnType<Setup['row']>): Promise<void> {
  const call = <T>(f: NtmFunctions['eligible'] | NtmFunctions['awardTier']) => f(args.row, args.headers, args.plan, args.addresses) as Promise<T>;
  const { status, awardTier } = c.expect;

  const eligible = call<boolean>(fns.eligible);
  if (status === 'eligible' || status === 'ineligible') await expect(eligible).resolves.toBe(status === 'eligible');
  else {
    const message = status === 'incomplete' ? /^Thiếu: / : /^Ngoài phạm vi kế hoạch: /;
    await expect(eligible).rejects.toMatchObject({ code: '#N/A', message: expect.stringMatching(message) });
  }

  const tier = call<string>(fns.awardTier);
  if (status === 'incomplete') await expect(tier).rejects.toMatchObject({ code: '#N/A' });
  else await expect(tier).resolves.toBe(tierLabel(awardTier as TierId | null));

  expect(splitMissing(await fns.missing(args.row, args.headers, args.plan, args.addresses))).toEqual([...c.expect.missing].sort());
  expect(await fns.deadline(args.row, args.headers, args.plan, args.addresses)).toMatch(deadlinePattern(c.expect.deadline));
  const reasons = await fns.reasons(args.row, args.headers, args.plan, args.addresses);
  expect(reasons.split('\n').length).toBeGreaterThan(1);
}

describe.each(CASE_FILES.map((f, i) => ({ ...f, seed: i + 1 })))('$plan cases', (file) => {
  const headers = shuffled(planHeaders(file.plan, file), file.seed);
  const rows = file.rows.map((c) => excelRow(file.plan, headers, c.cells));

  describe('with explicit header cells and the plan as argument', () => {
    const host = new FakeHost({}, { round: file.run.round, year: file.run.year });
    const fns = createFunctions(host);
    test.each(file.rows.map((c, i) => ({ ...c, i, name: `${c.id}: ${c.why}` })))('$name → $expect.status', async (c) => {
      await expectCase(fns, c, { row: [rows[c.i]], headers: [headers], plan: file.plan });
      expect(host.reads).toBe(0);
    });
  });

  describe('with the row alone, the plan chosen in the pane', () => {
    const sheet = listSheet(headers, rows);
    const host = new FakeHost({ [SHEET]: sheet.values }, { plan: file.plan, round: file.run.round, year: file.run.year });
    const fns = createFunctions(host);
    const last = columnLetters(headers.length + 2);
    test.each(file.rows.map((c, i) => ({ ...c, i, name: `${c.id}: ${c.why}` })))('$name → $expect.status', async (c) => {
      const r = sheet.firstDataRow + c.i;
      // The range starts at column C (after the STT column), so its indices are offset from the sheet's.
      await expectCase(fns, c, { row: [rows[c.i]], addresses: [`'${SHEET}'!C${r}:${last}${r}`] });
    });
    test('reads the sheet once for all of them', () => expect(host.reads).toBe(1));
  });
});

test('a FunctionError is an Error carrying the Excel error code', () => {
  const e = new FunctionError('#N/A', 'Thiếu: Năm');
  expect(e).toBeInstanceOf(Error);
  expect({ code: e.code, message: e.message }).toEqual({ code: '#N/A', message: 'Thiếu: Năm' });
});
