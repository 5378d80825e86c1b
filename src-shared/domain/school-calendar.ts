import { z } from 'zod';
import shippedRecords from './data/fr-en-calendrier-scolaire.json' with { type: 'json' };
import { parseDay, parseMonth } from './paris-time';
import { publicHolidayName } from './public-holidays';
import { importSchoolHolidays } from './school-holidays';
import type { SchoolHolidayPeriod } from './school-holidays';
import {
  calendarDaySchema,
  parseOptions,
  schoolCalendarSettingsSchema,
  schoolYearSchema,
  sessionSchema,
} from './settings';
import type { Closure, Region, Session, WeekPattern, Zone } from './settings';

/**
 * The school calendar of one school year for one school, as plain data (it crosses IPC and the
 * network as is). Built by {@link schoolCalendar}; read by {@link alpSessions} and {@link whyNoSession}.
 */
export interface SchoolCalendar {
  readonly schoolYear: string;
  readonly zone: Zone;
  readonly weekPattern: WeekPattern;
  readonly region: Region;
  /** First class day: the "Rentrée scolaire des élèves" of the official calendar. */
  readonly firstClassDay: string;
  /**
   * Official start of the summer holidays ("Début des Vacances d'Été"). Holidays begin after class
   * that day, so it is the last day of the school year; every later day is outside it.
   */
  readonly summerStart: string;
  /** Holiday and bridge periods within the year (neither the rentrée nor the summer). */
  readonly holidays: readonly SchoolHolidayPeriod[];
  /** Service closures: a whole day, or one session of a day. */
  readonly closures: readonly Closure[];
}

// A period given by the caller (an import edited by staff): real days, and an end not before the start.
const periodSchema = z
  .object({
    name: z.string().min(1),
    schoolYear: schoolYearSchema,
    start: calendarDaySchema,
    end: calendarDaySchema.nullable(),
  })
  .refine((p) => p.end === null || p.end >= p.start, 'end is before start');

// The official records shipped with the product (DOMAIN.md §2.3: never extrapolate a missing year).
const shippedByZone = new Map<Zone, readonly SchoolHolidayPeriod[]>();
function shippedPeriods(zone: Zone): readonly SchoolHolidayPeriod[] {
  let periods = shippedByZone.get(zone);
  if (!periods) {
    periods = importSchoolHolidays(shippedRecords as unknown[], zone);
    shippedByZone.set(zone, periods);
  }
  return periods;
}

// Dataset descriptions vary in accents and apostrophes between years; compare a folded form.
function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .trim();
}
// The pupils' rentrée only: the teachers' one (a day earlier) is not a class day.
const isRentree = (p: SchoolHolidayPeriod): boolean =>
  fold(p.name).startsWith('rentree') && !fold(p.name).includes('enseignant');
const isSummer = (p: SchoolHolidayPeriod): boolean => fold(p.name).includes("vacances d'ete");
const isBridge = (p: SchoolHolidayPeriod): boolean => fold(p.name).startsWith('pont') || p.start === p.end;

/** The school years for which the shipped official records give a calendar in `zone`. */
export function knownSchoolYears(zone: Zone = 'B'): string[] {
  const years = new Set(shippedPeriods(zone).map((p) => p.schoolYear));
  return [...years].filter((y) => buildable(shippedPeriods(zone), y)).sort();
}

function buildable(periods: readonly SchoolHolidayPeriod[], schoolYear: string): boolean {
  const ofYear = periods.filter((p) => p.schoolYear === schoolYear);
  return ofYear.some(isRentree) && ofYear.some(isSummer);
}

/**
 * The calendar of a school year: the official dates of the zone plus the commune's settings.
 *
 * Rule (DOMAIN.md §2, §3, §10 and the decisions "week", "eve of holidays", "zone"): the year runs
 * from the "Rentrée scolaire des élèves" to the start of the summer holidays; zone B by default
 * (Lapalud, Vaucluse); `4-day` week by default. Dates come from the shipped official records
 * (`data/fr-en-calendrier-scolaire.json`), or from `holidays` when given (a commune's own import,
 * with staff corrections). Throws, in French, for a year without data: it never extrapolates.
 */
