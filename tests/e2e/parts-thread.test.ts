/**
 * A long list checked on its own has its copy's summary and explanation sheets, and the terminal's
 * lines of the rows to look at, made in a second thread while the list sheet is written (from
 * 20,000 rows). The copy and the terminal must be exactly those of a run where the thread that
 * checked the list makes everything itself, as a folder's checking threads do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeBenchWorkbook } from '../../scripts/bench-data';
import { assertBuilt, runCli, tempDir } from '../helpers/cli';

jest.setTimeout(180_000);

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir();
  fs.mkdirSync(path.join(dir, 'folder'));
  // Varied rows (every status, late rows, reasons of every length), the bench's own generator.
  await writeBenchWorkbook(path.join(dir, 'folder', 'ds.xlsx'), 25_000);
  // A second, short list: the folder is checked by a pool of threads, each making its own parts.
  await writeBenchWorkbook(path.join(dir, 'folder', 'nho.xlsx'), 40, 7);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a long list on its own gives the same copy and the same lines as in a folder', async () => {
  const one = await runCli(['check', 'folder/ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023', '--out', 'one.xlsx'], dir);
  expect(one.stderr).toBe('');
  expect(one.exitCode).toBe(1);
  const many = await runCli(['check', 'folder', '--plan', 'thach-ha-2022', '--year', '2023', '--out', 'many'], dir);
  expect(many.exitCode).toBe(1);
  expect(fs.readFileSync(path.join(dir, 'one.xlsx')).equals(fs.readFileSync(path.join(dir, 'many', 'ds.checked.xlsx')))).toBe(true);
  // The same lines under the same counts line, the list named the same way in both runs.
  const block = (stdout: string) => {
    const lines = stdout.split('\n');
    const from = lines.findIndex((l) => l.startsWith(`folder${path.sep}ds.xlsx [`));
    const to = lines.findIndex((l, i) => i > from && !l.startsWith('  '));
    return lines.slice(from, to < 0 ? undefined : to);
  };
  const listed = block(one.stdout);
  expect(listed[0]).toMatch(/: 25000 dòng — \d+ đủ điều kiện, \d+ không đủ, \d+ thiếu thông tin/);
  expect(listed.length).toBeGreaterThan(5_000);
  expect(listed).toEqual(block(many.stdout));
  // Nothing else is written beside them.
  expect(fs.readdirSync(dir).sort()).toEqual(['folder', 'many', 'one.xlsx']);
});
