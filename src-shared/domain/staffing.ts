import { parseDay } from './paris-time';
import { parseOptions, staffingSettingsSchema } from './settings';

/** Children per adult for a periscolaire accueil of at most 5 consecutive hours (R227-16 CASF, DOMAIN.md §4.2). */
export const STAFF_RATIOS = {
  standard: { under6: 10, sixPlus: 14 },
  pedt: { under6: 14, sixPlus: 18 },
} as const;

function checkCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`requiredStaff: invalid ${name} ${String(value)}: expected a whole number ≥ 0`);
  }
}

/**
 * The number of animateurs a session needs (taux d'encadrement).
 *
 * Rule (DOMAIN.md decision "ratio", §4.2, R227-16 CASF): `ceil(under6 / r1 + sixPlus / r2)` with
 * r1/r2 = 10/14, or 14/18 under a PEDT; ages are taken on the session date ({@link ageOn}). Computed
 * on integers, `ceil((under6·r2 + sixPlus·r1) / (r1·r2))`, so 14 children of 6+ need exactly 1 adult:
 * no floating-point sum like 0.1 + 0.2 can tip a ceiling.
 */
export function requiredStaff(
  counts: { under6: number; sixPlus: number },
  opts?: { pedt?: boolean },
): number {
  checkCount(counts?.under6, 'under6');
  checkCount(counts?.sixPlus, 'sixPlus');
  const { pedt } = parseOptions(staffingSettingsSchema, opts, 'requiredStaff');
  const r = pedt ? STAFF_RATIOS.pedt : STAFF_RATIOS.standard;
  const numerator = counts.under6 * r.sixPlus + counts.sixPlus * r.under6;
  const denominator = r.under6 * r.sixPlus;
  const whole = (numerator - (numerator % denominator)) / denominator;
  return numerator % denominator === 0 ? whole : whole + 1;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Age in whole years on a day (for the under-6 / 6-and-over split, counted on the session date,
 * DOMAIN.md decision "ratio"). A child is 6 on its sixth birthday. A child born on 29 February has
 * its birthday on 1 March in a non-leap year, the French civil practice (a 29 February birth comes
 * of age on 1 March). Throws when `date` is before `birthDate`.
 */
export function ageOn(birthDate: string, date: string): number {
  const birth = parseDay(birthDate, 'birthDate');
  const on = parseDay(date, 'date');
  if (date < birthDate) {
    throw new Error(`ageOn: date ${date} is before the birth date ${birthDate}`);
  }
  const [bMonth, bDay] =
    birth.month === 2 && birth.day === 29 && !isLeapYear(on.year) ? [3, 1] : [birth.month, birth.day];
  const beforeBirthday = on.month < bMonth || (on.month === bMonth && on.day < bDay);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}
