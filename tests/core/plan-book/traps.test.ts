/**
 * `plan check` catches the author's traps (issue 17 §3): each is one Vietnamese line naming the
 * sheet and cell and saying what to do, and a mistake brings no follow-up errors.
 */
import { readPlanBook } from '../../../src/core/plan-book/from-tables';
import { addRow, bookErrors, criterion, setInfo, sheet, sheetsOf } from '../../helpers/plan-book';

const book = () => sheetsOf('thach-ha-2022');

describe('an own column the list would read as a standard column', () => {
  test('titled like a standard column ("Năm"), named at its Tiêu đề cột cell', () => {
    const s = book();
    const row = addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'Năm', Kiểu: 'Có/Không' });
    expect(bookErrors(s)).toEqual([
      `Cột riêng!A${row}: cột riêng “Năm” trùng với cột chuẩn “Năm” (kiểu Năm): danh sách đề nghị đọc cột có tiêu đề này là cột chuẩn, nên cột riêng không bao giờ được đọc và mọi dòng sẽ báo thiếu “Năm”; đặt tiêu đề khác cho cột riêng, hoặc dùng cột chuẩn “Năm” và bỏ cột riêng này`,
    ]);
  });

  test('"Đối tượng", whatever its case and diacritics', () => {
    const s = book();
    const row = addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'DOI TUONG', Kiểu: 'Chữ' });
    expect(bookErrors(s)).toEqual([expect.stringMatching(new RegExp(`^Cột riêng!A${row}: cột riêng “DOI TUONG” trùng với cột chuẩn “Đối tượng” \\(kiểu Loại đối tượng\\)`))]);
  });

  test('"Giá trị đóng góp (đồng)", another name of the standard "Giá trị đóng góp (đồng/năm)"', () => {
    const s = book();
    const row = addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'Giá trị đóng góp (đồng)', Kiểu: 'Số tiền' });
    expect(bookErrors(s)).toEqual([
      expect.stringMatching(new RegExp(`^Cột riêng!A${row}: cột riêng “Giá trị đóng góp \\(đồng\\)” trùng với một tên khác của cột chuẩn “Giá trị đóng góp \\(đồng/năm\\)” \\(kiểu Số tiền\\)`)),
    ]);
  });

  test('a Tên khác that is a standard column is named at the Tên khác cell', () => {
    const s = book();
    const row = addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'Số tiền ủng hộ', 'Tên khác': 'Tiền ủng hộ; Năm khen thưởng', Kiểu: 'Số tiền' });
    expect(bookErrors(s)).toEqual([
      `Cột riêng!B${row}: tên khác “Năm khen thưởng” của cột riêng “Số tiền ủng hộ” trùng với một tên khác của cột chuẩn “Năm”: cột có tiêu đề này được đọc là cột chuẩn, không phải cột riêng; bỏ tên khác này hoặc đổi cách ghi`,
    ]);
  });

  test('two own columns with one title: the second is named', () => {
    const s = book();
    addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'Số hộ thoát nghèo', Kiểu: 'Tỷ lệ %' });
    const row = addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'Số hộ thoát nghèo ', Kiểu: 'Số tiền' });
    expect(bookErrors(s)).toEqual([`Cột riêng!A${row}: “Số hộ thoát nghèo” đã là tiêu đề hoặc tên khác của cột riêng “Số hộ thoát nghèo” ở trên; mỗi tiêu đề chỉ thuộc một cột, hãy bỏ hoặc đổi một trong hai`]);
  });

  test('the standard "Năm" written out again with its kind drops its other names: said at its cell', () => {
    const s = book();
    const row = addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'Năm', Kiểu: 'Năm' });
    expect(bookErrors(s)).toEqual([`Cột riêng!A${row}: cột riêng “Năm” là cột chuẩn “Năm” khai lại: khai ở đây thì cột có tiêu đề “Năm khen thưởng”, “Năm đề nghị” không còn được nhận; bỏ dòng này, cột chuẩn đã có sẵn`]);
  });

  test('the standard column written out again with its own kind is still the standard column, and reads', () => {
    const s = book();
    addRow(s, 'Cột riêng', { 'Tiêu đề cột': 'Gia đình văn hóa', Kiểu: 'Có/Không' });
    expect(readPlanBook(s, 'x').ok).toBe(true);
  });
});

