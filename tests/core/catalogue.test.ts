/**
 * Catalogues of management-system exports (issue 10): tables found by their own headers, codes
 * resolved only through the file at hand.
 */
import type { Cell } from '../../src/core/cell';
import { codeKey, kindOfText, lookupCode, readCatalogue } from '../../src/core/catalogue';

const c = (v: string | number | null): Cell => ({ value: v });
const row = (...vs: (string | number | null)[]) => vs.map(c);

const DANHMUC = {
  name: 'DANHMUC',
  rows: [
    [],
    row('STT', 'Mã số', 'Hình thức khen thưởng', null, 'STT', 'Mã số', 'Danh hiệu thi đua', null, 'STT', 'Mã phân loại cán bộ', 'Phân loại cán bộ'),
    row(1, '11', 'Bằng khen của Chủ tịch UBND tỉnh', null, 1, '21', 'Lao động tiên tiến', null, 1, 31, 'Hộ gia đình'),
    row(2, '12', 'Giấy khen', null, 2, '22', 'Chiến sĩ thi đua cơ sở', null, null, null, null),
  ],
};

describe('readCatalogue', () => {
  test('a sheet of side-by-side tables gives one table per code column, each with its kind', () => {
    const cat = readCatalogue([DANHMUC]);
    expect(cat.tables.map((t) => [t.kind, t.codeCol, t.nameCol, [...t.entries]])).toEqual([
      ['award', 2, 3, [['11', 'Bằng khen của Chủ tịch UBND tỉnh'], ['12', 'Giấy khen']]],
      ['title', 6, 7, [['21', 'Lao động tiên tiến'], ['22', 'Chiến sĩ thi đua cơ sở']]],
      ['subject', 10, 11, [['31', 'Hộ gia đình']]],
    ]);
  });

  test('a name column left of its code column (the import template\'s sheets) is read too', () => {
    const cat = readCatalogue([{ name: 'PLDT', rows: [row('tenphanloai', 'maphanloai'), row('Doanh nghiệp', 9001)] }]);
    expect(cat.tables).toMatchObject([{ kind: 'subject', codeCol: 2, nameCol: 1 }]);
    expect(lookupCode(cat, 'subject', '9001')).toBe('Doanh nghiệp');
  });

  test('the same code names different things in different tables: each kind looks in its own', () => {
    const cat = readCatalogue([
      { name: 'A', rows: [row('Mã hình thức', 'Hình thức khen thưởng'), row('5', 'Giấy khen')] },
      { name: 'B', rows: [row('Mã phân loại', 'Tên phân loại đơn vị'), row('5', 'Doanh nghiệp')] },
    ]);
    expect(lookupCode(cat, 'award', '5')).toBe('Giấy khen');
    expect(lookupCode(cat, 'subject', '5')).toBe('Doanh nghiệp');
    expect(lookupCode(cat, 'subject', '6')).toBeUndefined();
  });

  test('a sheet with no code header has no catalogue', () => {
    expect(readCatalogue([{ name: 'Hướng dẫn', rows: [row('STT', 'Nội dung'), row(1, 'Nhập tên')] }]).tables).toEqual([]);
  });
});

test.each([
  [c(1660638226), '1660638226'],
  [c(' 7100001 '), '7100001'],
  [c("'0015"), '0015'],
  [c(null), ''],
])('codeKey(%j) = %s', (cell, key) => expect(codeKey(cell)).toBe(key));

test.each([
  ['Mã phân loại tập thể', 'subject'],
  ['Tên phân loại đơn vị', 'subject'],
  ['mahinhthuckt', 'award'],
  ['Danh hiệu thi đua', 'title'],
  ['NAME', undefined],
])('kindOfText(%s) = %s', (text, kind) => expect(kindOfText(text)).toBe(kind));
