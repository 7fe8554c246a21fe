/**
 * The command line keeps a long list's rows in the system's temporary folder. When that folder
 * cannot be written, it says so in one line naming the folder (not "damaged workbook"), leaves
 * nothing behind, and a check that keeps nothing (--quiet, no copy, no report) needs no such folder.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadCases } from '../helpers/cases';
import { assertBuilt, BIN, tempDir } from '../helpers/cli';
import { writeList } from '../helpers/workbook';

const WORK = tempDir('ntm-awards-tmpdir-');
const MISSING_TMP = path.join(WORK, 'no-such-folder');
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

function run(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BIN, args, { cwd: WORK, env: { ...process.env, TMPDIR: MISSING_TMP, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      resolve({ exitCode: err ? Number((err as { code?: unknown }).code) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  assertBuilt();
  const cases = loadCases('thach-ha-2022');
  await writeList(path.join(WORK, 'ds.xlsx'), { rows: cases.rows.map((c) => c.cells) });
});

test('a temporary folder that cannot be written: one line naming it, exit 2, nothing written', async () => {
  const r = await run(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023', '--out', 'ds.checked.xlsx']);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toBe(`ntm-awards: ${MISSING_TMP}: không ghi được tệp tạm (ENOENT); kiểm tra thư mục tạm (biến TMPDIR) còn chỗ trống và ghi được — cannot write temporary files\n`);
  expect(fs.readdirSync(WORK).sort()).toEqual(['ds.xlsx']);
});

test('--quiet with no copy and no report keeps nothing, so it needs no temporary folder', async () => {
  const r = await run(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toMatch(/^ds\.xlsx \[[^\]]+\]: \d+ dòng — /);
});
