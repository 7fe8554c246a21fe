/** "Gộp danh sách" (issue 10 §2): the sheets of one workbook merged into one table, without Office. */
import type { Cell } from '../../src/core/cell';
import { COL } from '../../src/core/columns';
import { mergeSheets, type SourceSheet } from '../../src/core/merge-sheets';
import { shippedPlan } from '../../src/plans';
import { higherPlan } from '../helpers/higher-plan';

const grid = (rows: (string | number | null)[][]): Cell[][] => rows.map((r) => r.map((value) => ({ value })));

test('every sheet with a list is merged; instructions and catalogues are skipped; codes resolved through the catalogue', () => {
  const sheets: SourceSheet[] = [
    { file: 'ds.xlsx', name: 'Hướng dẫn', rows: grid([['Nhập mỗi đề nghị một dòng']]) },
    {
      file: 'ds.xlsx',
      name: 'Xã A',
      rows: grid([
        ['STT', COL.name, COL.subject, COL.unit, COL.proposed],
        [1, 'Nguyễn Văn An', 'Cán bộ', 'Xã A', 'Giấy khen'],
        [2, 'UBND xã A', 'Xã', null, 'Giấy khen'],
      ]),
    },
    {
      file: 'ds.xlsx',
      name: 'DANHSACH',
      rows: grid([
        ['DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG'],
        [],
        ['STT', 'Họ và tên', 'Tên đơn vị/tập thể\ncông tác', 'Mã phân loại cán bộ', 'Mã hình thức khen thưởng'],
        [1, 'Nguyễn Văn An', 'Xã A', '501', '601'],
      ]),
    },
    {
      file: 'ds.xlsx',
      name: 'DANHMUC',
      rows: grid([
        ['Mã số', 'Hình thức khen thưởng', null, 'Mã phân loại cán bộ', 'Phân loại cán bộ'],
        ['601', 'Giấy khen', null, '501', 'Công chức'],
      ]),
    },
  ];
  const { table, merged, skipped } = mergeSheets(sheets, shippedPlan('thach-ha-2022')!, { round: 'annual', year: 2023 });
  expect(merged).toEqual([
    { file: 'ds.xlsx', sheet: 'Xã A', rows: 2 },
    { file: 'ds.xlsx', sheet: 'DANHSACH', rows: 1 },
  ]);
  expect(skipped.map((s) => s.sheet)).toEqual(['Hướng dẫn', 'DANHMUC']);
  const col = (h: string) => table.header.indexOf(h);
  const nominees = table.rowOf.map((i) => table.rows[i]);
  expect(nominees.map((r) => [r[col(COL.name)]?.value, r[col(COL.subject)]?.value, r[col(COL.proposed)]?.value, r[col('Trang tính nguồn')]?.value])).toEqual([
    ['UBND xã A', 'Xã', 'Giấy khen', 'Xã A'],
    ['Nguyễn Văn An', 'Cán bộ', 'Giấy khen', 'Xã A'],
    ['Nguyễn Văn An', 'Công chức', 'Giấy khen', 'DANHSACH'],
  ]);
  // The same official on two sheets of the same round and year.
  expect(nominees[1][col('Trùng lặp')]?.value).toBe('Trùng với ds.xlsx, trang DANHSACH, dòng 4');
  expect(nominees[2][col('Trùng lặp')]?.value).toBe('Trùng với ds.xlsx, trang Xã A, dòng 2');
});

test("a plan's own subject type it marks as a person is listed with the individuals, and known by name and unit", () => {
  // An office's plan for the Youth Union: "Đoàn viên" is a person, like Cán bộ.
  const plan = higherPlan((json) => {
    json.subjectTypes = [{ id: 'doan-vien', label: 'Đoàn viên', variants: [], individual: true }];
  });
  const sheets: SourceSheet[] = [
    {
      file: 'ds.xlsx',
      name: 'Danh sách',
      rows: grid([
        ['STT', COL.name, COL.subject, COL.unit, COL.proposed],
        [1, 'Trần Văn Bình', 'Đoàn viên', 'Chi đoàn thôn 1', 'Bằng khen tỉnh'],
        [2, 'UBND xã A', 'Xã', null, 'Bằng khen tỉnh'],
        [3, 'Trần Văn Bình', 'Đoàn viên', 'Chi đoàn thôn 2', 'Bằng khen tỉnh'],
      ]),
    },
  ];
  const { table } = mergeSheets(sheets, plan, { round: 'annual', year: 2024 });
  const names = table.rows.map((r) => String(r[1]?.value ?? r[0]?.value ?? ''));
  // Collectives first (I), then persons (II): the Đoàn viên are persons.
  expect(names).toEqual(['TẬP THỂ', 'UBND xã A', 'CÁ NHÂN', 'Trần Văn Bình', 'Trần Văn Bình']);
  // Two people of one name in different units are two people, not a duplicate.
  expect(table.duplicates).toEqual(['', '', '']);
});
