/**
 * `npm run demo` runs build/src/cli/demo.js: it must write a realistic example list, its checked
 * copy and report, with every outcome represented, and say so in Vietnamese. Run here in a
 * temporary folder (the demo takes the output folder as its argument).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { assertBuilt, readJson, ROOT, runCli, tempDir } from '../helpers/cli';
import { readWorkbook } from '../helpers/workbook';

jest.setTimeout(120_000);

const DEMO = path.join(ROOT, 'build', 'src', 'cli', 'demo.js');
const FILES = ['bao-cao.json', 'danh-sach-vi-du.checked.xlsx', 'danh-sach-vi-du.xlsx'];

interface Report {
  file: string;
  rows: { row: number; status: string; deadline: { status: string } }[];
  summary: Record<string, number>;
}

const dir = tempDir('ntm-awards-demo-');
let first: { stdout: string; stderr: string };
let second: { stdout: string; stderr: string };
let firstReport: Report;

beforeAll(async () => {
  assertBuilt();
  const run = () => promisify(execFile)(process.execPath, [DEMO, 'demo-output'], { cwd: dir });
  first = await run();
  firstReport = readJson<Report>(path.join(dir, 'demo-output', 'bao-cao.json'));
  second = await run();
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('writes the list, its checked copy and the report into the folder, and nothing else', () => {
  expect(fs.readdirSync(path.join(dir, 'demo-output')).sort()).toEqual(FILES);
  expect(fs.readdirSync(dir)).toEqual(['demo-output']);
});

test('prints a short Vietnamese summary naming the folder and the counts', () => {
  const s = firstReport.summary;
  expect(first.stderr).toBe('');
  expect(first.stdout).toContain('Đã tạo ví dụ trong thư mục demo-output/:');
  expect(first.stdout).toContain(
    `Kết quả: ${s.rows} dòng — ${s.eligible} đủ điều kiện, ${s.ineligible} không đủ điều kiện, ${s.incomplete} thiếu thông tin, ${s.notCovered} ngoài phạm vi kế hoạch; ${s.late} hồ sơ trễ hạn.`,
  );
});

test('about fifteen nominees, with every outcome: eligible, ineligible, incomplete, not covered, late', () => {
  const s = firstReport.summary;
  expect(s.rows).toBeGreaterThanOrEqual(12);
  expect(s.rows).toBeLessThanOrEqual(20);
  for (const k of ['eligible', 'ineligible', 'incomplete', 'notCovered', 'late']) expect({ [k]: s[k] > 0 }).toEqual({ [k]: true });
});

test('re-running replaces the files and gives the same result', () => {
  expect(second).toEqual(first);
  expect(readJson<Report>(path.join(dir, 'demo-output', 'bao-cao.json'))).toEqual(firstReport);
});

test('the list looks like an office list: title block, sections, total, signature', async () => {
  const wb = await readWorkbook(path.join(dir, 'demo-output', 'danh-sach-vi-du.xlsx'));
  const texts: string[] = [];
  wb.worksheets[0].eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))));
  for (const t of ['ỦY BAN NHÂN DÂN HUYỆN THẠCH HÀ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023', 'I. TẬP THỂ', 'II. CÁ NHÂN, HỘ GIA ĐÌNH', 'NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']) {
    expect(texts).toContain(t);
  }
  expect(texts.some((t) => t.startsWith('Tổng cộng'))).toBe(true);
  const checked = await readWorkbook(path.join(dir, 'demo-output', 'danh-sach-vi-du.checked.xlsx'));
  expect(checked.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Tổng hợp', 'Giải thích']);
});

test('the command line gives the same rows for the example list', async () => {
  const run = await runCli(['check', 'demo-output/danh-sach-vi-du.xlsx', '--plan', 'thach-ha-2022', '--year', '2023', '--json', 'r.json'], dir);
  expect(run.exitCode).toBe(1);
  const cli = readJson<Report>(path.join(dir, 'r.json'));
  fs.rmSync(path.join(dir, 'r.json'));
  expect(cli.rows).toEqual(firstReport.rows);
});
