/**
 * End to end (issue 10): the real binary merges a folder (`check --merge`) and exports to an import
 * template (`export --to lifesoft`); inputs untouched, one line per file that cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadCases } from '../helpers/cases';
import { assertBuilt, runCli, sha256, tempDir, type RunResult } from '../helpers/cli';
import { importTemplate, individualsList, LIST_PEOPLE } from '../helpers/lifesoft';
import { ooxmlProblems } from '../helpers/ooxml';
import { writeList } from '../helpers/workbook';

jest.setTimeout(120_000);

const WORK = tempDir('ntm-awards-e2e-merge-');
const LISTS = path.join(WORK, 'ho-so');
let merge: RunResult;
let exported: RunResult;
let hashes: Map<string, string>;

beforeAll(async () => {
  assertBuilt();
  fs.mkdirSync(LISTS);
  const cases = loadCases('thach-ha-2022').rows;
  await writeList(path.join(LISTS, 'a.xlsx'), { rows: cases.slice(0, 6).map((c) => c.cells), title: true });
  await writeList(path.join(LISTS, 'b.xlsx'), { rows: cases.slice(4, 12).map((c) => c.cells), header: 'two-row' });
  await individualsList([{ name: 'Lê Văn Mẫu', unit: 'Công ty Mẫu', subject: LIST_PEOPLE[1][0], award: '7100003' }]).xlsx.writeFile(path.join(LISTS, 'c.xlsx'));
  fs.writeFileSync(path.join(LISTS, 'd.xlsx'), 'not a workbook');
  await importTemplate(5).xlsx.writeFile(path.join(WORK, 'mau-nhap.xlsx'));
  hashes = new Map(fs.readdirSync(LISTS).map((f) => [f, sha256(path.join(LISTS, f))]));
  const common = ['--plan', 'thach-ha-2022', '--round', 'annual', '--year', '2023'];
  [merge, exported] = await Promise.all([
    runCli(['check', 'ho-so', ...common, '--merge', 'tong-hop.xlsx'], WORK),
    runCli(['export', 'ho-so', ...common, '--to', 'lifesoft', '--template', 'mau-nhap.xlsx', '--out', 'nhap.xlsx'], WORK),
  ]);
});
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

test('check --merge: one workbook, the unreadable file named on stderr, exit 2', async () => {
  expect(merge.exitCode).toBe(2);
  expect(merge.stderr.trim().split('\n')).toEqual([expect.stringMatching(/d\.xlsx: .*not an \.xlsx workbook/)]);
  expect(merge.stdout).toMatch(/tong-hop\.xlsx: 15 đề nghị từ 3 tệp/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(WORK, 'tong-hop.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Danh sách tổng hợp']));
  // TH-05 and TH-06 are in both a.xlsx and b.xlsx.
  const dup: string[] = [];
  wb.getWorksheet('Danh sách tổng hợp')!.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && c.value.startsWith('Trùng với') && dup.push(c.value)));
  expect(dup).toHaveLength(4);
});

test('check --merge: the merged workbook holds the summary with its chart and opens the strict way', async () => {
  const bytes = fs.readFileSync(path.join(WORK, 'tong-hop.xlsx'));
  expect(await ooxmlProblems(bytes)).toEqual([]);
  const zip = await JSZip.loadAsync(bytes);
  const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
  expect(charts).toHaveLength(1);
  // Status by award form, stacked: one series per status.
  const chart = await zip.files[charts[0]].async('string');
  expect(chart).toContain('<c:grouping val="stacked"/>');
  expect((chart.match(/<c:ser>/g) ?? []).length).toBeGreaterThanOrEqual(2);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const summary = wb.worksheets.find((w) => w.name.startsWith('Tổng hợp'))!;
  const titles: string[] = [];
  summary.eachRow((row) => typeof row.getCell(1).value === 'string' && titles.push(row.getCell(1).value as string));
  expect(titles).toEqual(expect.arrayContaining(['Theo tệp × kết quả', 'Tệp không đọc được (không gộp)']));
});

test('export: the filled template written, the inputs untouched', async () => {
  expect(exported.stderr.trim().split('\n')).toEqual([expect.stringMatching(/d\.xlsx: .*not an \.xlsx workbook/)]);
  expect(exported.exitCode).toBe(2);
  expect(exported.stdout).toMatch(/nhap\.xlsx: \d+ đề nghị đủ điều kiện ghi vào mẫu nhập/);
  expect(fs.existsSync(path.join(WORK, 'nhap.xlsx'))).toBe(true);
  for (const [f, h] of hashes) expect(sha256(path.join(LISTS, f))).toBe(h);
});
