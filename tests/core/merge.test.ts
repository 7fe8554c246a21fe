/** Consolidation rules (issue 10 §2), on items built in code: who counts as the same nominee, and the order. */
import type { Cell } from '../../src/core/cell';
import { COL } from '../../src/core/columns';
import { findDuplicates, mergedTable, type MergeItem } from '../../src/core/merge';
import type { SubjectId } from '../../src/core/vocabulary';

function item(file: string, row: number, name: string, subject: SubjectId | null, unit: string | null, year = 2023): MergeItem {
  const cells = new Map<string, Cell>([[COL.name, { value: name }]]);
  if (unit) cells.set(COL.unit, { value: unit });
  const collective = subject !== null && !['can-bo', 'nguoi-lao-dong', 'ho-gia-dinh', 'khac'].includes(subject);
  return { file, sheet: 'DS', row, unit: unit ?? (collective ? name : null), cells, decision: { name, subject, round: 'annual', year } };
}

test.each<[string, MergeItem[], string[]]>([
  [
    'a person: same name and unit after normalisation, in another file',
    [item('a.xlsx', 5, 'Nguyễn Văn An', 'can-bo', 'Xã Thạch Đài'), item('b.xlsx', 7, 'NGUYEN VAN AN ', 'can-bo', 'xã  Thạch Đài.')],
    ['Trùng với b.xlsx, dòng 7', 'Trùng với a.xlsx, dòng 5'],
  ],
  ['two people of the same name in different units are different people', [item('a.xlsx', 5, 'Nguyễn Văn An', 'can-bo', 'Xã A'), item('a.xlsx', 6, 'Nguyễn Văn An', 'can-bo', 'Xã B')], ['', '']],
  [
    'a collective by its name, whatever unit column each list gives',
    [item('a.xlsx', 4, 'UBND xã Thạch Đài', 'xa', null), item('c.xlsx', 9, 'UBND Xã Thạch Đài', 'xa', 'Huyện Thạch Hà')],
    ['Trùng với c.xlsx, dòng 9', 'Trùng với a.xlsx, dòng 4'],
  ],
  ['the same nominee in another year is no duplicate', [item('a.xlsx', 4, 'UBND xã Thạch Đài', 'xa', null, 2022), item('b.xlsx', 4, 'UBND xã Thạch Đài', 'xa', null, 2023)], ['', '']],
  [
    'three occurrences each name the two others',
    [item('a.xlsx', 2, 'Hộ ông Lê Văn Ba', 'ho-gia-dinh', 'Thôn 1'), item('a.xlsx', 3, 'Hộ ông Lê Văn Ba', 'ho-gia-dinh', 'Thôn 1'), item('b.xlsx', 2, 'Hộ ông Lê Văn Ba', 'ho-gia-dinh', 'Thôn 1')],
    ['Trùng với a.xlsx, dòng 3; b.xlsx, dòng 2', 'Trùng với a.xlsx, dòng 2; b.xlsx, dòng 2', 'Trùng với a.xlsx, dòng 2; a.xlsx, dòng 3'],
  ],
])('%s', (_label, items, expected) => expect(findDuplicates(items)).toEqual(expected));

test('heavy duplication: each cell names the first 3 others, counts the rest, and stays far under 32,767 characters', () => {
  // The same household proposed by 2,000 units' lists (file i, row i + 1).
  const items = Array.from({ length: 2000 }, (_, i) => item(`don-vi-${i}.xlsx`, i + 1, 'Hộ ông Lê Văn Ba', 'ho-gia-dinh', 'Thôn 1'));
  const out = findDuplicates(items);
  expect(out[0]).toBe('Trùng với don-vi-1.xlsx, dòng 2; don-vi-2.xlsx, dòng 3; don-vi-3.xlsx, dòng 4 và 1996 nơi khác');
  expect(out[2]).toBe('Trùng với don-vi-0.xlsx, dòng 1; don-vi-1.xlsx, dòng 2; don-vi-3.xlsx, dòng 4 và 1996 nơi khác');
  expect(Math.max(...out.map((d) => d.length))).toBeLessThan(200);
});

test('four occurrences: three named, "và 0 nơi khác" never written; five: "và 1 nơi khác"', () => {
  const four = Array.from({ length: 4 }, (_, i) => item('a.xlsx', i + 2, 'UBND xã Nam', 'xa', null));
  expect(findDuplicates(four)[0]).toBe('Trùng với a.xlsx, dòng 3; a.xlsx, dòng 4; a.xlsx, dòng 5');
  const five = [...four, item('b.xlsx', 9, 'UBND xã Nam', 'xa', null)];
  expect(findDuplicates(five)[4]).toBe('Trùng với a.xlsx, dòng 2; a.xlsx, dòng 3; a.xlsx, dòng 4 và 1 nơi khác');
});

test('the merged table: sections, collectives before individuals, by unit, source columns', () => {
  const t = mergedTable(
    [
      item('b.xlsx', 4, 'Trần Thị Bình', 'can-bo', 'Xã Bắc'),
      item('a.xlsx', 6, 'UBND xã Nam', 'xa', null),
      item('a.xlsx', 5, 'Lê Văn Cường', 'nguoi-lao-dong', 'Xã An'),
      item('b.xlsx', 3, 'UBND xã Đông', 'xa', null),
      item('c.xlsx', 2, 'Không rõ', null, null),
    ],
    [COL.name, COL.unit],
  );
  expect(t.header).toEqual(['STT', COL.name, COL.unit, 'Tệp nguồn', 'Trang tính nguồn', 'Dòng nguồn', 'Thuộc đơn vị', 'Trùng lặp']);
  expect(t.rows.map((r) => r.map((c) => c?.value ?? null))).toEqual([
    ['I', 'TẬP THỂ', null, null, null, null, null, null],
    [1, 'UBND xã Đông', null, 'b.xlsx', 'DS', 3, 'UBND xã Đông', null],
    [2, 'UBND xã Nam', null, 'a.xlsx', 'DS', 6, 'UBND xã Nam', null],
    ['II', 'CÁ NHÂN', null, null, null, null, null, null],
    [3, 'Lê Văn Cường', 'Xã An', 'a.xlsx', 'DS', 5, 'Xã An', null],
    [4, 'Trần Thị Bình', 'Xã Bắc', 'b.xlsx', 'DS', 4, 'Xã Bắc', null],
    ['III', 'CHƯA XÁC ĐỊNH ĐỐI TƯỢNG', null, null, null, null, null, null],
    [5, 'Không rõ', null, 'c.xlsx', 'DS', 2, null, null],
  ]);
  expect(t.rowOf).toEqual([1, 2, 4, 5, 7]);
});
