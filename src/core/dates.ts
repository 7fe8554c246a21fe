/** Calendar arithmetic on ISO dates ("YYYY-MM-DD"), in UTC so that no time zone shifts a deadline. */
import type { IsoDate } from './cell';
import { remember } from './memo';

// Deadlines are checked on every row: plain integer arithmetic on civil dates (H. Hinnant's
// days-from-civil) rather than Date objects and string formatting.
function dayNumber(d: IsoDate): number {
  let y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(z: number): IsoDate {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return isoDate(y, m, d);
}

// A list's dates are a few hundred days at most, read row after row: each is spelled once. The
// caches are cleared when full, so a long run over many years cannot grow them without bound.
const DATES_REMEMBERED = 4_096;
const isoByDay = new Map<number, IsoDate>();
const viByIso = new Map<IsoDate, string>();

/** "YYYY-MM-DD" of a civil date (month 1–12, day 1–31). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  // One number per date while it is exact; a year no list has (a setting typed wrong) is spelled
  // without being remembered rather than risk two dates sharing a key.
  const key = year * 10_000 + month * 100 + day;
  const exact = Number.isSafeInteger(key);
  const hit = exact ? isoByDay.get(key) : undefined;
  if (hit !== undefined) return hit;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return exact ? remember(isoByDay, DATES_REMEMBERED, key, iso) : iso;
}


export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatDateVi(d: IsoDate): string {
  return viByIso.get(d) ?? remember(viByIso, DATES_REMEMBERED, d, `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`);
}

/** A valid calendar date (rejects 31/02, month 13). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const dt = new Date(Date.UTC(year, month - 1, day));
  return dt.getUTCFullYear() === year && dt.getUTCMonth() === month - 1 && dt.getUTCDate() === day;
}
