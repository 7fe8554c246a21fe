/**
 * The province's path end to end (issue 21 §3), with the real binary, as an office runs it: twenty
 * commune lists, one merge with its report, an export of the merged list into the sample import
 * template, the mapping chosen once, the export again — and the filled template re-read through
 * its own lookups: every eligible nominee once, with the right codes; duplicates reported, not
 * written twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_AWARDS, SAMPLE_CLASSES, SAMPLE_SUBJECTS } from '../../scripts/sample-template';
import { loadCases } from '../helpers/cases';
import { assertBuilt, ROOT, runCli, tempDir } from '../helpers/cli';
import { NAME, SUBJECT, writeList } from '../helpers/workbook';

jest.setTimeout(240_000);

const WORK = tempDir('ntm-awards-e2e-province-');
const COMMUNES = ['Thạch Đài', 'Thạch Hương', 'Thạch Kênh', 'Thạch Liên', 'Thạch Ngọc', 'Thạch Sơn', 'Thạch Thắng', 'Thạch Trị', 'Thạch Văn', 'Thạch Xuân',
  'Tân Lâm Hương', 'Lưu Vĩnh Sơn', 'Việt Tiến', 'Nam Điền', 'Ngọc Sơn', 'Thạch Hội', 'Thạch Lạc', 'Thạch Khê', 'Đỉnh Bàn', 'Tượng Sơn'];
const COMMON = ['--plan', 'thach-ha-2022', '--round', 'annual', '--year', '2023'];
const cases = loadCases('thach-ha-2022').rows;
/** Eligible rows of one commune list, and what each is written as. */
const ELIGIBLE = cases.filter((c) => c.expect.status === 'eligible');
const CHOICES: Record<string, string> = { Xã: 'Cơ quan Hành chính', Thôn: 'Đối tượng khác', 'Phòng, ban, ngành': 'Cơ quan Hành chính' };
const CLASS_OF: Record<string, string> = { 'Hộ gia đình': 'HOGIADINH' };

const named = (name: string, commune: string) => `${name} (${commune})`;

beforeAll(async () => {
  assertBuilt();
  const lists = path.join(WORK, 'ho-so');
  fs.mkdirSync(lists);
  for (const [i, commune] of COMMUNES.entries()) {
    const rows = cases.map((c) => ({ ...c.cells, [NAME]: named(c.cells[NAME] as string, commune) }));
    // Three communes also propose the first commune's household: the same nominee, four times in all.
    const again = cases.find((c) => c.cells[SUBJECT] === 'Hộ gia đình' && c.expect.status === 'eligible')!;
    if (i >= 1 && i <= 3) rows.push({ ...again.cells, [NAME]: named(again.cells[NAME] as string, COMMUNES[0]) });
    await writeList(path.join(lists, `xa-${String(i + 1).padStart(2, '0')}.xlsx`), { rows, title: i % 2 === 0 });
  }
  fs.copyFileSync(path.join(ROOT, 'samples', 'mau-nhap-lifesoft.xlsx'), path.join(WORK, 'mau-nhap.xlsx'));
});
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

/** Excel's VLOOKUP(…, 0) on the filled file: the value of the key in the catalogue sheet the formula names. */
function lookup(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, formula: string): unknown {
  const m = /^VLOOKUP\(([A-Z]+)(\d+),'?([^'!]+)'?!\$A\$(\d+):\$B\$(\d+),2,0\)$/.exec(formula);
  if (!m) throw new Error(`not a lookup: ${formula}`);
  const key = ws.getCell(`${m[1]}${m[2]}`).value;
  const table = wb.getWorksheet(m[3])!;
  for (let r = Number(m[4]); r <= Number(m[5]); r++) if (key !== null && table.getCell(r, 1).value === key) return table.getCell(r, 2).value;
  return '#N/A';
}

