import { BLANK, Cell, unreadable, value } from '../../src/core/cell';
import { ColumnDef, RESIDENTIAL_SCALE, STANDARD_LEVEL_SCALE } from '../../src/core/columns';
import {
  cellText,
  isBlankCell,
  parseCell,
  parseDate,
  parseLevel,
  parseMoney,
  parseOrdinal,
  parsePercent,
  parseRound,
  parseSubject,
  parseText,
  parseTier,
  parseYear,
  parseYesNo,
} from '../../src/core/values';

const c = (v: Cell['value'], extra: Partial<Cell> = {}): Cell => ({ value: v, ...extra });
const utc = (y: number, m: number, d: number, h = 0): Date => new Date(Date.UTC(y, m - 1, d, h));

describe('isBlankCell: null, empty or whitespace text and error values are blank', () => {
  test.each<[string, Cell, boolean]>([
    ['null', c(null), true],
    ['undefined value', { value: undefined as unknown as null }, true],
    ['empty string', c(''), true],
    ['spaces, tabs and line breaks', c('  \t\n '), true],
    ['#N/A error', c(null, { error: '#N/A' }), true],
    ['#REF! error with a cached value', c(5, { error: '#REF!' }), true],
    ['text', c('Có'), false],
    ['zero is not blank here (the caller decides 0-as-blank)', c(0), false],
    ['false', c(false), false],
    ['a date', c(utc(2023, 12, 5)), false],
  ])('%s → %s', (_name, cell, blank) => {
    expect(isBlankCell(cell)).toBe(blank);
  });
});

