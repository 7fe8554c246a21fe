/**
 * Argument values as Excel passes them to custom functions, and what the core is given for each.
 */
import type { Cell } from '../../src/core/cell';
import type { ColumnType } from '../../src/core/columns';
import { argumentCell, errorText, matrix, optionalText, parseAddress } from '../../src/functions/arguments';

describe('a cell value as the core reads it', () => {
  const table: [string, unknown, ColumnType | undefined, Cell][] = [
    ['an empty cell ("") is blank', '', 'yesno', { value: null }],
    ['an empty cell passed as 0 is blank in a yes/no column', 0, 'yesno', { value: null }],
    ['0 is blank in a date column (no date is serial 0)', 0, 'date', { value: null }],
    ['0 is blank in a text column', 0, 'text', { value: null }],
    ['0 is a value in a money column (0 đồng)', 0, 'money', { value: 0 }],
    ['0 is a value in a percent column (0 %)', 0, 'percent', { value: 0 }],
    ['whitespace is blank', '  \n', 'text', { value: null }],
    ['null and undefined are blank', null, 'text', { value: null }],
    ['a date arrives as its serial number and stays one', 45_261, 'date', { value: 45_261 }],
    ['1 stays 1 (a yes in a yes/no column)', 1, 'yesno', { value: 1 }],
    ['TRUE stays a boolean', true, 'yesno', { value: true }],
    ['text stays text', 'Có', 'yesno', { value: 'Có' }],
    ['an error text in a criterion column is kept, for the core to report unreadable', '#N/A', 'yesno', { value: '#N/A' }],
    ['an error text in a text column is blank', '#REF!', 'text', { value: null, error: '#REF!' }],
    ['an error in a column the plan does not read is blank', '#VALUE!', undefined, { value: null, error: '#VALUE!' }],
    ['a CustomFunctions.Error object is its code', { code: '#N/A', message: 'x' }, 'ordinal', { value: '#N/A' }],
    ['an Excel.ErrorCellValue is its basic value', { type: 'Error', basicValue: '#DIV/0!', errorType: 'Div0' }, 'money', { value: '#DIV/0!' }],
    ['a formatted number keeps its format (6,5 % stored as 0.065)', { type: 'FormattedNumber', basicValue: 0.065, numberFormat: '0.0%' }, 'percent', { value: 0.065, format: '0.0%' }],
    ['a rich string is its basic value', { type: 'String', basicValue: 'Xã' }, 'subject', { value: 'Xã' }],
    ['an entity is the text it shows', { type: 'Entity', text: 'Hộ gia đình', properties: {} }, 'subject', { value: 'Hộ gia đình' }],
    ['an empty rich value is blank', { type: 'Empty', basicValue: '' }, 'yesno', { value: null }],
    ['NaN and infinities are text (so unreadable), never numbers', Number.NaN, 'money', { value: 'NaN' }],
  ];
  test.each(table)('%s', (_, v, type, cell) => {
    expect(argumentCell(v, type)).toEqual(cell);
  });
});

test.each([
  ['#N/A', '#N/A'],
  [' #value! ', '#VALUE!'],
  ['#GETTING_DATA', '#GETTING_DATA'],
  ['#Không', undefined],
  [{ code: '#NUM!' }, '#NUM!'],
  [{ type: 'Error', errorType: 'Busy' }, '#VALUE!'],
  [42, undefined],
])('errorText(%j) = %j', (v, expected) => {
  expect(errorText(v)).toBe(expected);
});

test.each([
  [undefined, undefined],
  [null, undefined],
  ['', undefined],
  [0, undefined],
  ['  ', undefined],
  ['#N/A', undefined],
  [' thach-ha-2022 ', 'thach-ha-2022'],
  [[['dak-nong-2022']], 'dak-nong-2022'],
  [2023, '2023'],
])('optional argument %j reads as %j', (v, expected) => {
  expect(optionalText(v)).toBe(expected);
});

test.each([
  ['Sheet1!C7:V7', { sheet: 'Sheet1', col: 3, row: 7 }],
  ["'Danh sách (2)'!$C$7:$V$7", { sheet: 'Danh sách (2)', col: 3, row: 7 }],
  ["'Bà Rịa''s list'!AA10", { sheet: "Bà Rịa's list", col: 27, row: 10 }],
  ['[Book1.xlsx]DS!B5:X5', { sheet: 'DS', col: 2, row: 5 }],
  ['DS!7:7', { sheet: 'DS', col: 1, row: 7 }],
  ['DS!C:V', { sheet: 'DS', col: 3, row: 1 }],
  ['C7:V7', undefined],
  ['', undefined],
  [null, undefined],
])('address %j', (address, expected) => {
  expect(parseAddress(address)).toEqual(expected);
});

test('a scalar or a flat list becomes rows', () => {
  expect(matrix('x')).toEqual([['x']]);
  expect(matrix([1, 2])).toEqual([[1], [2]]);
  expect(matrix([[1, 2]])).toEqual([[1, 2]]);
  expect(matrix(undefined)).toEqual([]);
});
