/**
 * `ntm-awards plan new`: a blank plan workbook from the format itself (every sheet, guide,
 * dropdowns, one example row per sheet). `plan check` on it lists exactly the cells the author
 * must fill from the plan's own text (Thông tin and the citations of the example rows); once
 * those are filled, it passes.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { BLOCKS, GUIDE_SHEET, INFO_FIELDS, LISTS_SHEET } from '../../src/core/plan-book/format';
import { STANDARD_COLUMNS } from '../../src/core/columns';
import { assertBuilt, readJson, ROOT, runCli, tempDir } from '../helpers/cli';

jest.setTimeout(120_000);

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir('ntm-plan-new-');
  const r = await runCli(['plan', 'new', '--out', 'ke-hoach.xlsx'], dir);
  expect([r.exitCode, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain('ntm-awards plan check ke-hoach.xlsx');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));

test('every sheet of the format is there, with its headers, an example row and dropdowns', async () => {
  const wb = await load('ke-hoach.xlsx');
  expect(wb.worksheets.map((w) => w.name)).toEqual([GUIDE_SHEET, ...BLOCKS.map((b) => b.title), LISTS_SHEET]);
  expect(wb.getWorksheet(LISTS_SHEET)!.state).toBe('hidden');
  for (const b of BLOCKS) {
    const ws = wb.getWorksheet(b.title)!;
    expect(b.columns.map((_, i) => text(ws.getCell(1, i + 1).value))).toEqual(b.columns.map((c) => c.header));
    const filled = (r: number) => b.columns.some((_, i) => text(ws.getCell(r, i + 1).value) !== '');
    if (b.key === 'info') expect(INFO_FIELDS.map((_, i) => text(ws.getCell(i + 2, 1).value))).toEqual(INFO_FIELDS.map((f) => f.label));
    else expect([b.title, filled(2)]).toEqual([b.title, true]);
    const validated = Object.keys((ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model);
    for (const [i, c] of b.columns.entries()) if (c.list) expect(validated.some((range) => range.startsWith(ws.getCell(2, i + 1).address))).toBe(true);
  }
});

test('the guide lists every standard column, and the unit column is needed for households too', async () => {
  const guide = (await load('ke-hoach.xlsx')).getWorksheet(GUIDE_SHEET)!;
  const lines: string[] = [];
  guide.eachRow((r) => lines.push(text(r.getCell(1).value)));
  for (const c of STANDARD_COLUMNS) expect(lines.filter((l) => l.startsWith(`  • ${c.header} — `))).toHaveLength(1);
  expect(lines.find((l) => l.startsWith('  • Chức vụ, đơn vị công tác — '))).toMatch(/cần cho: dòng .*“Hộ gia đình”/);
});

test('plan check lists only what the author must fill; filled in, the workbook passes', async () => {
  const r = await runCli(['plan', 'check', 'ke-hoach.xlsx'], dir);
  expect(r.exitCode).toBe(2);
  const cells = r.stdout.split('\n').filter(Boolean).map((l) => /^([^!]+)!([A-Z]+)(\d+): /.exec(l)!.slice(1));
  expect(cells.length).toBeGreaterThan(0);
  const wb = await load('ke-hoach.xlsx');
  for (const [sheet, col, row] of cells) {
    const ws = wb.getWorksheet(sheet)!;
    const header = text(ws.getCell(1, ws.getColumn(col).number).value);
    // Thông tin: a value the plan's text gives; elsewhere: the citation of an example row.
    expect([sheet, header, text(ws.getCell(`${col}${row}`).value)]).toEqual([sheet, sheet === 'Thông tin' ? 'Giá trị' : 'Mục trích dẫn', '']);
    if (sheet === 'Thông tin') {
      const field = text(ws.getCell(Number(row), 1).value);
      ws.getCell(`${col}${row}`).value = /^Năm/.test(field) ? 2028 : field === 'Mã kế hoạch' ? 'xa-vi-du-2026' : /Mục trích dẫn/.test(field) ? '§VI' : `${field} (điền thử)`;
      if (/Mục trích dẫn/.test(field)) ws.getCell(Number(row) + 1, 2).value = 'Sơ kết vào năm 2028';
    } else {
      ws.getCell(`${col}${row}`).value = '§II.1';
      ws.getCell(Number(row), ws.getColumn(col).number + 1).value = 'lời văn của kế hoạch (điền thử)';
    }
  }
  await wb.xlsx.writeFile(path.join(dir, 'da-dien.xlsx'));
  const ok = await runCli(['plan', 'check', 'da-dien.xlsx'], dir);
  expect(ok).toEqual({ exitCode: 0, stdout: expect.stringMatching(/^Kế hoạch hợp lệ: xa-vi-du-2026 — 1 loại đối tượng, 1 tiêu chí, 1 thời hạn\n$/), stderr: '' });
});

test('an existing file is kept unless --force', async () => {
  const before = fs.readFileSync(path.join(dir, 'ke-hoach.xlsx'));
  const r = await runCli(['plan', 'new', '--out', 'ke-hoach.xlsx'], dir);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('tệp đã có; thêm --force để ghi đè');
  expect(fs.readFileSync(path.join(dir, 'ke-hoach.xlsx')).equals(before)).toBe(true);
  expect((await runCli(['plan', 'new', '--out', 'ke-hoach.xlsx', '--force'], dir)).exitCode).toBe(0);
});

/**
 * A second plan, from a text chosen for it (tests/fixtures/ke-hoach-phuong-2026/ke-hoach.txt, a
 * fictional ward plan), written the way a new user would: start from `plan new`, replace the
 * example rows by following the guide, check a list worked out by hand from the text.
 */
