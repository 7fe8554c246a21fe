/**
 * A list with more rows to review than a function call takes arguments (about 120,000 in V8): the
 * terminal lists every one of them, like a linter, instead of failing with an internal error.
 * Excel's sheet holds 1,048,575 rows, so a province's merged list can get there.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { assertBuilt, runCli, tempDir } from '../helpers/cli';

jest.setTimeout(180_000);

const ROWS = 130_000;

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir();
  // Every row lacks its subject type, so every row is incomplete and listed.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'ds.xlsx'), useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Ngày trình']).commit();
  for (let i = 1; i <= ROWS; i++) ws.addRow([i, `Thôn Mẫu ${i}`, null, 'Giấy khen', '01/12/2023']).commit();
  ws.commit();
  await wb.commit();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every row to review gets its line, and the run ends as a check, not a crash', async () => {
  const r = await runCli(['check', 'ds.xlsx', '--plan', 'thach-ha-2022', '--year', '2023'], dir);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(1);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^ds\.xlsx \[Danh sách\]: 130000 dòng — 0 đủ điều kiện, 0 không đủ, 130000 thiếu thông tin/);
  expect(lines).toHaveLength(ROWS + 1);
  expect(lines[ROWS]).toMatch(/^ {2}ds\.xlsx:130001 {2}Thôn Mẫu 130000 +Thiếu thông tin/);
});
