import { z } from 'zod';
import { DateTime } from 'luxon';
import { PARIS, parseInstant } from './paris-time';

/**
 * A period of the official school calendar, as Paris calendar days.
 *
 * Convention (DOMAIN.md §2.2): holidays begin *after class* on `start` and classes resume *in the
 * morning* of `end`, so the days without class are those strictly between them; `end` is null when
 * the record gives none (summer). When `start` = `end` the period is that single day without class
 * (a bridge, e.g. "Pont de l'Ascension"). The "Rentrée scolaire des élèves" record (also start = end)
 * is a marker, not a period without class: it is the first class day of the year.
 */
export interface SchoolHolidayPeriod {
  readonly name: string;
  readonly schoolYear: string;
  readonly start: string;
  readonly end: string | null;
}

// One row of the Ministry's `fr-en-calendrier-scolaire` dataset (DOMAIN.md §2.3). Extra fields
// (location, académie…) are allowed and ignored.
const recordSchema = z.object({
  description: z.string().min(1),
  population: z.string().nullish(),
  start_date: z.string(),
  end_date: z.string().nullish(),
  zones: z.string(),
  annee_scolaire: z.string().regex(/^\d{4}-\d{4}$/),
});

/**
 * The dataset writes each date as midnight in Paris expressed in UTC (`2026-12-18T23:00:00+00:00`
 * is 19 December): convert to Paris *before* taking the date, never truncate the string. A bare
 * `YYYY-MM-DD` (some exports) is already a Paris calendar day.
 */
function toParisDay(value: string, field: string, index: number): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const dt = DateTime.fromISO(value, { zone: PARIS });
    if (dt.isValid) return value;
  }
  try {
    return parseInstant(value).toFormat('yyyy-MM-dd');
  } catch {
    throw new Error(`importSchoolHolidays: record ${index}: invalid ${field} ${JSON.stringify(value)}`);
  }
}

/**
 * Turns rows of the official dataset `fr-en-calendrier-scolaire` into school-calendar periods for one
 * zone, one per (zone, name, dates), sorted by start date then name.
 *
 * Rule (DOMAIN.md §2.3 and shared/data/README.md): dates are Paris midnights written in UTC and are
 * converted to Paris calendar days; the dataset has one row per académie, so identical periods are
 * merged; rows for teachers only (`population` "Enseignants") and rows of other zones are ignored;
 * single-day bridges (start = end) and a missing end (summer) are kept as given. Throws on a row that
 * does not have the dataset's shape.
 */
export function importSchoolHolidays(
  records: unknown[],
  zone: 'A' | 'B' | 'C',
): Array<{ name: string; schoolYear: string; start: string; end: string | null }> {
  if (!Array.isArray(records)) throw new Error('importSchoolHolidays: records must be an array');
  if (zone !== 'A' && zone !== 'B' && zone !== 'C') {
    throw new Error(`importSchoolHolidays: invalid zone ${JSON.stringify(zone)}: expected 'A', 'B' or 'C'`);
  }
  const wanted = `zone ${zone.toLowerCase()}`;
  const byKey = new Map<string, SchoolHolidayPeriod>();
  records.forEach((raw, index) => {
    const parsed = recordSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(
        `importSchoolHolidays: record ${index} is not a fr-en-calendrier-scolaire row: ${issues}`,
      );
    }
    const row = parsed.data;
    if (row.zones.trim().toLowerCase() !== wanted) return;
    if ((row.population ?? '').trim().toLowerCase() === 'enseignants') return;
    const name = row.description.trim();
    const start = toParisDay(row.start_date, 'start_date', index);
    const end = row.end_date == null ? null : toParisDay(row.end_date, 'end_date', index);
    if (end !== null && end < start) {
      throw new Error(`importSchoolHolidays: record ${index} (${name}) ends before it starts`);
    }
    const key = [row.annee_scolaire, name, start, end ?? ''].join('|');
    if (!byKey.has(key)) byKey.set(key, { name, schoolYear: row.annee_scolaire, start, end });
  });
  return [...byKey.values()]
    .sort((a, b) =>
      a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )
    .map((p) => ({ name: p.name, schoolYear: p.schoolYear, start: p.start, end: p.end }));
}
