/**
 * Authoring a plan in Excel, end to end with the real command line: a plan none of the shipped
 * ones encodes (a 2026–2030 commune plan with its own award form "Cờ thi đua"), written sheet by
 * sheet the way the guide sheet describes it, checked, built to JSON, and used to check a list.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { assertBuilt, readJson, runCli, tempDir } from '../helpers/cli';

type Row = (string | number | null)[];

function sheet(wb: ExcelJS.Workbook, name: string, rows: Row[]): void {
  const ws = wb.addWorksheet(name);
  rows.forEach((r) => ws.addRow(r));
}

/** "Kế hoạch thi đua xã An Phú 2026–2030", as an official following the guide would write it. */
function anPhuPlan(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  sheet(wb, 'Thông tin', [
    ['Mục', 'Giá trị'],
    ['Mã kế hoạch', 'xa-an-phu-2026'],
    ['Tên phong trào', 'Phong trào thi đua “An Phú chung sức xây dựng nông thôn mới” giai đoạn 2026 - 2030'],
    ['Cơ quan ban hành', 'UBND xã An Phú'],
    ['Văn bản', 'Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND xã An Phú'],
    ['Tên ngắn', 'KH An Phú 2026'],
    ['Tệp nguồn', 'kh-an-phu-2026.txt'],
    ['Hiệu lực từ năm', 2026],
    ['Hiệu lực đến năm', 2030],
    ['Mục trích dẫn giai đoạn', '§I'],
    ['Nguyên văn giai đoạn', 'giai đoạn 2026 - 2030'],
    ['Năm sơ kết', 2028],
    ['Năm tổng kết', 2030],
    ['Mục trích dẫn năm sơ kết, tổng kết', '§VI'],
    ['Nguyên văn năm sơ kết, tổng kết', 'Sơ kết vào năm 2028, tổng kết vào năm 2030'],
  ]);
  sheet(wb, 'Hình thức riêng', [
    ['Mã', 'Tên', 'Tên khác', 'Thứ bậc'],
    ['co-thi-dua', 'Cờ thi đua', 'Cờ thi đua của UBND xã', 1.5],
  ]);
  sheet(wb, 'Cột riêng', [
    ['Tiêu đề cột', 'Tên khác', 'Kiểu', 'Gợi ý'],
    ['Hoàn thành chỉ tiêu của thôn', null, 'Có/Không', 'Có nếu thôn hoàn thành mọi chỉ tiêu được giao trong năm'],
    ['Kinh phí nhân dân đóng góp (đồng)', 'Kinh phí đóng góp', 'Số tiền', null],
    ['Gia đình văn hóa', null, 'Có/Không', null],
  ]);
  sheet(wb, 'Đối tượng', [
    ['Đối tượng', 'Điểm', 'Tên trong kế hoạch', 'Xét như đối tượng', 'Cách hiểu', 'Mục trích dẫn', 'Nguyên văn'],
    ['Thôn', 'a', 'Các thôn', null, null, '§V.1.a', 'Đối với các thôn'],
    ['Hộ gia đình', 'b', 'Hộ gia đình', null, null, '§V.1.b', 'Đối với hộ gia đình'],
  ]);
  // Headers in another order and without diacritics: matched by name after normalisation.
  sheet(wb, 'Tiêu chí', [
    ['Ma', 'Thuoc nhom', 'Doi tuong', 'Loai', 'Noi dung', 'Cot', 'Phep thu', 'Gia tri', 'Muc trich dan', 'Nguyen van'],
    ['a', null, 'Thôn', 'Tất cả', 'Thôn đạt cả hai tiêu chuẩn', null, null, null, '§V.1.a', 'đạt các tiêu chuẩn sau'],
    ['a.1', 'a', null, 'Tiêu chí', 'Hoàn thành 100% chỉ tiêu được giao', 'Hoàn thành chỉ tiêu của thôn', 'Có', null, '§V.1.a•1', 'Hoàn thành 100% chỉ tiêu được giao'],
    [],
    ['a.2', 'a', null, 'Tiêu chí', 'Nhân dân đóng góp từ 50 triệu đồng', 'Kinh phí nhân dân đóng góp (đồng)', 'Tối thiểu', '50.000.000', '§V.1.a•2', 'Nhân dân đóng góp từ 50 triệu đồng trở lên'],
    ['b', null, 'Hộ gia đình', 'Tiêu chí', 'Đạt danh hiệu Gia đình văn hóa', 'Gia đình văn hóa', 'Có', null, '§V.1.b', 'Đạt danh hiệu Gia đình văn hóa'],
  ]);
  sheet(wb, 'Hình thức khen', [
    ['Hình thức', 'Cách xét', 'Tên trong kế hoạch', 'Văn bản áp dụng', 'Đợt', 'Mức thành tích tối thiểu', 'Ghi chú', 'Mục trích dẫn', 'Nguyên văn'],
    ['Giấy khen của Chủ tịch UBND cấp xã', 'Xét theo tiêu chí', 'Giấy khen của Chủ tịch UBND xã', null, 'Hằng năm; Sơ kết; Tổng kết', null, null, '§V.2', 'Chủ tịch UBND xã tặng Giấy khen'],
    ['Cờ thi đua', 'Xét theo tiêu chí', 'Cờ thi đua của UBND xã', null, 'Tổng kết', null, null, '§V.3', 'Tặng Cờ thi đua khi tổng kết phong trào'],
  ]);
  sheet(wb, 'Thời hạn', [
    ['Đợt', 'Hình thức', 'Hạn (ngày/tháng)', 'Nội dung', 'Mục trích dẫn', 'Nguyên văn'],
    ['Hằng năm', 'Giấy khen của Chủ tịch UBND cấp xã', '15/11', 'Trình trước ngày 15/11 hằng năm', '§VII', 'gửi hồ sơ trước ngày 15/11 hằng năm'],
  ]);
  return wb;
}