test('twenty lists, merged, mapped once, exported: each eligible nominee once with the right codes', async () => {
  // 1. Merge, with the report beside the workbook.
  const merge = await runCli(['check', 'ho-so', ...COMMON, '--merge', 'tong-hop.xlsx', '--json', 'tong-hop.json'], WORK);
  expect(merge.stderr).toBe('');
  const merged = JSON.parse(fs.readFileSync(path.join(WORK, 'tong-hop.json'), 'utf8'));
  expect(merged.rows).toHaveLength(COMMUNES.length * cases.length + 3);
  expect(merged.files).toHaveLength(COMMUNES.length);
  const household = merged.rows.filter((r: { name: string }) => r.name === named(ELIGIBLE.find((c) => c.cells[SUBJECT] === 'Hộ gia đình')!.cells[NAME] as string, COMMUNES[0]));
  expect(household).toHaveLength(4);
  for (const r of household) expect(r).toMatchObject({ status: 'eligible', source: { file: expect.stringMatching(/^xa-0[1-4]\.xlsx$/), row: expect.any(Number) }, duplicates: expect.stringMatching(/^Trùng với /) });

  // 2. Export the merged list: the values the catalogue lacks go to the mapping file.
  const first = await runCli(['export', 'tong-hop.xlsx', ...COMMON, '--to', 'lifesoft', '--template', 'mau-nhap.xlsx', '--out', 'nhap-thu.xlsx'], WORK);
  expect(first.exitCode).toBe(1);
  expect(first.stdout).toMatch(/doi-chieu-danh-muc\.xlsx: 3 giá trị cần chọn/);

  // 3. The clerk chooses once, in the mapping file's dropdowns.
  const mapping = new ExcelJS.Workbook();
  await mapping.xlsx.readFile(path.join(WORK, 'doi-chieu-danh-muc.xlsx'));
  const sheet = mapping.getWorksheet('Đối chiếu')!;
  const values: string[] = [];
  sheet.eachRow((row, r) => {
    if (r <= 4) return;
    const value = String(row.getCell(3).value);
    values.push(value);
    row.getCell(4).value = CHOICES[value] ?? null;
  });
  expect(values.sort()).toEqual(Object.keys(CHOICES).sort());
  await mapping.xlsx.writeFile(path.join(WORK, 'doi-chieu-danh-muc.xlsx'));

  // 4. Export again with the choices.
  const done = await runCli(['export', 'tong-hop.xlsx', ...COMMON, '--to', 'lifesoft', '--template', 'mau-nhap.xlsx', '--mapping', 'doi-chieu-danh-muc.xlsx', '--out', 'nhap.xlsx', '--json', 'bao-cao-xuat.json'], WORK);
  expect(done.stderr).toBe('');
  const report = JSON.parse(fs.readFileSync(path.join(WORK, 'bao-cao-xuat.json'), 'utf8'));
  const unique = COMMUNES.length * ELIGIBLE.length;
  expect(report.summary).toMatchObject({ eligible: unique + 3, written: unique, blocked: 0, duplicates: 3 });
  expect(done.stdout).toContain('  theo tệp đối chiếu: Phân loại đối tượng “Xã” → “Cơ quan Hành chính”: 20 dòng — by the mapping');
  expect(done.stdout.match(/trùng với .*đã ghi một lần/gi) ?? []).toHaveLength(3);

  // 5. The import template, re-read through its own lookups.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(WORK, 'nhap.xlsx'));
  const ws = wb.getWorksheet('file nhận')!;
  const expected = new Map<string, [string, string | number, string | number]>();
  for (const commune of COMMUNES) {
    for (const c of ELIGIBLE) {
      const subjectText = c.cells[SUBJECT] as string;
      const subject = CHOICES[subjectText] ?? subjectText;
      const kind = CLASS_OF[subjectText] ?? 'TAPTHE';
      const award = SAMPLE_AWARDS.find(([n]) => n === 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện')![1];
      expected.set(named(c.cells[NAME] as string, commune), [kind, award, SAMPLE_SUBJECTS.find(([n]) => n === subject)![1]]);
    }
  }
  const seen = new Map<string, [unknown, unknown, unknown]>();
  for (let r = 2; ws.getCell(r, 3).value !== null; r++) {
    const name = String(ws.getCell(r, 3).value);
    expect(seen.has(name)).toBe(false); // once
    const codes = [18, 19, 20].map((col) => lookup(wb, ws, (ws.getCell(r, col).value as { formula: string }).formula));
    seen.set(name, codes as [unknown, unknown, unknown]);
  }
  expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));
  expect(SAMPLE_CLASSES.map(([, c]) => c)).toEqual(expect.arrayContaining(['TAPTHE', 'HOGIADINH']));
});
