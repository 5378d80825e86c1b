import { parseDay } from './paris-time';
import type { Region } from './settings';

/** A public holiday (jour férié): its calendar day and French name. */
export interface PublicHoliday {
  readonly date: string;
  readonly name: string;
}

function checkYear(year: number): void {
  // The Gregorian computus holds from 1583; four digits keep every date a `YYYY-MM-DD` string.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new Error(`Invalid year ${String(year)}: expected an integer from 1583 to 9999`);
  }
}

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Easter Sunday (dimanche de Pâques) of a Gregorian year, as `YYYY-MM-DD`.
 *
 * Rule: the anonymous Gregorian computus (Meeus/Jones/Butcher), DOMAIN.md §1.2.
 * Integer arithmetic only; `Math.floor` is exact on these small non-negative integers.
 */
export function easterSunday(year: number): string {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return ymd(year, Math.floor(n / 31), (n % 31) + 1);
}

function shift(day: string, days: number): string {
  return parseDay(day).plus({ days }).toFormat('yyyy-MM-dd');
}

const cache = new Map<string, readonly PublicHoliday[]>();

function holidaysOf(year: number, region: Region): readonly PublicHoliday[] {
  const key = `${year}:${region}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const easter = easterSunday(year);
  const list: PublicHoliday[] = [
    { date: ymd(year, 1, 1), name: "Jour de l'an" },
    { date: shift(easter, 1), name: 'Lundi de Pâques' },
    { date: ymd(year, 5, 1), name: 'Fête du Travail' },
    { date: ymd(year, 5, 8), name: 'Victoire 1945' },
    { date: shift(easter, 39), name: 'Ascension' },
    { date: shift(easter, 50), name: 'Lundi de Pentecôte' },
    { date: ymd(year, 7, 14), name: 'Fête nationale' },
    { date: ymd(year, 8, 15), name: 'Assomption' },
    { date: ymd(year, 11, 1), name: 'Toussaint' },
    { date: ymd(year, 11, 11), name: 'Armistice' },
    { date: ymd(year, 12, 25), name: 'Noël' },
  ];
  if (region === 'alsace-moselle') {
    list.push({ date: shift(easter, -2), name: 'Vendredi saint' });
    list.push({ date: ymd(year, 12, 26), name: 'Saint-Étienne' });
  }
  // Calendar days in `YYYY-MM-DD` sort correctly as strings.
  list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const frozen = Object.freeze(list.map((h) => Object.freeze(h)));
  cache.set(key, frozen);
  return frozen;
}

function regionOf(opts: { region?: Region } | undefined): Region {
  const region = opts?.region ?? 'metropole';
  if (region !== 'metropole' && region !== 'alsace-moselle') {
    throw new Error(`Invalid region ${JSON.stringify(region)}: expected 'metropole' or 'alsace-moselle'`);
  }
  return region;
}

/**
 * The public holidays (jours fériés) of a year, sorted by date, with French names.
 *
 * Rule: the 11 fêtes légales of Code du travail art. L3133-1 (DOMAIN.md §1.1), Easter-based ones
 * from {@link easterSunday} (lundi de Pâques E+1, Ascension E+39, lundi de Pentecôte E+50, which
 * counts as a holiday: no school, no ALP). With `region: 'alsace-moselle'` the two local holidays of
 * L3134-13 are added: Vendredi saint (E−2) and Saint-Étienne (26 December). A holiday falling on a
 * weekend is never moved to another day.
 */
export function publicHolidays(
  year: number,
  opts?: { region?: 'metropole' | 'alsace-moselle' },
): Array<{ date: string; name: string }> {
  checkYear(year);
  return holidaysOf(year, regionOf(opts)).map((h) => ({ date: h.date, name: h.name }));
}

/** The French name of the public holiday on `date`, or null when it is not one (see {@link publicHolidays}). */
export function publicHolidayName(date: string, opts?: { region?: Region }): string | null {
  const year = parseDay(date).year;
  checkYear(year);
  return holidaysOf(year, regionOf(opts)).find((h) => h.date === date)?.name ?? null;
}

/** Whether a calendar day is a public holiday (jour férié) of the region; rule of {@link publicHolidays}. */
export function isPublicHoliday(date: string, opts?: { region?: 'metropole' | 'alsace-moselle' }): boolean {
  return publicHolidayName(date, opts) !== null;
}
