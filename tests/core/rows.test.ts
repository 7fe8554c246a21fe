import { Cell } from '../../src/core/cell';
import { COL, STANDARD_REGISTRY } from '../../src/core/columns';
import { detectHeader, HeaderMatch, SheetSample } from '../../src/core/headers';
import { classifyRow, dataRows, RowKind } from '../../src/core/rows';

type V = string | number | boolean | null | undefined | Cell;

function cells(values: V[]): Cell[] {
  return values.map((v) => (v === undefined || v === null || v === '' ? { value: null } : typeof v === 'object' ? v : { value: v }));
}

const HEADER = ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Chức vụ, đơn vị công tác', 'Hình thức đề nghị', 'Ngày trình', 'Ghi chú', 'Mã hình thức'];
const WIDTH = HEADER.length;
const pad = (values: V[]): V[] => [...values, ...Array(Math.max(0, WIDTH - values.length)).fill(null)];
const repeat = (v: V): V[] => Array(WIDTH).fill(v);

function matchFor(grid: V[][]): HeaderMatch {
  const sample: SheetSample = { name: 'DS', rows: grid.map(cells), merges: [] };
  const m = detectHeader(sample, STANDARD_REGISTRY);
  if (!m) throw new Error('no header');
  return m;
}

const match = matchFor([['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG'], HEADER]);
const kind = (values: V[]): RowKind => classifyRow(cells(pad(values)), match);
const NA: Cell = { value: null, error: '#N/A' };

test('the match the row tests use', () => {
  expect(match).toMatchObject({ headerRow: 2, firstDataRow: 3, sttColumn: 1 });
  expect(match.columns[COL.name]).toBe(2);
});

