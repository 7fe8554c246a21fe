/**
 * A broken plan workbook gives, all at once, one Vietnamese line per problem naming the sheet and
 * the cell, and what to do. The workbook is a shipped plan's tables with cells spoiled.
 */
import type { BookSheet } from '../../../src/core/plan-book/blocks';
import type { BookValue } from '../../../src/core/plan-book/format';
import { formatBookError, readPlanBook } from '../../../src/core/plan-book/from-tables';
import { planToTables } from '../../../src/core/plan-book/to-tables';
import { shippedPlan } from '../../../src/plans';

type Sheet = { name: string; rows: BookValue[][] };

function sheetsOf(id: string): Sheet[] {
  return planToTables(shippedPlan(id)!.plan).map((t) => ({ name: t.block.title, rows: [t.block.columns.map((c) => c.header), ...t.rows.map((r) => [...r])] }));
}

/** The sheet row (1-based) of the criterion with this id, and a setter for one of its cells. */
function criterion(sheets: Sheet[], id: string) {
  const ws = sheets.find((s) => s.name === 'Tiêu chí')!;
  const header = ws.rows[0] as string[];
  const i = ws.rows.findIndex((r) => r[0] === id);
  if (i < 0) throw new Error(`no criterion ${id}`);
  return {
    row: i + 1,
    set: (col: string, v: BookValue) => (ws.rows[i][header.indexOf(col)] = v),
  };
}

function errors(sheets: BookSheet[]): string[] {
  const r = readPlanBook(sheets, 'ke-hoach.xlsx');
  if (r.ok) throw new Error('expected errors');
  return r.errors.map(formatBookError);
}

test('the unspoiled workbook reads', () => {
  expect(readPlanBook(sheetsOf('thach-ha-2022'), 'x').ok).toBe(true);
});

test('an unknown column names the Cột cell', () => {
  const s = sheetsOf('thach-ha-2022');
  const c = criterion(s, 'b.2.kho-khan');
  c.set('Cột', 'Xã rất khó khăn');
  expect(errors(s)).toEqual([`Tiêu chí!F${c.row}: không có cột “Xã rất khó khăn”; dùng đúng tiêu đề cột chuẩn (sheet “Hướng dẫn”) hoặc khai báo cột ở sheet “Cột riêng”`]);
});

test('a value not on the scale names the Giá trị cell and lists the levels', () => {
  const s = sheetsOf('thach-ha-2022');
  const c = criterion(s, 'b.1.muc');
  c.set('Giá trị', 'NTM nâng cao 2');
  const [line, ...rest] = errors(s);
  expect(rest).toEqual([]);
  expect(line).toMatch(new RegExp(`^Tiêu chí!H${c.row}: cột “Mức đạt chuẩn” không có mức “NTM nâng cao 2”; các mức: .*NTM nâng cao`));
});

test('a duplicate id names the second Mã cell and where the first is', () => {
  const s = sheetsOf('thach-ha-2022');
  const first = criterion(s, 'b.1.tieu-bieu');
  const c = criterion(s, 'b.2.thanh-tich');
  c.set('Mã', 'b.1.tieu-bieu');
  expect(errors(s)).toEqual([`Tiêu chí!A${c.row}: mã “b.1.tieu-bieu” dùng hai lần (đã có ở Tiêu chí!A${first.row}); mỗi dòng một mã riêng`]);
});

test('a group with no members names its Loại cell', () => {
  const s = sheetsOf('thach-ha-2022');
  const ws = s.find((x) => x.name === 'Tiêu chí')!;
  const g = criterion(s, 'b.2');
  ws.rows = ws.rows.filter((r) => r[1] !== 'b.2');
  expect(errors(s)).toEqual([`Tiêu chí!D${g.row}: nhóm “b.2” không có dòng con nào; thêm các dòng ghi “Thuộc nhóm” là “b.2”, hoặc đổi “Loại” thành “Tiêu chí”`]);
});

test('a criterion without citation names its Mục trích dẫn cell', () => {
  const s = sheetsOf('thach-ha-2022');
  const c = criterion(s, 'a.p1');
  c.set('Mục trích dẫn', null);
  c.set('Nguyên văn', null);
  expect(errors(s)).toEqual([`Tiêu chí!I${c.row}: thiếu trích dẫn: ghi “Mục trích dẫn” (ví dụ “V.1.b•1” hoặc “Điều 27.3.a”) và “Nguyên văn” (lời văn của kế hoạch)`]);
});

