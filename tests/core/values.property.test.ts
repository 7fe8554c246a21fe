import fc from 'fast-check';
import { Cell, Parsed } from '../../src/core/cell';
import { STANDARD_COLUMNS, STANDARD_LEVEL_SCALE } from '../../src/core/columns';
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

/** Text that looks like what officials type, plus arbitrary Unicode and control characters. */
const textArb = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.stringMatching(/^[0-9 .,\/%-]{0,20}(tỷ|triệu|đồng|%|năm)?$/),
  fc.stringMatching(/^(ngày )?\d{1,3}( tháng |\/)\d{1,3}( năm |\/)\d{1,5}$/),
  fc.constantFrom('Có', 'Không', 'x', '-', '#N/A', '\u0000\u0007', ' \t\n', 'Giấy khen UBND xã', 'Huân chương'),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  textArb,
  fc.double(), // includes NaN, ±Infinity, -0
  fc.integer({ min: -3_000_000, max: 3_000_000 }),
  fc.boolean(),
  fc.date(), // includes invalid dates
  fc.anything(), // weird objects cast as Cell values
);

/** Cells as adapters might hand them over, including malformed ones. */
const arbitraryCell: fc.Arbitrary<Cell> = fc.oneof(
  fc
    .record(
      {
        value: valueArb,
        format: fc.oneof(fc.constantFrom('0%', '0.0%', 'dd/mm/yyyy', 'General', '#,##0'), fc.string(), fc.anything()),
        error: fc.oneof(fc.constantFrom('#N/A', '#REF!', ''), fc.anything()),
      },
      { requiredKeys: ['value'] },
    )
    .map((r) => r as unknown as Cell),
  fc.anything().map((x) => x as unknown as Cell),
);

const KINDS = ['value', 'blank', 'unreadable'];

function checkShape(r: Parsed<unknown>, cell: Cell): void {
  expect(KINDS).toContain(r.kind);
  if (r.kind === 'unreadable') {
    expect(typeof r.raw).toBe('string');
    expect(r.raw.length).toBeLessThanOrEqual(100);
    expect(typeof r.expected).toBe('string');
  }
  if (isBlankCell(cell)) expect(r.kind).toBe('blank');
}

const parsers: [string, (c: Cell) => Parsed<unknown>][] = [
  ['parseText', parseText],
  ['parseYesNo', (c) => parseYesNo(c)],
  ['parseDate', parseDate],
  ['parseYear', parseYear],
  ['parseMoney', parseMoney],
  ['parsePercent', parsePercent],
  ['parseOrdinal', (c) => parseOrdinal(c, STANDARD_LEVEL_SCALE)],
  ['parseSubject', parseSubject],
  ['parseTier', parseTier],
  ['parseRound', parseRound],
  ['parseLevel', parseLevel],
];