describe('an own subject type or award form named like a shared one', () => {
  test('own subject type "Xã" is named at its Tên cell', () => {
    const s = book();
    const row = addRow(s, 'Loại đối tượng riêng', { Mã: 'xa-moi', Tên: 'Xã', 'Cá nhân': 'Không' });
    expect(bookErrors(s)).toEqual([
      `Loại đối tượng riêng!B${row}: loại đối tượng riêng “Xã” trùng tên với loại đối tượng chung “Xã”: ô Đối tượng ghi “Xã” sẽ được đọc là loại riêng và “Xã” của danh mục chung không còn dùng được; nếu kế hoạch khen “Xã” thì dùng loại chung và bỏ dòng này, nếu là loại khác thì đặt tên khác`,
    ]);
  });

  test('a Tên khác read as a shared subject ("UBND xã") is named at the Tên khác cell', () => {
    const s = book();
    const row = addRow(s, 'Loại đối tượng riêng', { Mã: 'dac-khu', Tên: 'Đặc khu', 'Tên khác': 'UBND xã' });
    expect(bookErrors(s)).toEqual([expect.stringMatching(new RegExp(`^Loại đối tượng riêng!C${row}: loại đối tượng riêng “Đặc khu” \\(tên khác “UBND xã”\\) trùng tên với loại đối tượng chung “Xã”`))]);
  });

  test('own award form "Giấy khen" is named at its Tên cell', () => {
    const s = book();
    const row = addRow(s, 'Hình thức riêng', { Mã: 'giay-khen-2', Tên: 'Giấy khen', 'Thứ bậc': 2.5 });
    // Its rule is given by its Mã, since its Tên reads as the shared form.
    addRow(s, 'Hình thức khen', { 'Hình thức': 'giay-khen-2', 'Cách xét': 'Không áp dụng' });
    expect(bookErrors(s)).toEqual([
      `Hình thức riêng!B${row}: hình thức riêng “Giấy khen” trùng tên với hình thức chung “Giấy khen”: ô Hình thức đề nghị ghi “Giấy khen” sẽ được đọc là hình thức riêng; nếu kế hoạch khen “Giấy khen” thì dùng hình thức chung và bỏ dòng này, nếu là hình thức khác thì đặt tên khác`,
    ]);
  });
});

test('an own award form whose Mã is a name JavaScript reserves is named at its row, and reads nothing inherited', () => {
  const s = book();
  const row = addRow(s, 'Hình thức riêng', { Mã: 'constructor', Tên: 'Cờ thi đua', 'Thứ bậc': 3.5 });
  const tier = addRow(s, 'Hình thức khen', { 'Hình thức': 'Cờ thi đua', 'Cách xét': 'Không áp dụng' });
  expect(bookErrors(s)).toEqual([`Hình thức khen!A${tier}: tên mục “constructor” không được dùng trong tệp kế hoạch (tên dành riêng của JavaScript); xóa mục này hoặc đổi tên`]);
  sheet(s, 'Hình thức khen').rows.pop();
  expect(bookErrors(s)).toContain(`Hình thức riêng!A${row}: mã “constructor” là tên dành riêng của JavaScript, không dùng làm mã được; đặt mã khác, ví dụ “constructor-1”`);
  expect((Object as unknown as Record<string, unknown>).criteria).toBeUndefined();
});

test('an own subject type whose Mã is a shared one says so at the Mã cell', () => {
  const s = book();
  const row = addRow(s, 'Loại đối tượng riêng', { Mã: 'thon', Tên: 'Đặc khu' });
  expect(bookErrors(s)).toEqual([`Loại đối tượng riêng!A${row}: mã “thon” đã dùng (mã của danh mục chung hoặc của một dòng khác); đặt mã khác`]);
});

describe('the period and the round years', () => {
  test('a start year after the end year names “Hiệu lực từ năm”, with no “[object Object]”', () => {
    const s = book();
    const row = setInfo(s, 'Hiệu lực từ năm', 2030);
    setInfo(s, 'Hiệu lực đến năm', 2026);
    expect(bookErrors(s)).toEqual([
      `Thông tin!B${row}: “Hiệu lực từ năm” (2030) sau “Hiệu lực đến năm” (2026): năm đầu của giai đoạn phải trước năm cuối; sửa một trong hai ô, ví dụ 2026 và 2030`,
    ]);
  });

  test('a sơ kết year and a tổng kết year outside the period each name their cell', () => {
    const s = book();
    const so = setInfo(s, 'Năm sơ kết', 2019);
    const tong = setInfo(s, 'Năm tổng kết', 2026);
    expect(bookErrors(s)).toEqual([
      `Thông tin!B${so}: năm sơ kết 2019 nằm ngoài giai đoạn 2021–2025 của kế hoạch; ghi năm sơ kết trong giai đoạn như kế hoạch viết, hoặc sửa lại giai đoạn`,
      `Thông tin!B${tong}: năm tổng kết 2026 nằm ngoài giai đoạn 2021–2025 của kế hoạch; ghi năm tổng kết trong giai đoạn như kế hoạch viết, hoặc sửa lại giai đoạn`,
    ]);
  });
});

