/**
 * Issue 8 §3: a valid workbook is never refused under load. exceljs's streaming reader lost a
 * sheet's data when many reads overlapped (its issue #3064: 2 of 64 simultaneous checks of a list on
 * its second sheet failed "Cannot read properties of undefined (reading 'sheets')"). The command
 * line now reads with its own reader; here 64 checks of such a workbook run at once.
 *
 * In-process (64 concurrent streamCheck calls in one event loop) rather than 64 processes: the
 * race was an interleaving of asynchronous reads, which one event loop with 64 readers interleaves
 * at every inflated piece, far more finely than 64 processes on 2 cores; and it keeps the suite
 * cheap on a shared machine. tests/e2e covers the built command line on folders (worker threads).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeTemporaries, streamCheck } from '../../src/cli/stream-check';
import { shippedPlan } from '../../src/plans';
import { loadCases } from '../helpers/cases';
import { writeList } from '../helpers/workbook';

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-concurrent-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('64 simultaneous checks of a valid workbook whose list is on its second sheet all succeed, with the same report', async () => {
  const cases = loadCases('thach-ha-2022');
  const file = path.join(dir, 'second-sheet.xlsx');
  // Enough rows that each read takes many inflated pieces, so the 64 reads interleave.
  const rows = Array.from({ length: 10 }, () => cases.rows.map((c) => c.cells)).flat();
  await writeList(file, { rows, instructionsSheet: true, title: true });
  const plan = shippedPlan('thach-ha-2022')!;
  const settled = await Promise.allSettled(
    Array.from({ length: 64 }, async () => {
      const r = await streamCheck(file, plan, { year: cases.run.year });
      if ('problem' in r) throw new Error(r.problem);
      const report = fs.readFileSync(r.rowsJsonFile, 'utf8');
      removeTemporaries(r);
      return { sheet: r.sheet, summary: r.summary, report };
    }),
  );
  const failed = settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason));
  expect(failed).toEqual([]);
  const results = settled.map((s) => (s as PromiseFulfilledResult<{ sheet: string; summary: unknown; report: string }>).value);
  expect(results[0].sheet).not.toBe('Hướng dẫn');
  expect((results[0].summary as { rows: number }).rows).toBe(rows.length);
  for (const r of results) expect(r).toEqual(results[0]);
  expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`ntm-awards-${process.pid}-`))).toEqual([]);
});