describe('parsers never throw and return value / blank / unreadable', () => {
  test.each(parsers)('%s', (_name, parse) => {
    fc.assert(
      fc.property(arbitraryCell, (cell) => {
        checkShape(parse(cell), cell);
      }),
      { numRuns: 500 },
    );
  });

  test('cellText and isBlankCell never throw', () => {
    fc.assert(
      fc.property(arbitraryCell, (cell) => {
        expect(typeof cellText(cell)).toBe('string');
        expect(typeof isBlankCell(cell)).toBe('boolean');
      }),
    );
  });

  test('parseCell over every standard column, with and without blankIsNo', () => {
    fc.assert(
      fc.property(arbitraryCell, fc.constantFrom(...STANDARD_COLUMNS), fc.boolean(), (cell, def, blankIsNo) => {
        const r = parseCell(cell, def, { blankIsNo });
        expect(KINDS).toContain(r.kind);
      }),
      { numRuns: 500 },
    );
  });

  test('parsed numbers are finite', () => {
    fc.assert(
      fc.property(arbitraryCell, (cell) => {
        for (const r of [parseMoney(cell), parsePercent(cell), parseYear(cell)]) {
          if (r.kind === 'value') expect(Number.isFinite(r.value)).toBe(true);
        }
      }),
    );
  });
});

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('round trips', () => {
  const dateArb = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true });
  const iso = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;

  test('a valid date written as dd/mm/yyyy parses back to the same ISO date', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const text = `${pad(d.getUTCDate(), 2)}/${pad(d.getUTCMonth() + 1, 2)}/${d.getUTCFullYear()}`;
        expect(parseDate({ value: text })).toEqual({ kind: 'value', value: iso(d) });
      }),
    );
  });

  test('a valid date written as "ngày d tháng m năm yyyy" parses back', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const text = `ngày ${d.getUTCDate()} tháng ${d.getUTCMonth() + 1} năm ${d.getUTCFullYear()}`;
        expect(parseDate({ value: text })).toEqual({ kind: 'value', value: iso(d) });
      }),
    );
  });

  test('a Date object parses to its UTC calendar date, and cellText shows it as dd/mm/yyyy that parses back', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(parseDate({ value: d })).toEqual({ kind: 'value', value: iso(d) });
        expect(parseDate({ value: cellText({ value: d }) })).toEqual({ kind: 'value', value: iso(d) });
      }),
    );
  });

  test('an Excel serial from 61 on is days since 1899-12-30', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial) => {
        fc.pre(serial < 1900 || serial > 2100); // bare year-sized numbers are refused on purpose
        const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
        expect(parseDate({ value: serial })).toEqual({ kind: 'value', value: iso(d) });
      }),
    );
  });

  test('an integer amount written with "." thousands separators parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        expect(parseMoney({ value: text })).toEqual({ kind: 'value', value: n });
        expect(parseMoney({ value: `${text} đồng` })).toEqual({ kind: 'value', value: n });
      }),
    );
  });

  test('an integer amount written with "," or space separators parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), fc.constantFrom(',', ' '), (n, sep) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(parseMoney({ value: text })).toEqual({ kind: 'value', value: n });
      }),
    );
  });

  /** Random upper/lower case per character: case never changes the answer. */
  const randomCase = (label: string): fc.Arbitrary<string> =>
    fc
      .array(fc.boolean(), { minLength: label.length, maxLength: label.length })
      .map((flags) => [...label].map((ch, i) => (flags[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));

  const YES = ['Có', 'C', 'x', '✓', 'Đạt', 'Yes', 'Y', 'TRUE', '1', 'Có đạt', 'co', 'dat'];
  const NO = ['Không', 'K', 'Không đạt', 'Chưa đạt', 'No', 'N', 'FALSE', '0', 'khong'];

  test('yes/no labels parse to the right boolean regardless of case and surrounding spaces', () => {
    const labelled = fc.oneof(
      fc.constantFrom(...YES).chain((l) => randomCase(l).map((s) => [s, true] as const)),
      fc.constantFrom(...NO).chain((l) => randomCase(l).map((s) => [s, false] as const)),
    );
    fc.assert(
      fc.property(labelled, fc.constantFrom('', ' ', '  \n'), ([label, expected], space) => {
        expect(parseYesNo({ value: `${space}${label}${space}` })).toEqual({ kind: 'value', value: expected });
      }),
    );
  });

  test('percent text "n%" with "," or "." decimals is n points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(',', '.'), (i, f, sep) => {
        const text = `${i}${sep}${pad(f, 2)}%`;
        expect(parsePercent({ value: text })).toEqual({ kind: 'value', value: Number(`${i}.${pad(f, 2)}`) });
      }),
    );
  });

  test('a percent-formatted fraction with up to 4 decimals is 100× without floating noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (k) => {
        expect(parsePercent({ value: k / 10000, format: '0.00%' })).toEqual({ kind: 'value', value: k / 100 });
      }),
    );
  });
});
