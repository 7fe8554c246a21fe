import { addDays, daysBetween, formatDateVi, isoDate, isValidDate } from '../../src/core/dates';
import fc from 'fast-check';

test.each([
  ['2023-12-05', -1, '2023-12-04'],
  ['2024-02-28', 1, '2024-02-29'],
  ['2023-02-28', 1, '2023-03-01'],
  ['2023-12-31', 1, '2024-01-01'],
  ['1900-03-01', -1, '1900-02-28'],
])('%s plus %d days is %s', (d, n, want) => expect(addDays(d, n)).toBe(want));

test('day arithmetic agrees with the calendar for any date', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -800, max: 800 }), (dt, n) => {
      const iso = dt.toISOString().slice(0, 10);
      const expected = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth(), dt.getUTCDate() + n)).toISOString().slice(0, 10);
      expect(addDays(iso, n)).toBe(expected);
      expect(daysBetween(iso, expected)).toBe(n);
    }),
  );
});

test('dates are shown day first and impossible dates are refused', () => {
  expect(formatDateVi('2023-12-05')).toBe('05/12/2023');
  expect([isValidDate(2023, 2, 29), isValidDate(2024, 2, 29), isValidDate(2023, 13, 1), isValidDate(2023, 4, 31)]).toEqual([false, true, false, false]);
});

test('every day of fourteen years is spelled right, more days than are remembered, read twice', () => {
  // The spellings are remembered up to a bound and then forgotten: walking past it twice checks
  // both that nothing stale is served after a clear and that remembered ones are the right ones.
  for (let walk = 0; walk < 2; walk++) {
    for (let n = 0; n < 5_200; n++) {
      const want = new Date(Date.UTC(2015, 0, 1 + n));
      const iso = addDays('2015-01-01', n);
      expect(iso).toBe(want.toISOString().slice(0, 10));
      expect(formatDateVi(iso)).toBe(`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
    }
  }
});

test('a year far beyond any list is still spelled out, never mistaken for another date', () => {
  // Such a year only comes from a mistyped setting; its dates must not share a remembered key.
  expect(isoDate(10_000_000_000_000, 1, 2)).toBe('10000000000000-01-02');
  expect(isoDate(10_000_000_000_000, 1, 3)).toBe('10000000000000-01-03');
});