describe('classifyRow', () => {
  test.each<[string, V[]]>([
    ['an ordinary row', [1, 'UBND xã Thạch Đài', 'Xã', '', 'Giấy khen', '01/12/2023']],
    ['a row without STT', ['', 'Trần Thị Lan', 'Cán bộ, công chức, viên chức', 'Chuyên viên', 'Giấy khen']],
    ['a row with only a name', ['', 'Trần Thị Lan']],
    ['a row whose name starts like a total', [3, 'Tổng công ty Điện lực', 'Doanh nghiệp', '', 'Bằng khen']],
    ['a row whose unit reads like a signature', [4, 'Nguyễn Văn A', 'Cán bộ, công chức, viên chức', 'Phó Chủ tịch UBND xã', 'Giấy khen']],
    ['a row with a signature-like name but a number', [5, 'Chủ tịch Hội Nông dân xã', '', '', '']],
    ['a row with an error in a mapped cell next to data', [6, 'Xã A', NA, '', 'Giấy khen']],
    ['a written date in the submission column', ['', 'Xã A', 'Xã', '', 'Giấy khen', 'ngày 05 tháng 12 năm 2023']],
    ['yes/no "Có" values do not make a header', [7, 'Xã A', 'Xã', '', 'Giấy khen', 'Có', 'Có', 'Có']],
  ])('data: %s', (_label, values) => expect(kind(values)).toBe('data'));

  test.each<[string, V[]]>([
    ['empty', []],
    ['whitespace only', ['  ', '\n', '\u00a0']],
    ['#N/A only', [NA, '', NA, NA]],
    ['#N/A as Office.js text', ['#N/A', '#REF!']],
    ['formula with an error result in an unmapped lookup column', ['', '', '', '', '', '', '', { value: null, error: '#N/A' }]],
    ['a pre-numbered template row: STT only', [12]],
    ['content only in unmapped columns', ['', '', '', '', '', '', 'xem ghi chú', '']],
  ])('blank: %s', (_label, values) => expect(kind(values)).toBe('blank'));

  test.each<[string, V[]]>([
    ['(1), (2), …', HEADER.map((_, i) => `(${i + 1})`)],
    ['1, 2, 3, …', HEADER.map((_, i) => i + 1)],
    ['with a gap', [1, 2, 3, '', 5, 6]],
    ['letters then numbers', ['A', 'B', 1, 2, 3, 4, 5]],
  ])('column numbers: %s', (_label, values) => expect(kind(values)).toBe('column-numbers'));

  test.each<[string, V[]]>([
    ['roman STT with the title in the name', ['I', 'TẬP THỂ']],
    ['roman STT with a dot', ['II.', 'CÁ NHÂN, HỘ GIA ĐÌNH']],
    ['letter STT', ['A.', 'Khối xã']],
    ['letter STT with a parenthesis', ['b)', 'Khối thôn']],
    ['roman STT alone', ['IV']],
    ['roman STT with the title merged across (exceljs)', ['I', ...Array(WIDTH - 1).fill('TẬP THỂ')]],
    ['section title merged across the whole row (exceljs)', repeat('I. TẬP THỂ')],
    ['section title in the STT cell (Office.js merge)', ['II. CÁ NHÂN']],
    ['section title in the name cell', ['', 'B. CÁ NHÂN']],
    ['STT repeated by a merge over the name cell', ['I', 'I']],
  ])('section: %s', (_label, values) => expect(kind(values)).toBe('section'));

  test.each<[string, V[]]>([
    ['Tổng cộng in the name column', ['', 'Tổng cộng', '', '', '', '', '', '']],
    ['TỔNG CỘNG: merged over STT and name', ['TỔNG CỘNG:', 'TỔNG CỘNG:']],
    ['Tổng số with a count', ['', 'Tổng số: 12 tập thể, 3 cá nhân']],
    ['Cộng', ['', 'Cộng', '', '', '', '', '15']],
    ['Tổng', ['Tổng', '', '', '', '', '', 12]],
  ])('total: %s', (_label, values) => expect(kind(values)).toBe('total'));

  test.each<[string, V[]]>([
    ['Người lập biểu', ['', 'Người lập biểu', '', '', 'TM. ỦY BAN NHÂN DÂN']],
    ['NGƯỜI LẬP BIỂU', ['', 'NGƯỜI LẬP BIỂU']],
    ['Thủ trưởng đơn vị', ['', '', '', '', 'Thủ trưởng đơn vị']],
    ['KT. CHỦ TỊCH in the tier column', ['', '', '', '', 'KT. CHỦ TỊCH']],
    ['CHỦ TỊCH', ['', '', '', '', '', 'CHỦ TỊCH']],
    ['PHÓ CHỦ TỊCH', ['', '', '', '', '', 'PHÓ CHỦ TỊCH']],
    ['Xác nhận của…', ['', 'Xác nhận của UBND xã']],
    ['Nơi nhận:', ['Nơi nhận:']],
    ['(Ký, ghi rõ họ tên)', ['', '(Ký, ghi rõ họ tên)', '', '', '(Ký tên, đóng dấu)']],
    ['place and date', ['', '', '', '', 'Thạch Hà, ngày 05 tháng 12 năm 2023']],
    ['blank date', ['', '', '', 'ngày     tháng     năm 2023']],
  ])('signature: %s', (_label, values) => expect(kind(values)).toBe('signature'));

  test('repeated header on a new page', () => {
    expect(kind(HEADER)).toBe('repeated-header');
    expect(kind(['STT', 'Ten tap the, ca nhan', 'Doi tuong'])).toBe('repeated-header');
  });

  test('repeated upper and lower rows of a two-row header', () => {
    const two = matchFor([
      ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Tiêu chí', ''],
      ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Mức đạt chuẩn', 'Năm đạt chuẩn'],
    ]);
    expect(two.headerRows).toBe(2);
    expect(classifyRow(cells(['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Tiêu chí', 'Tiêu chí']), two)).toBe('repeated-header');
    expect(classifyRow(cells(['', '', '', '', 'Mức đạt chuẩn', 'Năm đạt chuẩn']), two)).toBe('repeated-header');
    expect(classifyRow(cells([1, 'Xã A', 'Xã', 'Giấy khen', 'NTM', 2022]), two)).toBe('data');
  });

  test('a repeated header is known through case, diacritics and surrounding punctuation; data sharing its first letters is not', () => {
    expect(kind(['  stt.', '* TEN TAP THE, CA NHAN:', '"Đối tượng"', ' - chức vụ, đơn vị công tác'])).toBe('repeated-header');
    expect(kind([1, 'Tên A', 'Đơn vị', 'Chủ tịch'])).toBe('data');
    const two = matchFor([
      ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Tiêu chí', ''],
      ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Mức đạt chuẩn', 'Năm đạt chuẩn'],
    ]);
    // A later part of "Tiêu chí Mức đạt chuẩn" begins the cell: its first letter is a later word's.
    expect(classifyRow(cells(['', '', '', '', ' dat chuan', 'nam dat chuan']), two)).toBe('repeated-header');
    expect(classifyRow(cells([2, 'Đạt A', 'Xã', 'Giấy khen', 'dat', 2022]), two)).toBe('data');
  });

  test('short rows (cells missing at the end) are read as blank there', () => {
    expect(classifyRow(cells([1, 'Xã A']), match)).toBe('data');
    expect(classifyRow([], match)).toBe('blank');
  });
});