function nominationList(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Đợt khen thưởng', 'Năm', 'Ngày trình', 'Mức thành tích', 'Hoàn thành chỉ tiêu của thôn', 'Kinh phí nhân dân đóng góp (đồng)', 'Gia đình văn hóa', 'Chức vụ, đơn vị công tác']);
  ws.addRow(['Thôn Đông', 'Thôn', 'Giấy khen của Chủ tịch UBND xã', 'Hằng năm', 2027, '01/11/2027', 'Xuất sắc', 'Có', 60000000, null]);
  ws.addRow(['Thôn Tây', 'Thôn', 'Giấy khen của Chủ tịch UBND xã', 'Hằng năm', 2027, '01/11/2027', 'Xuất sắc', 'Có', 30000000, null]);
  ws.addRow(['Hộ ông Nguyễn Văn A', 'Hộ gia đình', 'Giấy khen của Chủ tịch UBND xã', 'Hằng năm', 2027, '01/11/2027', 'Xuất sắc', null, null, 'Có', 'Thôn Đông, xã An Phú']);
  ws.addRow(['Thôn Nam', 'Thôn', 'Giấy khen của Chủ tịch UBND xã', 'Hằng năm', 2024, '01/11/2024', 'Xuất sắc', 'Có', 60000000, null]);
  ws.addRow(['Thôn Bắc', 'Thôn', 'Cờ thi đua', 'Tổng kết', 2030, '01/11/2030', 'Xuất sắc', 'Có', 80000000, null]);
  return wb;
}