test('a criterion testing a column in a way its kind cannot answer names the Phép thử cell and the kind', () => {
  const s = book();
  const c = criterion(s, 'a.p1');
  c.set('Phép thử', 'Tối thiểu');
  c.set('Giá trị', 5);
  expect(bookErrors(s)).toEqual([
    `Tiêu chí!${c.col('Phép thử')}${c.row}: phép thử “Từ … trở lên” không dùng được cho cột “Chỉ đạo, hỗ trợ địa phương đạt kết quả” (kiểu Có/Không); chọn phép thử hợp với kiểu cột (sheet “Hướng dẫn”)`,
  ]);
});

describe('one mistake, one message', () => {
  test('a misspelt “Loại” of a criterion: no follow-up about a group that is not a group', () => {
    const s = book();
    const c = criterion(s, 'a.p1');
    c.set('Loại', 'Tieu chi x');
    expect(bookErrors(s)).toEqual([`Tiêu chí!${c.col('Loại')}${c.row}: “Tieu chi x” không có trong danh sách của cột “Loại”; chọn một trong: Tiêu chí; Tất cả; Một trong`]);
  });

  test('a misspelt “Loại” of a group keeps its rows in it', () => {
    const s = book();
    const c = criterion(s, 'b.2');
    c.set('Loại', 'Tat ca x');
    expect(bookErrors(s)).toHaveLength(1);
  });

  test('a misspelt subject on a root row: its rows and its subject are not reported again', () => {
    const s = book();
    const c = criterion(s, 'b');
    c.set('Đối tượng', 'Xãa');
    expect(bookErrors(s)).toEqual([expect.stringMatching(new RegExp(`^Tiêu chí!${c.col('Đối tượng')}${c.row}: “Xãa” không có trong danh sách của cột “Đối tượng”`))]);
  });

  test('a misspelt subject on the Đối tượng sheet: the criteria of that subject are not reported again', () => {
    const s = book();
    sheet(s, 'Đối tượng').rows[1][0] = 'Cơ quan xx';
    expect(bookErrors(s)).toEqual([expect.stringMatching(/^Đối tượng!A2: “Cơ quan xx” không có trong danh sách của cột “Đối tượng”/)]);
  });

  test('a group under a group that does not exist: its own rows are not reported again', () => {
    const s = book();
    const c = criterion(s, 'a.2');
    c.set('Thuộc nhóm', 'a.9');
    expect(bookErrors(s)).toEqual([`Tiêu chí!${c.col('Thuộc nhóm')}${c.row}: không có dòng nào mã “a.9”; ghi mã của nhóm chứa dòng này`]);
  });

  test('groups that belong to each other make one message naming the circle', () => {
    const s = book();
    const a = criterion(s, 'a');
    a.set('Thuộc nhóm', 'a.2');
    a.set('Đối tượng', null);
    const lines = bookErrors(s);
    expect(lines.filter((l) => l.includes('thành vòng'))).toHaveLength(1);
    expect(lines.join('\n')).toContain('“a”, “a.2”');
  });
});

test('2,000 groups inside one another give one plain error at a cell, not a crash', () => {
  const s = book();
  const ws = sheet(s, 'Tiêu chí');
  const header = ws.rows[0] as string[];
  const row = (cells: Record<string, string>) => header.map((h) => cells[h] ?? null);
  ws.rows.push(row({ Mã: 'g0', 'Đối tượng': 'Thôn', Loại: 'Tất cả', 'Nội dung': 'sâu', 'Mục trích dẫn': '§X', 'Nguyên văn': 'x' }));
  for (let i = 1; i < 2000; i++) ws.rows.push(row({ Mã: `g${i}`, 'Thuộc nhóm': `g${i - 1}`, Loại: 'Tất cả', 'Mục trích dẫn': '§X', 'Nguyên văn': 'x' }));
  sheet(s, 'Đối tượng').rows = sheet(s, 'Đối tượng').rows.filter((r) => r[0] !== 'Thôn');
  addRow(s, 'Đối tượng', { 'Đối tượng': 'Thôn', Điểm: 'x', 'Tên trong kế hoạch': 'Thôn', 'Mục trích dẫn': '§X', 'Nguyên văn': 'x' });
  ws.rows = ws.rows.filter((r) => !(r[2] === 'Thôn' && r[0] !== 'g0') && !String(r[1] ?? '').startsWith('c'));
  const lines = bookErrors(s);
  expect(lines.join('\n')).not.toMatch(/Maximum call stack|Cannot read|\[object|undefined/);
  expect(lines.filter((l) => l.includes('nằm sâu quá'))).toEqual([expect.stringMatching(/^Tiêu chí!B\d+: nhóm “g20” nằm sâu quá 20 cấp nhóm trong nhóm/)]);
});