describe('dataRows', () => {
  const rows: V[][] = [
    ['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG'], // 1
    HEADER, // 2
    HEADER.map((_, i) => `(${i + 1})`), // 3
    ['I', 'TẬP THỂ'], // 4
    [1, 'UBND xã Thạch Đài', 'Xã', '', 'Giấy khen'], // 5
    [], // 6
    [2, 'UBND xã Thạch Liên', 'Xã', '', 'Giấy khen', '', '', NA], // 7
    ['', '', '', '', '', '', '', NA], // 8
    HEADER, // 9: page break
    HEADER.map((_, i) => i + 1), // 10
    ['II', 'CÁ NHÂN'], // 11
    [3, 'Trần Thị Lan', 'Cán bộ, công chức, viên chức', 'Chuyên viên', 'Giấy khen'], // 12
    ['', 'Tổng cộng', '', '', '', '', '3'], // 13
    ['', '', '', '', 'Thạch Hà, ngày 05 tháng 12 năm 2023'], // 14
    ['', 'Người lập biểu', '', '', 'KT. CHỦ TỊCH'], // 15
    ['', '', '', '', 'PHÓ CHỦ TỊCH'], // 16
    [], // 17
    ['', 'Nguyễn Văn A', '', '', 'Trần Văn B'], // 18: names under the block
    [4, 'Not part of the list', 'Xã', '', 'Giấy khen'], // 19
  ];
  const input = rows.map((values, i) => ({ row: i + 1, cells: cells(pad(values)) }));

  test('yields the data rows, nothing of the signature block or after it', () => {
    expect([...dataRows(input, match)].map((r) => r.row)).toEqual([5, 7, 12]);
  });

  test('yields the cells as given', () => {
    const first = dataRows(input, match).next();
    expect(first.done).toBe(false);
    if (!first.done) expect(first.value.cells).toBe(input[4].cells);
  });

  test('starts at firstDataRow', () => {
    expect([...dataRows(input, { ...match, firstDataRow: 6 })].map((r) => r.row)).toEqual([7, 12]);
  });

  test('stops reading at the signature block', () => {
    let read = 0;
    function* counted() {
      for (const r of input) {
        read++;
        yield r;
      }
    }
    expect([...dataRows(counted(), match)]).toHaveLength(3);
    expect(read).toBe(14);
  });

  test('a list without signature block runs to the end', () => {
    expect([...dataRows(input.slice(0, 13), match)].map((r) => r.row)).toEqual([5, 7, 12]);
  });
});
