/** The pane's pure helpers: names, addresses and list sources, as tables of cases. */
import { parseAreas } from '../../src/taskpane/excel-adapter';
import { fillRuns, priorFrom, runsOf } from '../../src/taskpane/record';
import { cellText, columnLetter, columnNumber, freeName, listSource, officeColor } from '../../src/taskpane/results-model';

test.each([
  ['Tổng hợp', [], 'Tổng hợp'],
  ['Tổng hợp', ['tổng hợp'], 'Tổng hợp 2'],
  ['Danh sách', ['Danh sách', 'Danh sách 2'], 'Danh sách 3'],
])('a new sheet called %s next to %j is named %s', (base, taken, name) => {
  expect(freeName(base, taken)).toBe(name);
});

test.each([
  ["Sheet1!A1:X1, Sheet1!B3:B4", [{ top: 1, left: 1, bottom: 1, right: 24 }, { top: 3, left: 2, bottom: 4, right: 2 }]],
  ["'Danh sách, 2023'!$A$1:$AB$2", [{ top: 1, left: 1, bottom: 2, right: 28 }]],
  ["'It''s'!C5", [{ top: 5, left: 3, bottom: 5, right: 3 }]],
  ["'A!B1, x'!C3:D4,'A!B1, x'!E1:F1", [{ top: 3, left: 3, bottom: 4, right: 4 }, { top: 1, left: 5, bottom: 1, right: 6 }]],
])('merged areas %s are read as %j', (address, merges) => {
  expect(parseAreas(address)).toEqual(merges);
});

test.each([
  [1, 'A'],
  [26, 'Z'],
  [27, 'AA'],
  [702, 'ZZ'],
  [703, 'AAA'],
])('column %i is %s and back', (n, letters) => {
  expect(columnLetter(n)).toBe(letters);
  expect(columnNumber(letters)).toBe(n);
});

test('a dropdown source names the hidden list sheet, quoting its name', () => {
  expect(listSource('Danh mục', 3, 4)).toBe("='Danh mục'!$C$2:$C$5");
  expect(listSource("O'Brien", 1, 1)).toBe("='O''Brien'!$A$2:$A$2");
});

test('core ARGB colours become Office colours; over-long cell text is cut with a mark', () => {
  expect(officeColor('FFe2efda')).toBe('#E2EFDA');
  expect(cellText('x'.repeat(40_000))).toHaveLength(32_001);
  expect(cellText('ngắn')).toBe('ngắn');
});

test('filled cells are recorded as runs down a column, and found again by row and column', () => {
  const none = { pattern: 'None' };
  const blue = { pattern: 'Solid', color: '#00B0F0' };
  const runs = fillRuns([
    { row: 5, col: 2, prior: none },
    { row: 6, col: 2, prior: none },
    { row: 7, col: 2, prior: blue },
    { row: 9, col: 2, prior: none },
    { row: 5, col: 11, prior: none },
  ]);
  expect(runs).toEqual([
    { col: 2, top: 5, bottom: 6, prior: none },
    { col: 2, top: 7, bottom: 7, prior: blue },
    { col: 2, top: 9, bottom: 9, prior: none },
    { col: 11, top: 5, bottom: 5, prior: none },
  ]);
  const prior = priorFrom({ sheetId: 's', sheetName: 'S', firstCol: 25, top: 3, bottom: 9, headerRows: 1, widths: [], fills: runs });
  expect([prior(7, 2), prior(6, 2), prior(8, 2)]).toEqual([blue, none, undefined]);
  expect(runsOf([{ row: 3, col: 1 }, { row: 3, col: 1 }, { row: 4, col: 1 }]).map((r) => [r.top, r.bottom])).toEqual([[3, 4]]);
});