test('a citation without its quote says which; a section written as the text writes it needs no "§"', () => {
  const s = sheetsOf('thach-ha-2022');
  const a = criterion(s, 'a.p1');
  a.set('Nguyên văn', null);
  const b = criterion(s, 'a.p2');
  b.set('Mục trích dẫn', 'V.1.a');
  expect(errors(s)).toEqual([`Tiêu chí!J${a.row}: “Nguyên văn” đang trống; chép lời văn của kế hoạch ở mục được trích`]);
});

test('a bad deadline date names the Hạn cell', () => {
  const s = sheetsOf('thach-ha-2022');
  s.find((x) => x.name === 'Thời hạn')!.rows[1] = ['Hằng năm', 'Giấy khen', '31/02', 'Trình trước 31/02', '§V.3.a', 'trước ngày 31/02'];
  expect(errors(s)).toEqual(['Thời hạn!C2: “31/02” không phải ngày/tháng; ghi hạn dạng ngày/tháng, ví dụ “05/12”']);
});

test('every problem is listed at once, and a word not in a dropdown list says the choices', () => {
  const s = sheetsOf('thach-ha-2022');
  criterion(s, 'b.2.kho-khan').set('Cột', 'Xã rất khó khăn');
  criterion(s, 'b.1.muc').set('Giá trị', 'NTM nâng cao 2');
  criterion(s, 'a.p1').set('Mục trích dẫn', null);
  criterion(s, 'a.p1').set('Nguyên văn', null);
  criterion(s, 'a.1').set('Phép thử', 'Bằng');
  s.find((x) => x.name === 'Thời hạn')!.rows[1][2] = 'ngày mai';
  const lines = errors(s);
  expect(lines).toHaveLength(5);
  expect(lines.join('\n')).toContain('“Bằng” không có trong danh sách của cột “Phép thử”; chọn một trong: Có; Không; Từ mức');
  for (const l of lines) expect(l).toMatch(/^(Tiêu chí|Thời hạn)![A-L]\d+: \S/);
});

test('a missing sheet is named', () => {
  const s = sheetsOf('thach-ha-2022').filter((x) => x.name !== 'Đối tượng');
  expect(errors(s)).toContain('Đối tượng!A1: thiếu sheet “Đối tượng” (hoặc khối “[Đối tượng]”); thêm theo sheet “Hướng dẫn”');
});

test('an own award form without its row in Hình thức khen is named', () => {
  const s = sheetsOf('thach-ha-2022');
  s.find((x) => x.name === 'Hình thức riêng')!.rows.push(['co-thi-dua', 'Cờ thi đua', null, 3.5]);
  expect(errors(s)).toEqual([
    'Hình thức khen!A1: hình thức “co-thi-dua” chưa có dòng ở sheet “Hình thức khen” (hoặc chưa khai báo ở sheet “Hình thức riêng”); mỗi hình thức một dòng',
  ]);
});

test('a plan given as a range (the one-sheet layout) is read, and its problems named at their cells', () => {
  // The blocks of the one-sheet layout, as the add-in reads 'Kế hoạch'!C5:…: title row, header, rows.
  const rows: BookValue[][] = [];
  for (const t of planToTables(shippedPlan('thach-ha-2022')!.plan)) {
    rows.push([`[${t.block.title}]`], t.block.columns.map((c) => c.header), ...t.rows.map((r) => [...r]), []);
  }
  expect(readPlanBook([{ name: 'Kế hoạch', rows, top: 5, left: 3 }], 'range').ok).toBe(true);
  const i = rows.findIndex((r) => r[0] === '[Thời hạn]') + 2;
  rows[i][2] = '30/02';
  const r = readPlanBook([{ name: 'Kế hoạch', rows, top: 5, left: 3 }], 'range');
  expect(r.ok ? [] : r.errors.map(formatBookError)).toEqual([`Kế hoạch!E${i + 5}: “30/02” không phải ngày/tháng; ghi hạn dạng ngày/tháng, ví dụ “05/12”`]);
});