describe('a plan written from plan new alone gives the hand-worked result on every row', () => {
  const FIX = path.join(ROOT, 'tests', 'fixtures', 'ke-hoach-phuong-2026');
  type Cells = Record<string, string | number>;
  const quoted: string[] = [];
  const quote = (ref: string, q: string) => {
    quoted.push(q);
    return { 'Mục trích dẫn': ref, 'Nguyên văn': q };
  };

  function fill(ws: ExcelJS.Worksheet, rows: Cells[]): void {
    // As an official would: select the example rows and press Delete.
    ws.eachRow((row, n) => {
      if (n > 1) row.eachCell((c) => (c.value = null));
    });
    const cols = new Map<string, number>();
    ws.getRow(1).eachCell((c, n) => cols.set(text(c.value), n));
    rows.forEach((r, i) => {
      for (const [h, v] of Object.entries(r)) ws.getCell(2 + i, cols.get(h) ?? Number.NaN).value = v;
    });
  }

  test('plan check passes, and check gives every row as worked out by hand', async () => {
    expect((await runCli(['plan', 'new', '--out', 'phuong.xlsx'], dir)).exitCode).toBe(0);
    const wb = await load('phuong.xlsx');
    const info = wb.getWorksheet('Thông tin')!;
    const values: Record<string, string | number> = {
      'Mã kế hoạch': 'phuong-an-lac-2026',
      'Tên phong trào': 'Phong trào thi đua “An Lạc văn minh, xanh, sạch” giai đoạn 2026 - 2030',
      'Cơ quan ban hành': 'UBND phường An Lạc (giả định)',
      'Văn bản': 'Kế hoạch số 05/KH-UBND của UBND phường An Lạc (giả định)',
      'Tên ngắn': 'KH 05/KH-UBND An Lạc',
      'Tệp nguồn': 'ke-hoach.txt',
      'Năm sơ kết': 2028,
      'Năm tổng kết': 2030,
      'Mục trích dẫn năm sơ kết, tổng kết': '§IV',
      'Nguyên văn năm sơ kết, tổng kết': quote('§IV', 'Sơ kết vào năm 2028; tổng kết vào năm 2030.')['Nguyên văn'],
    };
    info.eachRow((row, n) => {
      const v = values[text(row.getCell(1).value)];
      if (n > 1 && v !== undefined) row.getCell(2).value = v;
    });
    for (const name of ['Loại đối tượng riêng', 'Hình thức riêng', 'Thời hạn', 'Lưu ý', 'Thang mức']) fill(wb.getWorksheet(name)!, []);
    fill(wb.getWorksheet('Cột riêng')!, [{ 'Tiêu đề cột': 'Tổ dân phố văn minh', Kiểu: 'Có/Không' }]);
    fill(wb.getWorksheet('Đối tượng')!, [
      { 'Đối tượng': 'Thôn', Điểm: '1', 'Tên trong kế hoạch': 'Tổ dân phố', ...quote('§II.1', 'Tổ dân phố đạt một trong hai tiêu chuẩn') },
      { 'Đối tượng': 'Hộ gia đình', Điểm: '2', 'Tên trong kế hoạch': 'Hộ gia đình', ...quote('§II.2', 'Hộ gia đình đạt danh hiệu Gia đình văn hóa') },
    ]);
    fill(wb.getWorksheet('Tiêu chí')!, [
      { Mã: '1', 'Đối tượng': 'Thôn', Loại: 'Một trong', 'Nội dung': 'Đạt một trong hai tiêu chuẩn' },
      { Mã: '1.1', 'Thuộc nhóm': '1', Loại: 'Tiêu chí', 'Nội dung': 'Tổ dân phố văn minh đô thị', Cột: 'Tổ dân phố văn minh', 'Phép thử': 'Có', ...quote('§II.1', 'được công nhận tổ dân phố văn minh đô thị') },
      { Mã: '1.2', 'Thuộc nhóm': '1', Loại: 'Tiêu chí', 'Nội dung': 'Nhiều tuyến phố đạt chuẩn văn minh', Cột: 'Có nhiều tuyến phố đạt chuẩn văn minh', 'Phép thử': 'Có', ...quote('§II.1', 'có nhiều tuyến phố đạt chuẩn văn minh') },
      { Mã: '2', 'Đối tượng': 'Hộ gia đình', Loại: 'Tất cả', 'Nội dung': 'Đạt cả hai' },
      { Mã: '2.1', 'Thuộc nhóm': '2', Loại: 'Tiêu chí', 'Nội dung': 'Gia đình văn hóa', Cột: 'Gia đình văn hóa', 'Phép thử': 'Có', ...quote('§II.2', 'đạt danh hiệu Gia đình văn hóa') },
      { Mã: '2.2', 'Thuộc nhóm': '2', Loại: 'Tiêu chí', 'Nội dung': 'Hiến đất, đóng góp tài sản, ngày công', Cột: 'Đóng góp đất đai, tài sản, ngày công', 'Phép thử': 'Có', ...quote('§II.2', 'tự nguyện hiến đất, đóng góp tài sản, ngày công chỉnh trang đô thị') },
    ]);
    fill(wb.getWorksheet('Hình thức khen')!, [
      { 'Hình thức': 'Giấy khen của Chủ tịch UBND cấp xã', 'Cách xét': 'Xét theo tiêu chí', 'Tên trong kế hoạch': 'Giấy khen của Chủ tịch UBND phường', Đợt: 'Hằng năm; Tổng kết', ...quote('§III.1', 'Chủ tịch UBND phường tặng Giấy khen hằng năm và khi tổng kết Phong trào thi đua.') },
      { 'Hình thức': 'Bằng khen của Chủ tịch UBND tỉnh', 'Cách xét': 'Theo văn bản khác', 'Tên trong kế hoạch': 'Bằng khen của Chủ tịch UBND tỉnh', 'Văn bản áp dụng': 'hướng dẫn của UBND tỉnh', Đợt: 'Tổng kết', ...quote('§III.2', 'Bằng khen của Chủ tịch UBND tỉnh khi tổng kết thực hiện theo hướng dẫn của UBND tỉnh.') },
    ]);
    await wb.xlsx.writeFile(path.join(dir, 'phuong.xlsx'));
    const checked = await runCli(['plan', 'check', 'phuong.xlsx'], dir);
    expect(checked).toEqual({ exitCode: 0, stdout: 'Kế hoạch hợp lệ: phuong-an-lac-2026 — 2 loại đối tượng, 4 tiêu chí, 0 thời hạn\n', stderr: '' });

    // Every quote written above is the text's own.
    const planText = fs.readFileSync(path.join(FIX, 'ke-hoach.txt'), 'utf8').replace(/\s+/g, ' ');
    expect(quoted.filter((q) => !planText.includes(q))).toEqual([]);

    const list = new ExcelJS.Workbook();
    const ws = list.addWorksheet('Danh sách');
    ws.addRow(['Tên tập thể, cá nhân', 'Đối tượng', 'Chức vụ, đơn vị công tác', 'Hình thức đề nghị', 'Đợt khen thưởng', 'Năm', 'Tổ dân phố văn minh', 'Có nhiều tuyến phố đạt chuẩn văn minh', 'Gia đình văn hóa', 'Đóng góp đất đai, tài sản, ngày công']);
    const gk = 'Giấy khen của Chủ tịch UBND phường';
    ws.addRow(['Tổ dân phố 1', 'Tổ dân phố', null, gk, 'Hằng năm', 2027, 'Có', null, null, null]);
    ws.addRow(['Tổ dân phố 2', 'Tổ dân phố', null, gk, 'Hằng năm', 2027, 'Không', 'Có', null, null]);
    ws.addRow(['Tổ dân phố 3', 'Tổ dân phố', null, gk, 'Hằng năm', 2027, 'Không', 'Không', null, null]);
    ws.addRow(['Tổ dân phố 4', 'Tổ dân phố', null, gk, 'Hằng năm', 2027, null, 'Không', null, null]);
    ws.addRow(['Hộ ông Lê Văn Tám', 'Hộ gia đình', 'Tổ dân phố 1', gk, 'Hằng năm', 2027, null, null, 'Có', 'Có']);
    ws.addRow(['Hộ bà Ngô Thị Chín', 'Hộ gia đình', 'Tổ dân phố 2', gk, 'Hằng năm', 2027, null, null, 'Có', 'Không']);
    ws.addRow(['Tổ dân phố 5', 'Tổ dân phố', null, gk, 'Sơ kết', 2028, 'Có', null, null, null]);
    ws.addRow(['Tổ dân phố 6', 'Tổ dân phố', null, 'Bằng khen của Chủ tịch UBND tỉnh', 'Tổng kết', 2030, 'Có', null, null, null]);
    await list.xlsx.writeFile(path.join(dir, 'danh-sach-phuong.xlsx'));
    const r = await runCli(['check', 'danh-sach-phuong.xlsx', '--plan-file', 'phuong.xlsx', '--json', 'phuong.json'], dir);
    expect(r.stderr).toBe('');
    const rows = readJson<{ rows: { row: number; name: string; status: string; awardTier: string | null; missing: string[]; deadline: { status: string } }[] }>(path.join(dir, 'phuong.json')).rows;
    const hand = readJson<{ rows: Record<string, { name: string; status: string; awardTier: string | null; missing: string[]; deadline: string }> }>(path.join(FIX, 'ket-qua.expected.json')).rows;
    expect(Object.fromEntries(rows.map((x) => [String(x.row), { name: x.name, status: x.status, awardTier: x.awardTier, missing: x.missing, deadline: x.deadline.status }]))).toEqual(
      Object.fromEntries(Object.entries(hand).map(([k, x]) => [k, { name: x.name, status: x.status, awardTier: x.awardTier, missing: x.missing, deadline: x.deadline }])),
    );
  });
});