jest.setTimeout(120_000);

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir('ntm-plan-book-');
  await anPhuPlan().xlsx.writeFile(path.join(dir, 'ke-hoach.xlsx'));
  await nominationList().xlsx.writeFile(path.join(dir, 'danh-sach.xlsx'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('plan check accepts the workbook written from the guide', async () => {
  const r = await runCli(['plan', 'check', 'ke-hoach.xlsx'], dir);
  expect(r).toEqual({ exitCode: 0, stdout: 'Kế hoạch hợp lệ: xa-an-phu-2026 — 2 loại đối tượng, 3 tiêu chí, 1 thời hạn\n', stderr: '' });
});

test('check --plan-file takes the workbook and decides each row by its criteria', async () => {
  const r = await runCli(['check', 'danh-sach.xlsx', '--plan-file', 'ke-hoach.xlsx', '--json', 'bao-cao.json'], dir);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(1);
  const rep = readJson<{ rows: { name: string; status: string; awardTier: string | null; reasons: { text: string; citation: string }[] }[] }>(path.join(dir, 'bao-cao.json'));
  expect(rep.rows.map((x) => [x.name, x.status, x.awardTier])).toEqual([
    ['Thôn Đông', 'eligible', 'giay-khen-xa'],
    ['Thôn Tây', 'ineligible', null],
    ['Hộ ông Nguyễn Văn A', 'eligible', 'giay-khen-xa'],
    ['Thôn Nam', 'ineligible', null],
    ['Thôn Bắc', 'eligible', 'co-thi-dua'],
  ]);
  // Reasons cite the plan by its short name.
  expect(rep.rows[1].reasons.some((x) => x.citation.includes('KH An Phú 2026') && x.citation.includes('V.1.a•2'))).toBe(true);
});

test('plan build writes the JSON that checks the same list the same way, and plan show reads it', async () => {
  expect((await runCli(['plan', 'build', 'ke-hoach.xlsx', '--out', 'ke-hoach.json'], dir)).exitCode).toBe(0);
  const a = await runCli(['check', 'danh-sach.xlsx', '--plan-file', 'ke-hoach.json', '--json', 'bao-cao-json.json'], dir);
  expect(a.exitCode).toBe(1);
  const rows = (f: string) => readJson<{ rows: unknown[] }>(path.join(dir, f)).rows;
  expect(rows('bao-cao-json.json')).toEqual(rows('bao-cao.json'));
  const show = await runCli(['plan', 'show', 'ke-hoach.json'], dir);
  expect(show.exitCode).toBe(0);
  expect(show.stdout).toContain('Cờ thi đua (“Cờ thi đua của UBND xã”): xét theo tiêu chí; đợt: Tổng kết');
  expect(show.stdout).toContain('- Nhân dân đóng góp từ 50 triệu đồng — cột “Kinh phí nhân dân đóng góp (đồng)” từ 50.000.000 đồng trở lên (a.2)');
});

test('export, one-sheet layout and a broken workbook: every problem at its sheet!cell, exit 2', async () => {
  const ex = await runCli(['plan', 'export', 'ke-hoach.json', '--one-sheet', '--out', 'mot-sheet.xlsx'], dir);
  expect(ex.exitCode).toBe(0);
  expect((await runCli(['plan', 'check', 'mot-sheet.xlsx'], dir)).exitCode).toBe(0);
  const wb = anPhuPlan();
  const crit = wb.getWorksheet('Tiêu chí')!;
  crit.getCell('F3').value = 'Hoàn thành chỉ tiêu';
  wb.getWorksheet('Thời hạn')!.getCell('C2').value = '31/11';
  await wb.xlsx.writeFile(path.join(dir, 'hong.xlsx'));
  const r = await runCli(['plan', 'check', 'hong.xlsx'], dir);
  expect(r.exitCode).toBe(2);
  expect(r.stdout.split('\n').filter(Boolean)).toEqual([
    'Thời hạn!C2: “31/11” không phải ngày/tháng; ghi hạn dạng ngày/tháng, ví dụ “05/12”',
    'Tiêu chí!F3: không có cột “Hoàn thành chỉ tiêu”; dùng đúng tiêu đề cột chuẩn (sheet “Hướng dẫn”) hoặc khai báo cột ở sheet “Cột riêng”',
  ]);
  const c = await runCli(['check', 'danh-sach.xlsx', '--plan-file', 'hong.xlsx'], dir);
  expect(c.exitCode).toBe(2);
  expect(c.stderr).toMatch(/^ntm-awards: hong\.xlsx: kế hoạch không hợp lệ tại Thời hạn!C2: .* \(và 1 lỗi khác; xem: ntm-awards plan check hong\.xlsx\); sửa lại tệp kế hoạch — invalid plan\n$/);
});
