/**
 * The command line's second thread (src/cli/copy-thread.ts) must change nothing a person sees:
 * - a long list checked on its own (from 20,000 rows) has its copy's summary and explanation
 *   sheets and its terminal lines made there while the list sheet is written;
 * - a folder with --out on two cores has each list's copy written there while the next list is
 *   checked (check.ts pipeline); on more cores the folder's checking threads do it all.
 * Either way the copies, the lines, the refusals and the temporary folder are exactly those of the
 * thread that checked the list doing everything itself.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { writeBenchWorkbook } from '../../scripts/bench-data';
import { assertBuilt } from '../helpers/cli';
import { removeScenarios, run, scenario, STACK_FRAME } from '../robustness/run';

jest.setTimeout(180_000);

const PLAN = ['--plan', 'thach-ha-2022', '--year', '2023'];

beforeAll(() => assertBuilt());
afterAll(() => removeScenarios());

/** The counts line of `name` and the lines under it, as the terminal shows them. */
function block(stdout: string, name: string): string[] {
  const lines = stdout.split('\n');
  const from = lines.findIndex((l) => l.startsWith(`${name} [`));
  if (from < 0) return [];
  const to = lines.findIndex((l, i) => i > from && !l.startsWith('  '));
  return lines.slice(from, to < 0 ? undefined : to);
}

test('a long list on its own gives the same copy and the same lines as in a folder', async () => {
  const { dir, tmp } = scenario('long');
  fs.mkdirSync(path.join(dir, 'folder'));
  // Varied rows (every status, late rows, reasons of every length), the bench's own generator.
  await writeBenchWorkbook(path.join(dir, 'folder', 'ds.xlsx'), 25_000);
  await writeBenchWorkbook(path.join(dir, 'folder', 'nho.xlsx'), 40, 7);
  const one = await run(['check', 'folder/ds.xlsx', ...PLAN, '--out', 'one.xlsx'], dir, tmp);
  expect(one.stderr).toBe('');
  expect(one.exitCode).toBe(1);
  const many = await run(['check', 'folder', ...PLAN, '--out', 'many'], dir, tmp);
  expect(many.exitCode).toBe(1);
  expect(fs.readFileSync(path.join(dir, 'one.xlsx')).equals(fs.readFileSync(path.join(dir, 'many', 'ds.checked.xlsx')))).toBe(true);
  const listed = block(one.stdout, path.join('folder', 'ds.xlsx'));
  expect(listed[0]).toMatch(/: 25000 dòng — \d+ đủ điều kiện, \d+ không đủ, \d+ thiếu thông tin/);
  expect(listed.length).toBeGreaterThan(5_000);
  expect(listed).toEqual(block(many.stdout, path.join('folder', 'ds.xlsx')));
  expect(fs.readdirSync(tmp)).toEqual([]);
});

test('a folder whose lists fail in every way keeps each outcome in its place, and the good copies are the copies made alone', async () => {
  const { dir, tmp } = scenario('pipeline');
  const folder = path.join(dir, 'ds');
  fs.mkdirSync(folder);
  for (const [i, name] of ['a-dau.xlsx', 'c-giua.xlsx', 'e-cuoi.xlsx'].entries()) await writeBenchWorkbook(path.join(folder, name), 300 + i * 50, 11 + i);
  // Not a workbook: refused when read.
  fs.writeFileSync(path.join(folder, 'b-hong.xlsx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
  // A list using Excel's last column: read, then its copy is refused (no room for the results).
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Năm']);
  for (let i = 1; i <= 30; i++) ws.addRow([i, `Thôn ${i}`, 'Thôn', 'Giấy khen của Chủ tịch UBND huyện', 2023]);
  ws.getCell('XFD5').value = 'x';
  await wb.xlsx.writeFile(path.join(folder, 'd-rong.xlsx'));

  const all = await run(['check', 'ds', ...PLAN, '--out', 'ra'], dir, tmp);
  expect(all.exitCode).toBe(2);
  expect(all.stderr).not.toMatch(STACK_FRAME);
  const errors = all.stderr.split('\n').filter((l) => l.startsWith('ntm-awards'));
  expect(errors).toHaveLength(2);
  expect(errors[0]).toContain('b-hong.xlsx');
  expect(errors[1]).toMatch(/d-rong\.xlsx.*XFD/);
  // The counts lines in the folder's order, the refused lists left out.
  const counts = all.stdout.split('\n').filter((l) => !l.startsWith('  ') && l);
  expect(counts.map((l) => l.slice(0, l.indexOf(' [')))).toEqual(['a-dau.xlsx', 'c-giua.xlsx', 'e-cuoi.xlsx'].map((n) => path.join('ds', n)));
  expect(fs.readdirSync(path.join(dir, 'ra')).sort()).toEqual(['a-dau.checked.xlsx', 'c-giua.checked.xlsx', 'e-cuoi.checked.xlsx']);
  for (const name of ['a-dau', 'c-giua', 'e-cuoi']) {
    const alone = await run(['check', path.join('ds', `${name}.xlsx`), ...PLAN, '--out', `${name}.xlsx`], dir, tmp);
    expect(alone.exitCode).toBe(1);
    expect(fs.readFileSync(path.join(dir, `${name}.xlsx`)).equals(fs.readFileSync(path.join(dir, 'ra', `${name}.checked.xlsx`)))).toBe(true);
    expect(block(alone.stdout, path.join('ds', `${name}.xlsx`))).toEqual(block(all.stdout, path.join('ds', `${name}.xlsx`)));
  }
  expect(fs.readdirSync(tmp)).toEqual([]);
});
