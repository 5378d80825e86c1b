import type { DateTime } from 'luxon';
import { portalWindow } from './booking-window';
import { parseInstant, parseMonth, toUtcIso } from './paris-time';
import { isPublicHoliday } from './public-holidays';
import { bookingWindowSettingsSchema, parseOptions, workingDaysSettingsSchema } from './settings';
import type { Region } from './settings';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_HOURS = 100_000;

/** The response time of R-SLA and the payment grace of R-PAY, in working hours. */
export const RESPONSE_WORKING_HOURS = 48;

function isWorkingDay(day: DateTime, closureDays: ReadonlySet<string>, region: Region): boolean {
  if (day.weekday > 5) return false;
  const date = day.toFormat('yyyy-MM-dd');
  return !closureDays.has(date) && !isPublicHoliday(date, { region });
}

/**
 * `from` plus `hours` working hours, as a UTC instant.
 *
 * Rule R-SLA (DOMAIN.md "Decisions in force" and §9.3): only Paris wall-clock time on working days
 * counts; a working day is Monday to Friday, not a public holiday of the region (§1), not a town-hall
 * closure day (`closureDays`). Each working day counts as the 24 wall-clock hours from 00:00 to 24:00,
 * so 48 working hours land at the same wall-clock time two working days later, whatever a clock
 * change in between (changes are on Sundays, §9.1). Counting from a non-working day starts at 00:00
 * of the next working day; a total that ends exactly at the end of a working day gives 00:00 of the
 * following calendar day (a Saturday receipt + 48 h = Tuesday 24:00 = Wednesday 00:00). Adding 0
 * hours on a working day returns `from` itself. `hours` must be finite and not negative.
 */
export function addWorkingHours(
  from: string,
  hours: number,
  opts?: { closureDays?: string[]; region?: 'metropole' | 'alsace-moselle' },
): string {
  const start = parseInstant(from, 'from');
  // The upper bound (about 11 years of working time) only stops a runaway loop on absurd input.
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS) {
    throw new Error(
      `addWorkingHours: invalid hours ${String(hours)}: expected a number from 0 to ${MAX_HOURS}`,
    );
  }
  const { closureDays, region } = parseOptions(workingDaysSettingsSchema, opts, 'addWorkingHours');
  const closed = new Set(closureDays);
  let remaining = Math.round(hours * HOUR_MS);

  let day = start.startOf('day');
  // Wall-clock milliseconds since local midnight: independent of the offset of the day.
  let clock = start.hour * HOUR_MS + start.minute * 60_000 + start.second * 1000 + start.millisecond;
  if (isWorkingDay(day, closed, region)) {
    if (remaining === 0) return toUtcIso(start);
  } else {
    clock = 0;
  }
  for (;;) {
    if (!isWorkingDay(day, closed, region)) {
      day = day.plus({ days: 1 });
      continue;
    }
    const available = DAY_MS - clock;
    if (remaining <= available) {
      const end = clock + remaining;
      if (end === DAY_MS) return toUtcIso(day.plus({ days: 1 }));
      return toUtcIso(
        day.set({
          hour: Math.floor(end / HOUR_MS),
          minute: Math.floor((end % HOUR_MS) / 60_000),
          second: Math.floor((end % 60_000) / 1000),
          millisecond: end % 1000,
        }),
      );
    }
    remaining -= available;
    clock = 0;
    day = day.plus({ days: 1 });
  }
}

/**
 * When staff must answer a booking request: its server receipt time plus 48 working hours.
 * Rule R-SLA (DOMAIN.md "Decisions in force", §9.3; the commune's procedure P5: "48 h, hors week-ends
 * et jours fériés"): Friday 17:00 → Tuesday 17:00. An overdue request is flagged, never auto-decided.
 */
export function responseDeadline(
  receivedAt: string,
  opts?: { closureDays?: string[]; region?: 'metropole' | 'alsace-moselle' },
): string {
  return addWorkingHours(receivedAt, RESPONSE_WORKING_HOURS, opts);
}

/**
 * When an accepted booking of `month` must be paid by (exclusive): the later of the close of the
 * portal window of `month` (26 of the month before, 00:00 Paris) and `acceptedAt` + 48 working hours.
 *
 * Rule R-PAY (DOMAIN.md "Decisions in force"). §9.4 counts the 48 h grace in calendar hours, but the
 * decisions table, which wins over the body of DOMAIN.md, says 48 *working* hours, so that is what is
 * counted here. The same formula covers a late staff booking: accepted after the window closed, its
 * `acceptedAt` + 48 working hours is always the later of the two.
 */
export function paymentDueAt(
  month: string,
  acceptedAt: string,
  opts?: { cutoffDay?: number; closureDays?: string[]; region?: 'metropole' | 'alsace-moselle' },
): string {
  parseMonth(month);
  parseInstant(acceptedAt, 'acceptedAt');
  const { cutoffDay } = parseOptions(
    bookingWindowSettingsSchema,
    { cutoffDay: opts?.cutoffDay },
    'paymentDueAt',
  );
  const closeOfWindow = portalWindow(month, { cutoffDay }).closesAt;
  const grace = addWorkingHours(acceptedAt, RESPONSE_WORKING_HOURS, {
    closureDays: opts?.closureDays,
    region: opts?.region,
  });
  // Both are UTC ISO strings of the same format, so they compare as strings; compare milliseconds anyway.
  return Date.parse(grace) > Date.parse(closeOfWindow) ? grace : closeOfWindow;
}
