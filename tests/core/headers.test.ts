import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Cell } from '../../src/core/cell';
import { COL, STANDARD_REGISTRY } from '../../src/core/columns';
import { chooseSheet, detectHeader, headerKey, HeaderMatch, MergeRange, SheetSample } from '../../src/core/headers';
import { dataRows } from '../../src/core/rows';

// ---------------------------------------------------------------------------------------------
// Building samples in code. Grids are written with each merged value in its top-left cell only;
// the "excel" mode repeats it over the whole range as exceljs readFile does.

type V = string | number | boolean | Date | null | undefined | Cell;
type Mode = { label: string; repeat: boolean; merges: boolean };
const MODES: Mode[] = [
  { label: 'exceljs (repeated values, merges given)', repeat: true, merges: true },
  { label: 'exceljs without merges (repeated values)', repeat: true, merges: false },
  { label: 'Office.js (top-left only, merges given)', repeat: false, merges: true },
  { label: 'streaming (top-left only, no merges)', repeat: false, merges: false },
];

function colNum(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function range(a1: string): MergeRange {
  const [from, to] = a1.split(':').map((ref) => /^([A-Z]+)(\d+)$/.exec(ref) as RegExpExecArray);
  return { top: Number(from[2]), left: colNum(from[1]), bottom: Number(to[2]), right: colNum(to[1]) };
}

function toCell(v: V): Cell {
  if (v === undefined || v === null || v === '') return { value: null };
  if (typeof v === 'object' && !(v instanceof Date)) return v;
  return { value: v };
}

function sample(name: string, grid: V[][], merges: string[] = [], mode: Mode = MODES[2]): SheetSample {
  const rows = grid.map((r) => r.map(toCell));
  const ranges = merges.map(range);
  if (mode.repeat) {
    for (const m of ranges) {
      const master = rows[m.top - 1]?.[m.left - 1] ?? { value: null };
      for (let r = m.top; r <= m.bottom; r++) {
        rows[r - 1] = rows[r - 1] ?? [];
        for (let c = m.left; c <= m.right; c++) rows[r - 1][c - 1] = master;
      }
    }
  }
  for (let r = 0; r < rows.length; r++) rows[r] = Array.from({ length: rows[r]?.length ?? 0 }, (_, c) => rows[r][c] ?? { value: null });
  return { name, rows, merges: mode.merges ? ranges : [] };
}

const STD_HEADER = ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Chức vụ, đơn vị công tác', 'Hình thức đề nghị', 'Ngày trình'];
const DATA_ROW = [1, 'UBND xã Thạch Đài', 'Xã', '', 'Giấy khen', '01/12/2023'];

function detect(s: SheetSample, manual?: Record<string, string>): HeaderMatch {
  const m = detectHeader(s, STANDARD_REGISTRY, manual);
  if (!m) throw new Error('no header found');
  return m;
}

// ---------------------------------------------------------------------------------------------

describe('headerKey', () => {
  test.each([
    ['Tên tập thể, cá nhân', 'Ten tap the, ca nhan'],
    ['Tên tập thể, cá nhân', 'TÊN TẬP THỂ,  CÁ NHÂN'],
    ['Tên tập thể, cá nhân', 'Tên tập thể,\ncá nhân'],
    ['Tên tập thể, cá nhân', ' Tên tập thể, cá nhân: '],
    ['Tên tập thể, cá nhân', '* Tên tập thể, cá nhân *'],
    ['Tên đơn vị / tập thể', 'Tên đơn vị/tập thể'],
    ['Đợt khen thưởng', 'DOT KHEN THUONG'],
  ])('%s ≡ %s', (a, b) => expect(headerKey(a)).toBe(headerKey(b)));

  test('keeps the words that tell columns apart', () => {
    expect(headerKey('Phân loại khen thưởng')).not.toBe(headerKey('Đợt khen thưởng'));
    expect(headerKey('Mã hình thức khen thưởng')).not.toBe(headerKey('Hình thức khen thưởng'));
  });
});

describe('detectHeader: layouts', () => {
  test('plain header in row 1', () => {
    const m = detect(sample('DS', [STD_HEADER, DATA_ROW]));
    expect(m).toMatchObject({ headerRow: 1, headerRows: 1, firstDataRow: 2, sttColumn: 1 });
    expect(m.columns).toEqual({
      [COL.name]: 2,
      [COL.subject]: 3,
      [COL.unit]: 4,
      [COL.proposed]: 5,
      [COL.submitted]: 6,
    });
    expect(m.sheetColumns).toEqual([
      { col: 1, text: 'STT' },
      { col: 2, text: 'Tên tập thể, cá nhân', header: COL.name },
      { col: 3, text: 'Đối tượng', header: COL.subject },
      { col: 4, text: 'Chức vụ, đơn vị công tác', header: COL.unit },
      { col: 5, text: 'Hình thức đề nghị', header: COL.proposed },
      { col: 6, text: 'Ngày trình', header: COL.submitted },
    ]);
  });

  describe.each(MODES)('title block of merged rows above — $label', (mode) => {
    const grid: V[][] = [
      ['ỦY BAN NHÂN DÂN HUYỆN THẠCH HÀ', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', '', '', 'Độc lập - Tự do - Hạnh phúc'],
      [],
      ['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023'],
      ['(Kèm theo Tờ trình số 12/TTr-UBND ngày 05/12/2023)'],
      STD_HEADER,
      DATA_ROW,
    ];
    const merges = ['A1:C1', 'D1:F1', 'A2:C2', 'D2:F2', 'A4:F4', 'A5:F5'];
    test('header found by content under the titles', () => {
      const m = detect(sample('DS', grid, merges, mode));
      expect(m).toMatchObject({ headerRow: 6, headerRows: 1, firstDataRow: 7, sttColumn: 1 });
      expect(m.columns[COL.name]).toBe(2);
      expect(m.columns[COL.proposed]).toBe(5);
    });
    test('a header row directly under a merged title', () => {
      const m = detect(sample('DS', [grid[3], STD_HEADER, DATA_ROW], ['A1:F1'], mode));
      expect(m).toMatchObject({ headerRow: 2, headerRows: 1, firstDataRow: 3 });
    });
  });

  describe.each(MODES)('two-row merged header with a group label — $label', (mode) => {
    // Row 5: general columns merged over rows 5–6; "Tiêu chí" merged over I5:L5 with sub-headers in row 6.
    const grid: V[][] = [
      ['UBND HUYỆN ĐẮK MIL'],
      [],
      ['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG'],
      [],
      ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Chức vụ, đơn vị công tác', 'Hình thức đề nghị', 'Đợt khen thưởng', 'Năm', 'Mức thành tích', 'Tiêu chí', '', '', '', 'Ghi chú'],
      ['', '', '', '', '', '', '', '', 'Mức đạt chuẩn', 'Năm đạt chuẩn', 'Năm kế hoạch', 'Tiêu biểu trong phong trào', ''],
      [1, 'UBND xã Đắk Sắk', 'Xã', '', 'Giấy khen', 'Hằng năm', 2023, '', 'NTM', 2022, 2023, 'Có', ''],
    ];
    const merges = ['A1:M1', 'A3:M3', 'I5:L5', ...'ABCDEFGHM'.split('').map((c) => `${c}5:${c}6`)];
    test('sub-headers and vertically merged general columns', () => {
      const m = detect(sample('DS', grid, merges, mode));
      expect(m).toMatchObject({ headerRow: 6, headerRows: 2, firstDataRow: 7, sttColumn: 1 });
      expect(m.columns).toEqual({
        [COL.name]: 2,
        [COL.subject]: 3,
        [COL.unit]: 4,
        [COL.proposed]: 5,
        [COL.round]: 6,
        [COL.year]: 7,
        [COL.level]: 8,
        'Mức đạt chuẩn': 9,
        'Năm đạt chuẩn': 10,
        'Năm kế hoạch': 11,
        'Tiêu biểu trong phong trào': 12,
      });
      const notes = m.sheetColumns.find((s) => s.col === 13);
      expect(notes).toEqual({ col: 13, text: 'Ghi chú' });
      expect(m.sheetColumns.filter((s) => s.header === COL.name)).toHaveLength(1);
    });
    test('with a column-number row under the two header rows', () => {
      const numbers = Array.from({ length: 13 }, (_, i) => `(${i + 1})`);
      const m = detect(sample('DS', [...grid.slice(0, 6), numbers, grid[6]], merges, mode));
      expect(m).toMatchObject({ headerRow: 6, headerRows: 2, firstDataRow: 8 });
    });
    test('sub-headers nobody knows still make a two-row header', () => {
      const g = grid.map((r) => [...r]);
      g[5] = g[5].map((v, i) => (i >= 8 && i <= 11 ? `Chỉ số ${i - 7}` : v));
      const m = detect(sample('DS', g, merges, mode));
      expect(m).toMatchObject({ headerRow: 6, headerRows: 2, firstDataRow: 7 });
      expect(m.sheetColumns.find((s) => s.col === 9)).toEqual({ col: 9, text: 'Tiêu chí Chỉ số 1' });
    });
    test('sub-headers that only make sense joined to the group label', () => {
      const g = grid.map((r) => [...r]);
      g[4][8] = 'Giá trị đóng góp';
      g[5][8] = '(đồng)';
      g[5][9] = '';
      g[5][10] = '';
      g[5][11] = '';
      const m = detect(sample('DS', g, merges, mode));
      expect(m.headerRows).toBe(2);
      expect(m.columns['Giá trị đóng góp (đồng/năm)']).toBe(9);
    });
  });

  test.each([
    ['(1), (2), …', STD_HEADER.map((_, i) => `(${i + 1})`)],
    ['1, 2, 3, …', STD_HEADER.map((_, i) => i + 1)],
    ['"1", "2", … as text', STD_HEADER.map((_, i) => String(i + 1))],
  ])('column-number row %s under the header is skipped', (_label, numbers) => {
    const m = detect(sample('DS', [['DANH SÁCH'], STD_HEADER, numbers, DATA_ROW]));
    expect(m).toMatchObject({ headerRow: 2, headerRows: 1, firstDataRow: 4 });
  });

  test('headers without diacritics', () => {
    const m = detect(sample('DS', [['TT', 'Ten tap the, ca nhan', 'Doi tuong', 'Hinh thuc de nghi', 'Nam'], [1, 'Xa A', 'Xa', 'Giay khen', 2023]]));
    expect(m.columns).toEqual({ [COL.name]: 2, [COL.subject]: 3, [COL.proposed]: 4, [COL.year]: 5 });
    expect(m.sttColumn).toBe(1);
  });

  test('headers with line breaks, double spaces, trailing marks and notes', () => {
    const m = detect(
      sample('DS', [
        ['Số TT', 'Tên tập thể,\ncá  nhân', 'Đối tượng *', 'HÌNH THỨC\r\nĐỀ NGHỊ:', 'Ngày trình\n(nếu có)', 'Tỷ lệ giảm hộ nghèo (%)', 'Giá trị đóng góp (triệu)'],
        DATA_ROW,
      ]),
    );
    expect(m.sttColumn).toBe(1);
    expect(m.columns).toEqual({
      [COL.name]: 2,
      [COL.subject]: 3,
      [COL.proposed]: 4,
      [COL.submitted]: 5,
      'Tỷ lệ giảm hộ nghèo (%)': 6,
      'Giá trị đóng góp (đồng/năm)': 7,
    });
  });

  test('variants', () => {
    const m = detect(
      sample('DS', [['STT', 'Họ và tên', 'Phân loại đối tượng', 'Đơn vị công tác', 'Danh hiệu thi đua/Hình thức khen thưởng', 'Đợt', 'Năm khen thưởng', 'Ngày nộp hồ sơ', 'Thành tích']]),
    );
    expect(m.columns).toEqual({
      [COL.name]: 2,
      [COL.subject]: 3,
      [COL.unit]: 4,
      [COL.proposed]: 5,
      [COL.round]: 6,
      [COL.year]: 7,
      [COL.submitted]: 8,
      [COL.summary]: 9,
    });
  });

  test('"Phân loại khen thưởng" and "Mã hình thức khen thưởng" stay unmapped', () => {
    const m = detect(
      sample('file nhận', [
        ['STT', 'Tên gọi\n(Ông/Bà/Chức danh)', 'Tên tập thể/cá nhân/hộ gia đình', 'Chức vụ', 'Đơn vị công tác', 'Phân loại khen thưởng', 'Danh hiệu thi đua/Hình thức khen thưởng', 'Phân loại đối tượng', 'Mã hình thức khen thưởng'],
      ]),
    );
    expect(m.columns).toEqual({ [COL.name]: 3, [COL.unit]: 5, [COL.proposed]: 7, [COL.subject]: 8 });
    expect(m.sheetColumns.find((s) => s.col === 6)).toEqual({ col: 6, text: 'Phân loại khen thưởng' });
    expect(m.sheetColumns.find((s) => s.col === 9)).toEqual({ col: 9, text: 'Mã hình thức khen thưởng' });
    expect(m.sheetColumns).toHaveLength(9);
  });

  test('two columns with the same standard header: the leftmost keeps it', () => {
    const m = detect(sample('DS', [['Họ và tên', 'Tên đơn vị', 'Đối tượng', 'Hình thức khen thưởng', 'Hình thức đề nghị']]));
    expect(m.columns[COL.name]).toBe(1);
    expect(m.columns[COL.proposed]).toBe(4);
    expect(m.sheetColumns.find((s) => s.col === 5)?.header).toBeUndefined();
  });

  test('the best-scoring row wins over an earlier weaker one', () => {
    const m = detect(
      sample('DS', [
        ['Tên tập thể', 'Đối tượng'], // a legend-like pair above the table
        [],
        STD_HEADER,
      ]),
    );
    expect(m.headerRow).toBe(3);
  });

  test('no header → null', () => {
    expect(detectHeader(sample('x', [['Hướng dẫn nhập liệu'], ['1. Nhập tên'], ['2. Chọn hình thức']]), STANDARD_REGISTRY)).toBeNull();
    expect(detectHeader(sample('x', []), STANDARD_REGISTRY)).toBeNull();
    // A name column alone is not a list header.
    expect(detectHeader(sample('x', [['STT', 'Họ và tên', 'Giới tính', 'Mã hình thức khen thưởng']]), STANDARD_REGISTRY)).toBeNull();
  });

  test('a blank or spacer row under the header does not make it a two-row header', () => {
    const m = detect(sample('DS', [STD_HEADER, [], DATA_ROW]));
    expect(m).toMatchObject({ headerRow: 1, headerRows: 1, firstDataRow: 2 });
  });
});

describe('detectHeader: manual mapping', () => {
  const grid: V[][] = [['STT', 'Tên gọi', 'Loại hình', 'Hình thức đề nghị', 'Ghi chú'], [1, 'Xã A', 'Xã', 'Giấy khen', '']];

  test('by text makes a header recognisable', () => {
    expect(detectHeader(sample('DS', grid), STANDARD_REGISTRY)).toBeNull();
    const m = detect(sample('DS', grid), { [COL.name]: 'ten goi', [COL.subject]: 'Loại  hình' });
    expect(m.columns).toEqual({ [COL.name]: 2, [COL.subject]: 3, [COL.proposed]: 4 });
    expect(m.sheetColumns.find((s) => s.col === 3)).toEqual({ col: 3, text: 'Loại hình', header: COL.subject });
  });

  test('by letter', () => {
    const m = detect(sample('DS', grid), { [COL.name]: 'B', [COL.subject]: 'c' });
    expect(m).toMatchObject({ headerRow: 1, firstDataRow: 2 });
    expect(m.columns).toEqual({ [COL.name]: 2, [COL.subject]: 3, [COL.proposed]: 4 });
  });

  test('overrides detection and takes the column from another header', () => {
    const m = detect(sample('DS', [STD_HEADER]), { [COL.proposed]: 'F', [COL.unit]: 'Hình thức đề nghị' });
    expect(m.columns[COL.proposed]).toBe(6);
    expect(m.columns[COL.submitted]).toBeUndefined();
    expect(m.columns[COL.unit]).toBe(5);
    expect(m.sheetColumns.find((s) => s.col === 4)?.header).toBeUndefined();
    expect(m.sheetColumns.find((s) => s.col === 6)?.header).toBe(COL.proposed);
  });

  test('entries naming nothing are ignored here', () => {
    const m = detect(sample('DS', [STD_HEADER]), { [COL.year]: 'ZZ', [COL.round]: 'Không có cột này' });
    expect(m.columns[COL.year]).toBeUndefined();
    expect(m.columns[COL.round]).toBeUndefined();
    expect(m.columns[COL.name]).toBe(2);
  });

  test('a letter-like text that is a header of the sheet is read as text', () => {
    const m = detect(sample('DS', [['STT', 'Tên tập thể, cá nhân', 'Hình thức đề nghị', 'DT']]), { [COL.subject]: 'DT' });
    expect(m.columns[COL.subject]).toBe(4);
  });

  test('a letter is a letter even when the sheet holds that text as a value', () => {
    const m = detect(sample('DS', [[...STD_HEADER, 'Khó khăn'], [1, 'Xã A', 'Xã', '', 'Giấy khen', '', 'G']]), { 'Xã khó khăn': 'G' });
    expect(m.columns['Xã khó khăn']).toBe(7);
  });

  test('every key column by letter, with headers nobody recognises', () => {
    const m = detect(sample('DS', [['DANH SÁCH'], ['#', 'Tên', 'Loại', 'Khen'], [1, 'Xã A', 'Xã', 'Giấy khen']], ['A1:D1']), {
      [COL.name]: 'B',
      [COL.subject]: 'C',
      [COL.proposed]: 'D',
    });
    expect(m).toMatchObject({ headerRow: 2, firstDataRow: 3 });
  });
});

describe('chooseSheet', () => {
  const instructions = sample('Hướng dẫn', [['HƯỚNG DẪN'], ['Cột "Hình thức đề nghị": chọn trong danh mục'], ['Cột "Tên tập thể, cá nhân": ghi đầy đủ']]);
  const catalogue = sample('Danh mục', [['STT', 'Mã số', 'Hình thức khen thưởng'], [1, 1650360491, 'Bằng khen']]);
  const list = sample('Danh sách', [['DANH SÁCH'], STD_HEADER, DATA_ROW], ['A1:F1']);

  test('the list on the second sheet after an instructions sheet', () => {
    const r = chooseSheet([instructions, list], STANDARD_REGISTRY);
    expect(r).toMatchObject({ index: 1, match: { headerRow: 2 } });
  });

  test('a catalogue sheet is not a list', () => {
    expect(chooseSheet([catalogue, list], STANDARD_REGISTRY)).toMatchObject({ index: 1 });
    expect(chooseSheet([instructions, catalogue], STANDARD_REGISTRY)).toEqual({ error: 'no-header', looked: ['Hướng dẫn', 'Danh mục'] });
  });

  test('a named sheet: exact, then ignoring case and diacritics', () => {
    const copy = { ...list, name: 'danh sach' };
    expect(chooseSheet([list, copy], STANDARD_REGISTRY, { sheet: 'danh sach' })).toMatchObject({ index: 1 });
    expect(chooseSheet([instructions, list], STANDARD_REGISTRY, { sheet: 'DANH SACH' })).toMatchObject({ index: 1 });
    expect(chooseSheet([instructions, list], STANDARD_REGISTRY, { sheet: 'Tổng hợp' })).toEqual({ error: 'no-sheet', sheet: 'Tổng hợp' });
    expect(chooseSheet([instructions, list], STANDARD_REGISTRY, { sheet: 'Hướng dẫn' })).toEqual({ error: 'no-header', looked: ['Hướng dẫn'] });
  });

  test('manual mapping is used while choosing', () => {
    const odd = sample('DS', [['Tên gọi', 'Loại hình', 'Khen']]);
    expect(chooseSheet([odd], STANDARD_REGISTRY)).toEqual({ error: 'no-header', looked: ['DS'] });
    expect(chooseSheet([odd], STANDARD_REGISTRY, { manual: { [COL.name]: 'Tên gọi', [COL.proposed]: 'Khen' } })).toMatchObject({ index: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Real workbooks read with exceljs, as the command line reads them, and as Office.js would show
// them (merged values only in the top-left cell).

function fromExcelJs(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return { value: null };
  if (v instanceof Date || typeof v !== 'object') return { value: v };
  if ('richText' in v) return { value: v.richText.map((r) => r.text).join('') };
  if ('error' in v) return { value: null, error: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result && typeof result === 'object' && 'error' in result) return { value: null, error: String((result as { error: unknown }).error) };
    return fromExcelJs((result ?? null) as ExcelJS.CellValue);
  }
  if ('text' in v) return { value: String((v as { text: unknown }).text) };
  return { value: null };
}

async function readSamples(file: string, topLeftOnly = false): Promise<{ samples: SheetSample[]; all: { row: number; cells: Cell[] }[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const samples: SheetSample[] = [];
  const all: { row: number; cells: Cell[] }[][] = [];
  for (const ws of wb.worksheets) {
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(range);
    const rows: { row: number; cells: Cell[] }[] = [];
    const inner = (r: number, c: number) =>
      merges.some((m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right && (m.top !== r || m.left !== c));
    const width = ws.columnCount; // computed over all rows on every access
    for (let r = 1; r <= ws.rowCount; r++) {
      // row.values is 1-based and sparse; getCell on every column is needlessly slow.
      const values = ws.getRow(r).values as ExcelJS.CellValue[];
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) cells.push(topLeftOnly && inner(r, c) ? { value: null } : fromExcelJs(values[c]));
      rows.push({ row: r, cells });
    }
    samples.push({ name: ws.name, rows: rows.slice(0, 60).map((r) => r.cells), merges });
    all.push(rows);
  }
  return { samples, all };
}

describe.each([false, true])('real workbooks (top-left only: %s)', (topLeftOnly) => {
  test('thach-ha-2022.xlsx: title merged across, header in row 3, sections I/II', async () => {
    const { samples, all } = await readSamples(path.resolve(__dirname, '../cases/workbooks/thach-ha-2022.xlsx'), topLeftOnly);
    const r = chooseSheet(samples, STANDARD_REGISTRY);
    if (!('match' in r)) throw new Error(JSON.stringify(r));
    expect(r.index).toBe(0);
    expect(r.match).toMatchObject({ headerRow: 3, headerRows: 1, firstDataRow: 4, sttColumn: 1 });
    expect(r.match.columns).toMatchObject({
      [COL.name]: 2,
      [COL.subject]: 3,
      [COL.unit]: 4,
      [COL.proposed]: 5,
      [COL.submitted]: 6,
      [COL.level]: 7,
      [COL.lawAbiding]: 8,
      'Mức đạt chuẩn': 9,
      'Hoàn thành nhiệm vụ đúng tiến độ': 24,
    });
    expect(r.match.sheetColumns.every((s) => s.col === 1 || s.header)).toBe(true);
    const rows = [...dataRows(all[r.index], r.match)].map((d) => d.row);
    expect(rows).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17]);
  });

  test('lifesoft-import-template-2023.xlsx: header in row 1, lookup columns of #N/A are blank rows', async () => {
    const { samples, all } = await readSamples('/work/shared/realworld/lifesoft-import-template-2023.xlsx', topLeftOnly);
    const r = chooseSheet(samples, STANDARD_REGISTRY);
    if (!('match' in r)) throw new Error(JSON.stringify(r));
    expect(samples[r.index].name).toBe('file nhận');
    expect(r.match).toMatchObject({ headerRow: 1, headerRows: 1, firstDataRow: 2, sttColumn: 1 });
    expect(r.match.columns).toEqual({ [COL.name]: 3, [COL.unit]: 5, [COL.proposed]: 7, [COL.subject]: 8 });
    const byCol = new Map(r.match.sheetColumns.map((s) => [s.col, s]));
    expect(byCol.get(2)).toEqual({ col: 2, text: 'Tên gọi\n(Ông/Bà/Chức danh)' });
    expect(byCol.get(6)?.header).toBeUndefined(); // Phân loại khen thưởng
    expect(byCol.get(18)?.header).toBeUndefined(); // Mã Phân loại khen thưởng
    expect([...dataRows(all[r.index], r.match)]).toEqual([]);
    // The instructions sheet carries the same header with sample rows.
    const guide = samples.findIndex((s) => s.name === 'Hướng dẫn');
    const g = chooseSheet(samples, STANDARD_REGISTRY, { sheet: 'huong dan' });
    expect(g).toMatchObject({ index: guide, match: { headerRow: 1 } });
    if ('match' in g) expect([...dataRows(all[guide], g.match)].map((d) => d.row)).toEqual([2, 3, 4, 5, 6]);
  });

  test('lifesoft lists with only code columns have no header of a nomination list', async () => {
    const { samples } = await readSamples('/work/shared/realworld/lifesoft-collectives-list.xlsx', topLeftOnly);
    expect(chooseSheet(samples, STANDARD_REGISTRY)).toEqual({ error: 'no-header', looked: ['DANHSACH', 'DANHMUC'] });
  });
});

describe('case workbooks: the data rows are exactly the rows the expected reports list', () => {
  const dir = path.resolve(__dirname, '../cases/workbooks');
  test.each(['dak-nong-2022', 'hong-linh-2022', 'nguyen-binh-2022', 'quynh-nhai-2022', 'thach-ha-2022'])('%s', async (id) => {
    const expected = JSON.parse(fs.readFileSync(`${dir}/${id}.expected.json`, 'utf8')) as { sheet: string; rows: Record<string, unknown> };
    const { samples, all } = await readSamples(`${dir}/${id}.xlsx`);
    const r = chooseSheet(samples, STANDARD_REGISTRY);
    if (!('match' in r)) throw new Error(JSON.stringify(r));
    expect(samples[r.index].name).toBe(expected.sheet);
    expect(r.match.columns).toMatchObject({ [COL.name]: 2, [COL.subject]: 3, [COL.proposed]: 5 });
    expect(r.match.sheetColumns.filter((s) => !s.header).map((s) => s.text)).toEqual(['STT']);
    const rows = [...dataRows(all[r.index], r.match)].map((d) => String(d.row));
    expect(rows).toEqual(Object.keys(expected.rows));
  });
});
