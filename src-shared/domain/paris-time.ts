import { DateTime } from 'luxon';

/**
 * Parsing and formatting of the three time shapes the rules use, and the Europe/Paris wall clock.
 *
 * - calendar day: `YYYY-MM-DD`, a civil date without time zone (DOMAIN.md §9.1);
 * - month: `YYYY-MM`;
 * - instant: ISO-8601 with an explicit offset (`Z`, `+01:00`, `+0200`…) on input; always written
 *   back as UTC with milliseconds and `Z` (`2026-11-25T23:00:00.000Z`), the one output format.
 *
 * Every business rule is evaluated on the Paris wall clock (DOMAIN.md §9.1), whatever offset the
 * caller used. Nothing here reads the system clock or the system time zone.
 */

export const PARIS = 'Europe/Paris';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
// Hours 00–23 only: luxon would accept `24:00` and roll it over, which hides mistakes.
const INSTANT_RE =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** A calendar month as numbers. */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/** Parses a `YYYY-MM-DD` calendar day to a Paris midnight; throws on a malformed or impossible day. */
export function parseDay(day: string, what = 'date'): DateTime {
  const m = typeof day === 'string' ? DAY_RE.exec(day) : null;
  if (!m) throw new Error(`Invalid ${what} ${JSON.stringify(day)}: expected a calendar day YYYY-MM-DD`);
  const dt = DateTime.fromObject(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    { zone: PARIS },
  );
  if (!dt.isValid) throw new Error(`Invalid ${what} ${JSON.stringify(day)}: no such calendar day`);
  return dt;
}

/** Checks a `YYYY-MM-DD` calendar day and returns it unchanged. */
export function checkDay(day: string, what = 'date'): string {
  parseDay(day, what);
  return day;
}

/** Parses a `YYYY-MM` month; throws on a malformed month such as `2026-13`. */
export function parseMonth(month: string, what = 'month'): YearMonth {
  const m = typeof month === 'string' ? MONTH_RE.exec(month) : null;
  const year = m ? Number(m[1]) : NaN;
  const mm = m ? Number(m[2]) : NaN;
  if (!m || mm < 1 || mm > 12) {
    throw new Error(`Invalid ${what} ${JSON.stringify(month)}: expected a month YYYY-MM with MM in 01..12`);
  }
  return { year, month: mm };
}

/** Formats a month as `YYYY-MM`. */
export function formatMonth(ym: YearMonth): string {
  return `${String(ym.year).padStart(4, '0')}-${String(ym.month).padStart(2, '0')}`;
}

/** Moves a month by `delta` months (negative goes back). */
export function addMonths(ym: YearMonth, delta: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Parses an ISO-8601 instant with an explicit offset and returns it on the Paris wall clock. */
export function parseInstant(instant: string, what = 'instant'): DateTime {
  if (typeof instant !== 'string' || !INSTANT_RE.test(instant)) {
    throw new Error(
      `Invalid ${what} ${JSON.stringify(instant)}: expected an ISO-8601 instant with an explicit offset, ` +
        'e.g. 2026-11-25T23:00:00.000Z or 2026-11-26T00:00:00+01:00',
    );
  }
  const dt = DateTime.fromISO(instant, { setZone: true });
  if (!dt.isValid)
    throw new Error(`Invalid ${what} ${JSON.stringify(instant)}: ${dt.invalidExplanation ?? ''}`);
  return dt.setZone(PARIS);
}

/** Writes an instant as UTC ISO-8601 with milliseconds and `Z`, the single output format. */
export function toUtcIso(dt: DateTime): string {
  return new Date(dt.toMillis()).toISOString();
}

/** The Paris calendar day (`YYYY-MM-DD`) an instant falls on. */
export function parisDay(dt: DateTime): string {
  return dt.setZone(PARIS).toFormat('yyyy-MM-dd');
}

/** 00:00 on the Paris wall clock of a calendar day. Midnight always exists in Paris (changes are at 02:00/03:00). */
export function parisMidnight(year: number, month: number, day: number): DateTime {
  return DateTime.fromObject({ year, month, day }, { zone: PARIS });
}

/** The calendar day after `day` (both `YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return parseDay(day).plus({ days: 1 }).toFormat('yyyy-MM-dd');
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function weekday(day: string): number {
  return parseDay(day).weekday;
}