export function schoolCalendar(
  schoolYear: string,
  opts?: {
    zone?: 'A' | 'B' | 'C';
    weekPattern?: '4-day' | '4.5-day';
    region?: 'metropole' | 'alsace-moselle';
    closures?: Array<{ date: string; session?: 'matin' | 'soir' }>;
    /** Periods from {@link importSchoolHolidays} to use instead of the shipped records. */
    holidays?: SchoolHolidayPeriod[];
  },
): SchoolCalendar {
  const year = schoolYearSchema.safeParse(schoolYear);
  if (!year.success) {
    throw new Error(`Année scolaire invalide : ${JSON.stringify(schoolYear)} (format attendu : 2026-2027).`);
  }
  const { holidays: custom, ...rest } = opts ?? {};
  const settings = parseOptions(schoolCalendarSettingsSchema, rest, 'schoolCalendar');
  if (custom !== undefined) {
    const checked = z.array(periodSchema).safeParse(custom);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`schoolCalendar: invalid holidays: ${issues}`);
    }
  }
  const source = custom ?? shippedPeriods(settings.zone);
  const ofYear = source.filter((p) => p.schoolYear === schoolYear);
  if (!buildable(source, schoolYear)) {
    const known = custom ? [] : knownSchoolYears(settings.zone);
    throw new Error(
      `Calendrier scolaire ${schoolYear} inconnu pour la zone ${settings.zone} : ` +
        (ofYear.length > 0 ? 'la rentrée ou le début des vacances d’été manque. ' : '') +
        'importez les dates officielles du ministère (fr-en-calendrier-scolaire) pour cette année.' +
        (known.length > 0 ? ` Années connues : ${known.join(', ')}.` : ''),
    );
  }
  const rentrees = ofYear.filter(isRentree).map((p) => p.start);
  const summers = ofYear.filter(isSummer).map((p) => p.start);
  const firstClassDay = rentrees.sort()[0] as string;
  const summerStart = summers.sort()[0] as string;
  if (summerStart <= firstClassDay) {
    throw new Error(
      `Calendrier scolaire ${schoolYear} incohérent : les vacances d’été commencent avant la rentrée.`,
    );
  }
  const holidays = ofYear
    .filter((p) => !isRentree(p) && !isSummer(p))
    .map((p) => {
      if (p.end === null) {
        throw new Error(
          `Calendrier scolaire ${schoolYear} : la période « ${p.name} » n’a pas de date de fin.`,
        );
      }
      return { name: p.name, schoolYear: p.schoolYear, start: p.start, end: p.end };
    });
  return {
    schoolYear,
    zone: settings.zone,
    weekPattern: settings.weekPattern,
    region: settings.region,
    firstClassDay,
    summerStart,
    holidays,
    closures: settings.closures.map((c) =>
      c.session ? { date: c.date, session: c.session } : { date: c.date },
    ),
  };
}

/**
 * Why an ALP session does not exist on a day, in French for people; null when it exists.
 *
 * Rule (DOMAIN.md §2.2, §3, §10, decision "eve of holidays"): a session runs only on a school day —
 * inside the school year, Monday to Friday, matching the week pattern, not a public holiday, not a day
 * without class of a holiday or bridge period — and not closed by the service. Holidays begin after
 * class on their official start day and classes resume in the morning of the end day, so both days
 * keep their sessions (the soir of the last class day runs). In the `4.5-day` pattern Wednesday has a
 * matin and no soir (class ends at noon). When several reasons apply, the first of this order is
 * given: weekend, outside the school year, public holiday, bridge or holidays, week pattern, closure.
 */
export function whyNoSession(
  calendar: SchoolCalendar,
  date: string,
  session: 'matin' | 'soir',
): string | null {
  const day = parseDay(date);
  if (!sessionSchema.safeParse(session).success) {
    throw new Error(`Invalid session ${JSON.stringify(session)}: expected 'matin' or 'soir'`);
  }
  if (day.weekday === 6) return 'samedi';
  if (day.weekday === 7) return 'dimanche';
  if (date < calendar.firstClassDay || date > calendar.summerStart) return 'hors année scolaire';
  const holiday = publicHolidayName(date, { region: calendar.region });
  if (holiday !== null) return `jour férié : ${holiday}`;
  for (const p of calendar.holidays) {
    const end = p.end ?? p.start;
    const withoutClass = p.start === end ? date === p.start : p.start < date && date < end;
    if (withoutClass) return isBridge(p) ? `pont : ${p.name}` : `vacances scolaires : ${p.name}`;
  }
  if (day.weekday === 3) {
    if (calendar.weekPattern === '4-day') return 'mercredi sans école (semaine de 4 jours)';
    if (session === 'soir') return 'mercredi après-midi sans école (semaine de 4,5 jours)';
  }
  if (calendar.closures.some((c) => c.date === date && (c.session === undefined || c.session === session))) {
    return 'fermeture du service';
  }
  return null;
}

const SESSIONS: readonly Session[] = ['matin', 'soir'];

/**
 * The bookable ALP sessions of a month, by date then matin before soir: every (day, session) for
 * which {@link whyNoSession} is null (DOMAIN.md §10). Empty for a month outside the school year.
 */
export function alpSessions(
  calendar: SchoolCalendar,
  month: string,
): Array<{ date: string; session: 'matin' | 'soir' }> {
  const { year, month: m } = parseMonth(month);
  const first = parseDay(`${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`);
  const sessions: Array<{ date: string; session: Session }> = [];
  for (let d = first; d.month === m; d = d.plus({ days: 1 })) {
    const date = d.toFormat('yyyy-MM-dd');
    for (const session of SESSIONS) {
      if (whyNoSession(calendar, date, session) === null) sessions.push({ date, session });
    }
  }
  return sessions;
}