describe('cellText: display text for messages', () => {
  test.each<[string, Cell, string]>([
    ['Date as dd/mm/yyyy from UTC parts', c(utc(2023, 12, 5)), '05/12/2023'],
    ['Date late in the UTC day keeps its UTC day', c(utc(2023, 12, 5, 23)), '05/12/2023'],
    ['number as JS string', c(80000000), '80000000'],
    ['fraction as JS string', c(0.065), '0.065'],
    ['true', c(true), 'TRUE'],
    ['false', c(false), 'FALSE'],
    ['error text', c(null, { error: '#N/A' }), '#N/A'],
    ['blank', c(null), ''],
    ['text as is', c(' Có '), ' Có '],
  ])('%s', (_name, cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});

describe('parseText: trimmed text, blank is BLANK', () => {
  test.each<[string, Cell, unknown]>([
    ['trims', c('  Xã Thạch Hà \n'), value('Xã Thạch Hà')],
    ['blank', c('   '), BLANK],
    ['error is blank', c(null, { error: '#N/A' }), BLANK],
    ['number as text', c(12), value('12')],
  ])('%s', (_name, cell, expected) => {
    expect(parseText(cell)).toEqual(expected);
  });
});

describe('parseYesNo', () => {
  test.each<[string, Cell['value']]>([
    ['Có', 'Có'],
    ['C', 'C'],
    ['x', 'x'],
    ['X', 'X'],
    ['✓', '✓'],
    ['✔', '✔'],
    ['Đạt', 'Đạt'],
    ['Yes', 'Yes'],
    ['Y', 'Y'],
    ['TRUE as text', 'TRUE'],
    ['boolean true', true],
    ['1 as text', '1'],
    ['number 1', 1],
    ['Có đạt', 'Có đạt'],
    ['without diacritics: co', 'co'],
    ['upper case: CÓ', 'CÓ'],
    ['trimmed with trailing dot', '  Có. '],
    ['dat without diacritics', 'DAT'],
  ])('yes: %s', (_name, v) => {
    expect(parseYesNo(c(v))).toEqual(value(true));
  });

  test.each<[string, Cell['value']]>([
    ['Không', 'Không'],
    ['K', 'K'],
    ['Không đạt', 'Không đạt'],
    ['Chưa đạt', 'Chưa đạt'],
    ['No', 'No'],
    ['N', 'N'],
    ['FALSE as text', 'FALSE'],
    ['boolean false', false],
    ['0 as text', '0'],
    ['number 0', 0],
    ['without diacritics: khong', 'khong'],
    ['trailing dot', 'Không.'],
  ])('no: %s', (_name, v) => {
    expect(parseYesNo(c(v))).toEqual(value(false));
  });

  test.each<[string, Cell['value']]>([
    ['a dash is not "no"', '-'],
    ['v is not a tick', 'v'],
    ['free text', 'có lẽ'],
    ['number 2', 2],
    ['a date', utc(2023, 1, 1)],
  ])('unreadable: %s', (_name, v) => {
    expect(parseYesNo(c(v))).toEqual(unreadable(cellText(c(v)), 'Có/Không'));
  });

  test('a blank cell is BLANK, not "no"', () => {
    expect(parseYesNo(c(''))).toEqual(BLANK);
    expect(parseYesNo(c(null, { error: '#N/A' }))).toEqual(BLANK);
  });

  test('with blankIsNo a blank cell is "no"', () => {
    expect(parseYesNo(c(''), { blankIsNo: true })).toEqual(value(false));
    expect(parseYesNo(c(null), { blankIsNo: true })).toEqual(value(false));
    expect(parseYesNo(c('x'), { blankIsNo: true })).toEqual(value(true));
  });
});

describe('parseDate', () => {
  test.each<[string, Cell, string]>([
    ['exceljs Date at UTC midnight', c(utc(2023, 12, 5)), '2023-12-05'],
    ['Date with a time part uses its UTC parts, uncorrected', c(utc(2023, 12, 4, 17)), '2023-12-04'],
    ['Excel serial 45261 is 2023-12-01', c(45261), '2023-12-01'],
    ['serial fraction is the time, ignored', c(45261.75), '2023-12-01'],
    ['serial 1 is 1900-01-01', c(1), '1900-01-01'],
    ['serial 59 is 1900-02-28', c(59), '1900-02-28'],
    ['serial 61 is 1900-03-01 (Lotus leap-year bug)', c(61), '1900-03-01'],
    ['serial 2958465 is 9999-12-31', c(2958465), '9999-12-31'],
    ['a year-sized number with a date format is a serial', c(2023, { format: 'dd/mm/yyyy' }), '1905-07-15'],
    ['serial as text', c('45261'), '2023-12-01'],
    ['dd/mm/yyyy', c('05/12/2023'), '2023-12-05'],
    ['d/m/yyyy', c('5/1/2024'), '2024-01-05'],
    ['day-first even when both could be months', c('01/02/2024'), '2024-02-01'],
    ['dd-mm-yyyy', c('05-12-2023'), '2023-12-05'],
    ['dd.mm.yyyy', c('05.12.2023'), '2023-12-05'],
    ['yyyy-mm-dd', c('2023-12-05'), '2023-12-05'],
    ['yyyy/mm/dd', c('2023/12/05'), '2023-12-05'],
    ['surrounding spaces', c('  05/12/2023 '), '2023-12-05'],
    ['dd/mm/yyyy with a time', c('05/12/2023 14:30'), '2023-12-05'],
    ['ISO with time', c('2023-12-05T00:00:00.000Z'), '2023-12-05'],
    ['29/02 of a leap year', c('29/02/2024'), '2024-02-29'],
    ['ngày 05 tháng 12 năm 2023', c('ngày 05 tháng 12 năm 2023'), '2023-12-05'],
    ['Ngày 05 tháng 12 năm 2023', c('Ngày 05 tháng 12 năm 2023'), '2023-12-05'],
    ['ngay 05 thang 12 nam 2023 (no diacritics)', c('ngay 05 thang 12 nam 2023'), '2023-12-05'],
    ['05 tháng 12 năm 2023 without "ngày"', c('05 tháng 12 năm 2023'), '2023-12-05'],
    ['ngày 5/12/2023', c('ngày 5/12/2023'), '2023-12-05'],
    ['NGÀY 5 THÁNG 1 NĂM 2024', c('NGÀY 5 THÁNG 1 NĂM 2024'), '2024-01-05'],
  ])('%s', (_name, cell, iso) => {
    expect(parseDate(cell)).toEqual(value(iso));
  });

  test.each<[string, Cell['value']]>([
    ['31/02/2023 does not exist', '31/02/2023'],
    ['29/02/2023 is not a leap day', '29/02/2023'],
    ['month 13', '05/13/2023'],
    ['day 0', '00/12/2023'],
    ['ngày 99 tháng 13 năm 2023', 'ngày 99 tháng 13 năm 2023'],
    ['2-digit year', '05/12/23'],
    ['2-digit year with dashes', '5-12-23'],
    ['serial 60 is the non-existent 1900-02-29', 60],
    ['serial 0', 0],
    ['negative serial', -5],
    ['serial beyond 9999-12-31', 2958466],
    ['a bare year number without a date format is not a 1905 serial', 2023],
    ['a year as text is not a serial', '2023'],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['invalid Date object', new Date(NaN)],
    ['free text', 'đầu tháng 12'],
    ['boolean', true],
    ['month name form with impossible day', 'ngày 31 tháng 4 năm 2024'],
  ])('unreadable: %s', (_name, v) => {
    expect(parseDate(c(v))).toEqual(unreadable(cellText(c(v)), 'ngày dd/mm/yyyy'));
  });

  test('blank', () => {
    expect(parseDate(c(' '))).toEqual(BLANK);
  });
});

describe('parseYear', () => {
  test.each<[string, Cell['value'], number]>([
    ['number 2023', 2023, 2023],
    ['text "2023"', '2023', 2023],
    ['Năm 2023', 'Năm 2023', 2023],
    ['năm 2023', 'năm 2023', 2023],
    ['nam 2023 without diacritics', 'nam 2023', 2023],
    ['a Date: its UTC year', utc(2024, 1, 1), 2024],
    ['a full date text: its year', '05/12/2023', 2023],
    ['ngày … tháng … năm …', 'ngày 05 tháng 12 năm 2025', 2025],
    ['range start 1900', 1900, 1900],
    ['range end 2100', '2100', 2100],
  ])('%s', (_name, v, y) => {
    expect(parseYear(c(v))).toEqual(value(y));
  });

  test.each<[string, Cell['value']]>([
    ['1899 is out of range', 1899],
    ['2101 is out of range', '2101'],
    ['fractional year', 2023.5],
    ['2-digit year', '23'],
    ['a serial date number is not a year', 45261],
    ['impossible full date', '31/02/2023'],
    ['text', 'năm nay'],
    ['boolean', true],
  ])('unreadable: %s', (_name, v) => {
    expect(parseYear(c(v))).toEqual(unreadable(cellText(c(v)), 'năm yyyy'));
  });
});

describe('parseMoney', () => {
  test.each<[string, Cell['value'], number]>([
    ['number', 80000000, 80000000],
    ['digits as text', '80000000', 80000000],
    ['"." thousands separators', '80.000.000', 80000000],
    ['"," thousands separators', '80,000,000', 80000000],
    ['space thousands separators', '80 000 000', 80000000],
    ['a single "." followed by 3 digits is a thousands separator', '80.000', 80000],
    ['"đồng" suffix', '80.000.000 đồng', 80000000],
    ['"đ" suffix', '80.000.000đ', 80000000],
    ['"VNĐ" suffix', '80.000.000 VNĐ', 80000000],
    ['"đồng/năm" suffix', '80.000.000 đồng/năm', 80000000],
    ['accounting decimals', '80.000.000,00', 80000000],
    ['80 triệu', '80 triệu', 80000000],
    ['80 triệu đồng', '80 triệu đồng', 80000000],
    ['80triệu without space', '80triệu', 80000000],
    ['0,5 tỷ: with a unit a single "," is decimal', '0,5 tỷ', 500000000],
    ['0.5 tỷ: with a unit a single "." is decimal', '0.5 tỷ', 500000000],
    ['1,2 tỷ đồng', '1,2 tỷ đồng', 1200000000],
    ['tỉ spelling', '2 tỉ', 2000000000],
    ['1 tỷ 200 triệu', '1 tỷ 200 triệu', 1200000000],
    ['500 nghìn', '500 nghìn', 500000],
    ['500 ngàn', '500 ngàn', 500000],
    ['without diacritics', '80 trieu dong', 80000000],
    ['zero', 0, 0],
  ])('%s', (_name, v, amount) => {
    expect(parseMoney(c(v))).toEqual(value(amount));
  });

  test.each<[string, Cell['value']]>([
    ['negative number', -5],
    ['negative text', '-80.000.000'],
    ['mixed separators in groups', '80.000,000'],
    ['groups not of 3 digits', '80.00.000'],
    ['a single separator without a unit and not 3 digits is ambiguous', '1,5'],
    ['units in increasing order', '200 triệu 1 tỷ'],
    ['trailing bare number after a unit', '1 tỷ 200'],
    ['unknown unit', '80 đô'],
    ['free text', 'tám mươi triệu'],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['boolean', true],
    ['a date', utc(2023, 1, 1)],
  ])('unreadable: %s', (_name, v) => {
    expect(parseMoney(c(v))).toEqual(unreadable(cellText(c(v)), 'số tiền (đồng)'));
  });
});

describe('parsePercent: result in percentage points', () => {
  test.each<[string, Cell, number]>([
    ['6%', c('6%'), 6],
    ['6,5%', c('6,5%'), 6.5],
    ['6.5 %', c('6.5 %'), 6.5],
    ['6,5 without % is points', c('6,5'), 6.5],
    ['text below 1 is still points', c('0,5'), 0.5],
    ['percent-formatted 0.065 is a fraction', c(0.065, { format: '0.0%' }), 6.5],
    ['percent-formatted 1 is 100 %', c(1, { format: '0%' }), 100],
    ['bare number above 1 is points', c(7), 7],
    ['bare number 1 is points (numbers ≥ 1 are points)', c(1), 1],
    ['bare number below 1 is a fraction', c(0.065), 6.5],
    ['no floating noise: 0.07 → 7', c(0.07), 7],
    ['no floating noise: formatted 0.029', c(0.029, { format: '0.0%' }), 2.9],
    ['zero', c(0), 0],
  ])('%s', (_name, cell, points) => {
    expect(parsePercent(cell)).toEqual(value(points));
  });

  test.each<[string, Cell['value']]>([
    ['text', 'sáu phần trăm'],
    ['two numbers', '6 - 7%'],
    ['NaN', NaN],
    ['Infinity', -Infinity],
    ['boolean', false],
  ])('unreadable: %s', (_name, v) => {
    expect(parsePercent(c(v))).toEqual(unreadable(cellText(c(v)), 'tỷ lệ %'));
  });
});

describe('parseOrdinal: exact match on any label, returns the first label', () => {
  test.each<[string, Cell['value'], number, string]>([
    ['NTM nâng cao', 'NTM nâng cao', 2, 'NTM nâng cao'],
    ['a variant maps to the first label', 'Đạt chuẩn nông thôn mới nâng cao', 2, 'NTM nâng cao'],
    ['without diacritics and upper case', 'NONG THON MOI KIEU MAU', 3, 'NTM kiểu mẫu'],
    ['trailing dot and spaces', ' Chưa đạt. ', 0, 'Chưa đạt'],
    ['Hoàn thành nhiệm vụ xây dựng NTM counts as NTM', 'Hoàn thành nhiệm vụ xây dựng NTM', 1, 'NTM'],
  ])('standard level: %s', (_name, v, rank, label) => {
    expect(parseOrdinal(c(v), STANDARD_LEVEL_SCALE)).toEqual(value({ rank, label }));
  });

  test('Đô thị văn minh is read but is off the shared nông thôn mới scale, with the reason (spec §5b)', () => {
    const got = parseOrdinal(c('Đạt chuẩn đô thị văn minh'), STANDARD_LEVEL_SCALE);
    expect(got).toMatchObject({ kind: 'value', value: { label: 'Đô thị văn minh' } });
    expect(got.kind === 'value' && got.value.offScale).toMatch(/không phải một mức của thang nông thôn mới/);
  });

  test('residential scale: KDC kiểu mẫu', () => {
    expect(parseOrdinal(c('KDC kiểu mẫu'), RESIDENTIAL_SCALE)).toEqual(value({ rank: 2, label: 'Kiểu mẫu' }));
  });

  test('not a substring match: unknown text is unreadable and lists the first labels', () => {
    expect(parseOrdinal(c('Xã đạt NTM nâng cao năm 2023'), STANDARD_LEVEL_SCALE)).toEqual(
      unreadable('Xã đạt NTM nâng cao năm 2023', 'Chưa đạt / NTM / Đô thị văn minh / NTM nâng cao / NTM kiểu mẫu'),
    );
  });

  test('blank', () => {
    expect(parseOrdinal(c(''), STANDARD_LEVEL_SCALE)).toEqual(BLANK);
  });
});

describe('parseSubject', () => {
  test.each<[string, string, string]>([
    ['Cơ quan, đơn vị', 'Cơ quan, đơn vị', 'co-quan'],
    ['Tổ chức chính trị - xã hội', 'Tổ chức chính trị - xã hội', 'co-quan'],
    ['en dash variant', 'Tổ chức chính trị – xã hội', 'co-quan'],
    ['Lực lượng vũ trang', 'Lực lượng vũ trang', 'co-quan'],
    ['Huyện', 'Huyện', 'huyen'],
    ['Thị xã is a district', 'Thị xã', 'huyen'],
    ['Thành phố', 'Thành phố', 'huyen'],
    ['Xã', 'Xã', 'xa'],
    ['xa without diacritics', 'xa', 'xa'],
    ['Phường', 'Phường', 'xa'],
    ['Thị trấn', 'THỊ TRẤN', 'xa'],
    ['Thôn', 'Thôn', 'thon'],
    ['Tổ dân phố', 'Tổ dân phố', 'thon'],
    ['Khu dân cư', 'Khu dân cư', 'thon'],
    ['Doanh nghiệp', 'Doanh nghiệp', 'doanh-nghiep'],
    ['Hợp tác xã is not xa', 'Hợp tác xã', 'hop-tac-xa'],
    ['Mô hình kinh tế', 'Mô hình kinh tế', 'hop-tac-xa'],
    ['Ngân hàng', 'Ngân hàng', 'ngan-hang'],
    ['Tổ chức tín dụng', 'Tổ chức tín dụng', 'ngan-hang'],
    ['Hộ gia đình', 'Hộ gia đình', 'ho-gia-dinh'],
    ['Hộ mới thoát nghèo', 'Hộ mới thoát nghèo', 'ho-gia-dinh'],
    ['Cán bộ, công chức, viên chức', 'Cán bộ, công chức, viên chức', 'can-bo'],
    ['CBCCVC', 'CBCCVC', 'can-bo'],
    ['Người lao động', 'Người lao động', 'nguoi-lao-dong'],
    ['Xã viên is nguoi-lao-dong, not xa', 'Xã viên', 'nguoi-lao-dong'],
    ['Người Việt Nam định cư ở nước ngoài', 'Người Việt Nam định cư ở nước ngoài', 'khac'],
    ['alternatives with "/" naming one subject', 'Xã/Phường/Thị trấn', 'xa'],
    ['alternatives with ";" naming one subject', 'Huyện; Thị xã; Thành phố', 'huyen'],
    ['UBND xã', 'UBND xã', 'xa'],
    ['UBND phường', 'UBND phường', 'xa'],
    ['UBND thị trấn', 'UBND thị trấn', 'xa'],
    ['UBND huyện', 'UBND huyện', 'huyen'],
    ['UBND thị xã is a district', 'UBND thị xã', 'huyen'],
    ['UBND thành phố', 'UBND thành phố', 'huyen'],
    ['an id', 'can-bo', 'can-bo'],
  ])('%s → %s', (_name, v, id) => {
    expect(parseSubject(c(v))).toEqual(value(id));
  });

  test.each<[string, Cell['value']]>([
    ['not a substring match: a commune name', 'Xã Thạch Hà'],
    ['UBND with a place name is not an exact prefix string', 'UBND xã Thạch Long'],
    ['alternatives naming different subjects', 'Xã/Huyện'],
    ['alternatives with an unknown part', 'Xã/Làng'],
    ['unknown', 'Cá nhân'],
    ['number', 3],
  ])('unreadable: %s', (_name, v) => {
    expect(parseSubject(c(v))).toEqual(unreadable(cellText(c(v)), 'loại đối tượng'));
  });
});

describe('parseTier', () => {
  test.each<[string, string]>([
    ['Giấy khen', 'giay-khen'],
    ['GK', 'giay-khen'],
    ['giấy khen', 'giay-khen'],
    ['Giấy khen của Chủ tịch UBND huyện', 'giay-khen'],
    ['Giấy khen của Chủ tịch UBND thị xã', 'giay-khen'],
    ['Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện', 'giay-khen'],
    ['Giấy khen của Chủ tịch UBND thành phố Hà Tĩnh', 'giay-khen'],
    ['Giấy khen của Giám đốc Sở Nông nghiệp và PTNT', 'giay-khen'],
    ['Giấy khen của Giám đốc Sở Lao động - Thương binh và Xã hội', 'giay-khen'],
    ['Giấy khen của Thủ trưởng cơ quan', 'giay-khen'],
    ['Giấy khen của Liên minh Hợp tác xã tỉnh', 'giay-khen'],
    ['Giấy khen của Chủ tịch UBND xã', 'giay-khen-xa'],
    ['Giấy khen của Chủ tịch UBND cấp xã', 'giay-khen-xa'],
    ['Giấy khen Chủ tịch UBND phường/thị trấn', 'giay-khen-xa'],
    ['Giấy khen của Chủ tịch UBND thị trấn', 'giay-khen-xa'],
    ['GK xã', 'giay-khen-xa'],
    ['Giấy khen cấp xã', 'giay-khen-xa'],
    ['GIAY KHEN CUA CHU TICH UBND XA', 'giay-khen-xa'],
    ['Bằng khen', 'bang-khen-tinh'],
    ['Bằng khen UBND tỉnh', 'bang-khen-tinh'],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'bang-khen-tinh'],
    ['Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương', 'bang-khen-tinh'],
    ['BK', 'bang-khen-tinh'],
    ['BKUBND tỉnh', 'bang-khen-tinh'],
    ['Bằng khen Thủ tướng', 'bang-khen-ttg'],
    ['Bằng khen của Thủ tướng Chính phủ', 'bang-khen-ttg'],
    ['BKTTg', 'bang-khen-ttg'],
    ['BK TTCP', 'bang-khen-ttg'],
    ['bang khen thu tuong', 'bang-khen-ttg'],
    ['Huân chương Lao động', 'huan-chuong-lao-dong'],
    ['Huân chương Lao động hạng Ba', 'huan-chuong-lao-dong'],
    ['Huân chương Lao động hạng Nhì', 'huan-chuong-lao-dong'],
    ['Huân chương Lao động hạng Nhất', 'huan-chuong-lao-dong'],
    ['HCLĐ', 'huan-chuong-lao-dong'],
    ['HC Lao động', 'huan-chuong-lao-dong'],
    ['giay-khen-xa', 'giay-khen-xa'],
    ['bang-khen-ttg', 'bang-khen-ttg'],
  ])('%s → %s', (label, id) => {
    expect(parseTier(c(label))).toEqual(value(id));
  });

  test.each<[string]>([
    ['Chiến sĩ thi đua'],
    ['Cờ thi đua'],
    ['Huân chương Độc lập'],
    ['Lao động tiên tiến'],
    ['Giấy khen, Bằng khen'],
    ['Khen thưởng'],
  ])('unreadable: %s', (label) => {
    expect(parseTier(c(label))).toEqual(unreadable(label, 'hình thức khen thưởng'));
  });
});

describe('parseRound', () => {
  test.each<[string, string]>([
    ['Hằng năm', 'annual'],
    ['Hàng năm', 'annual'],
    ['Thường xuyên', 'annual'],
    ['annual', 'annual'],
    ['hang nam', 'annual'],
    ['Sơ kết', 'so-ket'],
    ['Sơ kết giai đoạn', 'so-ket'],
    ['Sơ kết 2023', 'so-ket'],
    ['so-ket', 'so-ket'],
    ['Tổng kết', 'tong-ket'],
    ['Tổng kết giai đoạn', 'tong-ket'],
    ['Tổng kết 2021-2025', 'tong-ket'],
    ['tong-ket', 'tong-ket'],
    ['Đợt tổng kết', 'tong-ket'],
  ])('%s → %s', (label, id) => {
    expect(parseRound(c(label))).toEqual(value(id));
  });

  test.each<[string]>([['Đột xuất'], ['Chuyên đề'], ['2023']])('unreadable: %s', (label) => {
    expect(parseRound(c(label))).toEqual(unreadable(label, 'Hằng năm / Sơ kết / Tổng kết'));
  });
});

describe('parseLevel', () => {
  test.each<[string, string]>([
    ['Xuất sắc', 'xuat-sac'],
    ['Thành tích xuất sắc', 'xuat-sac'],
    ['xuat-sac', 'xuat-sac'],
    ['Tiêu biểu xuất sắc', 'tieu-bieu-xuat-sac'],
    ['Có thành tích tiêu biểu xuất sắc', 'tieu-bieu-xuat-sac'],
    ['tieu-bieu-xuat-sac', 'tieu-bieu-xuat-sac'],
    ['Đặc biệt xuất sắc', 'dac-biet-xuat-sac'],
    ['Thành tích đặc biệt xuất sắc', 'dac-biet-xuat-sac'],
    ['DAC BIET XUAT SAC', 'dac-biet-xuat-sac'],
  ])('%s → %s', (label, id) => {
    expect(parseLevel(c(label))).toEqual(value(id));
  });

  test.each<[string]>([['Tốt'], ['Hoàn thành xuất sắc nhiệm vụ'], ['Khá']])('unreadable: %s', (label) => {
    expect(parseLevel(c(label))).toMatchObject({ kind: 'unreadable', raw: label });
  });
});

describe('unreadable raw is the cell text cut to 100 characters', () => {
  test('long text', () => {
    const long = 'a'.repeat(5000);
    const r = parseTier(c(long));
    expect(r).toEqual(unreadable('a'.repeat(100), 'hình thức khen thưởng'));
  });
});

describe('parseCell dispatches on the column type', () => {
  const def = (type: ColumnDef['type'], extra: Partial<ColumnDef> = {}): ColumnDef => ({
    header: 'H',
    variants: [],
    type,
    ...extra,
  });

  test.each<[ColumnDef['type'], Cell, unknown]>([
    ['text', c(' A '), value('A')],
    ['subject', c('Xã'), value('xa')],
    ['tier', c('GK'), value('giay-khen')],
    ['round', c('Sơ kết'), value('so-ket')],
    ['year', c('Năm 2023'), value(2023)],
    ['date', c('05/12/2023'), value('2023-12-05')],
    ['level', c('Xuất sắc'), value('xuat-sac')],
    ['yesno', c('x'), value(true)],
    ['money', c('80 triệu'), value(80000000)],
    ['percent', c('6,5%'), value(6.5)],
  ])('%s', (type, cell, expected) => {
    expect(parseCell(cell, def(type))).toEqual(expected);
  });

  test('ordinal uses the column scale', () => {
    expect(parseCell(c('NTM'), def('ordinal', { scale: STANDARD_LEVEL_SCALE }))).toEqual(value({ rank: 1, label: 'NTM' }));
  });

  test('blankIsNo applies to yes/no columns only', () => {
    expect(parseCell(c(''), def('yesno'), { blankIsNo: true })).toEqual(value(false));
    expect(parseCell(c(''), def('yesno'))).toEqual(BLANK);
    expect(parseCell(c(''), def('money'), { blankIsNo: true })).toEqual(BLANK);
    expect(parseCell(c(''), def('text'), { blankIsNo: true })).toEqual(BLANK);
  });
});

describe('malformed cells from untyped adapters never throw', () => {
  const hostile: [string, unknown][] = [
    ['null instead of a cell', null],
    ['a string instead of a cell', 'Có'],
    ['value with a throwing getter', { get value(): never { throw new Error('host'); } }],
    ['error with a throwing getter', { value: 'x', get error(): never { throw new Error('host'); } }],
    ['value whose toString throws', { value: { toString(): never { throw new Error('host'); } } }],
    ['prototype-less object value', { value: Object.create(null) }],
    ['symbol value', { value: Symbol('s') }],
    ['bigint value', { value: BigInt(10) }],
    ['non-string format', { value: 0.065, format: 12 }],
    ['a million control characters', { value: '\u0000'.repeat(1_000_000) }],
  ];
  const all = [parseText, parseYesNo, parseDate, parseYear, parseMoney, parsePercent, parseSubject, parseTier, parseRound, parseLevel];
  test.each(hostile)('%s', (_name, cell) => {
    expect(() => cellText(cell as Cell)).not.toThrow();
    expect(() => isBlankCell(cell as Cell)).not.toThrow();
    for (const parse of all) expect(['value', 'blank', 'unreadable']).toContain(parse(cell as Cell).kind);
    expect(['value', 'blank', 'unreadable']).toContain(parseOrdinal(cell as Cell, STANDARD_LEVEL_SCALE).kind);
  });
});

test('parsePercent: a %-formatted number too large to scale is unreadable, not Infinity', () => {
  expect(parsePercent(c(1e308, { format: '0%' }))).toEqual(unreadable('1e+308', 'tỷ lệ %'));
});
