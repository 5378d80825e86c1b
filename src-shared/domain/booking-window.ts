import type { DateTime } from 'luxon';
import { frenchDay, frenchMonth } from './french-dates';
import { addMonths, formatMonth, parisMidnight, parseInstant, parseMonth, toUtcIso } from './paris-time';
import type { YearMonth } from './paris-time';
import { bookingWindowSettingsSchema, parseOptions } from './settings';

/**
 * R-WINDOW (DOMAIN.md "Decisions in force" and §9.2): when the parent portal takes bookings,
 * changes and cancellations for a month.
 *
 * For a target month T, with `cutoffDay` c (default 25) and `monthsAhead` k (default 1):
 * - the window closes at the start of day c+1 of month T−1, Paris time, exclusive
 *   (`26 M 00:00` = `25 M 23:59:59.999` inclusive: the 25th itself is still open);
 * - it opens at 1 of month T−k, 00:00 Paris.
 * So from any month M parents may book M+1 … M+k, each until the cut-off in the month before it
 * (alternative (d) of §9.2). With the default k = 1 only M+1 is bookable from M, from the 1st to
 * the 25th, and nothing between the 26th and the end of M. Instants are the server's receipt time.
 */

interface Window {
  readonly opens: DateTime;
  readonly closes: DateTime;
}

function windowOf(target: YearMonth, cutoffDay: number, monthsAhead: number): Window {
  const opening = addMonths(target, -monthsAhead);
  const cutoffMonth = addMonths(target, -1);
  return {
    opens: parisMidnight(opening.year, opening.month, 1),
    // Day after the cut-off day at 00:00: plus({ days: 1 }) also covers a cut-off on the 28th of February.
    closes: parisMidnight(cutoffMonth.year, cutoffMonth.month, cutoffDay).plus({ days: 1 }),
  };
}

/**
 * The portal booking window of `month`, half-open `[opensAt, closesAt)`, as UTC instants.
 * Rule R-WINDOW: `portalWindow('2026-12')` opens 1 Nov 2026 00:00 Paris and closes 26 Nov 2026 00:00 Paris.
 */
export function portalWindow(
  month: string,
  opts?: { cutoffDay?: number; monthsAhead?: number },
): { opensAt: string; closesAt: string } {
  const target = parseMonth(month);
  const { cutoffDay, monthsAhead } = parseOptions(bookingWindowSettingsSchema, opts, 'portalWindow');
  const w = windowOf(target, cutoffDay, monthsAhead);
  return { opensAt: toUtcIso(w.opens), closesAt: toUtcIso(w.closes) };
}

/**
 * Whether the portal accepts a parent's booking, change or cancellation for `month` received at
 * `receivedAt` (server time). Rule R-WINDOW; the refusal carries a French message for the parent:
 * after the window, the parent must contact the service (staff can still book, see {@link isLateStaffBooking}).
 */
export function checkParentBooking(
  month: string,
  receivedAt: string,
  opts?: { cutoffDay?: number; monthsAhead?: number },
): { ok: true } | { ok: false; code: 'window_closed' | 'window_not_open'; message: string } {
  const target = parseMonth(month);
  const t = parseInstant(receivedAt, 'receivedAt');
  const { cutoffDay, monthsAhead } = parseOptions(bookingWindowSettingsSchema, opts, 'checkParentBooking');
  const w = windowOf(target, cutoffDay, monthsAhead);
  const monthName = frenchMonth(target.year, target.month);
  if (t.toMillis() < w.opens.toMillis()) {
    const sameYear = w.opens.year === t.year;
    return {
      ok: false,
      code: 'window_not_open',
      message:
        `Les réservations pour ${monthName} ne sont pas encore ouvertes : ` +
        `elles ouvriront le ${frenchDay(w.opens.year, w.opens.month, 1, !sameYear)}.`,
    };
  }
  if (t.toMillis() >= w.closes.toMillis()) {
    const cutoff = w.closes.minus({ days: 1 });
    const sameYear = cutoff.year === t.year;
    return {
      ok: false,
      code: 'window_closed',
      message:
        `Les réservations pour ${monthName} sont closes depuis le ` +
        `${frenchDay(cutoff.year, cutoff.month, cutoff.day, !sameYear)} ; ` +
        'veuillez contacter le service enfance-jeunesse.',
    };
  }
  return { ok: true };
}

/**
 * The months (`YYYY-MM`, ascending) a parent may book on the portal at `now`: those whose
 * {@link portalWindow} contains `now`. Empty between the cut-off and the end of a month when
 * `monthsAhead` is 1. Rule R-WINDOW.
 */
export function bookableMonths(now: string, opts?: { cutoffDay?: number; monthsAhead?: number }): string[] {
  const t = parseInstant(now, 'now');
  const { cutoffDay, monthsAhead } = parseOptions(bookingWindowSettingsSchema, opts, 'bookableMonths');
  const current: YearMonth = { year: t.year, month: t.month };
  const months: string[] = [];
  for (let k = 1; k <= monthsAhead; k += 1) {
    const target = addMonths(current, k);
    const w = windowOf(target, cutoffDay, monthsAhead);
    if (w.opens.toMillis() <= t.toMillis() && t.toMillis() < w.closes.toMillis())
      months.push(formatMonth(target));
  }
  return months;
}

/**
 * Whether a booking for `month` entered by staff at `enteredAt` is *late*: the portal window of that
 * month had already closed (`enteredAt ≥ closesAt`). Staff may book any month at any time; a late
 * booking is only marked, and its payment deadline is counted from its acceptance (R-PAY).
 * Rule R-WINDOW.
 */
export function isLateStaffBooking(month: string, enteredAt: string, opts?: { cutoffDay?: number }): boolean {
  const target = parseMonth(month);
  const t = parseInstant(enteredAt, 'enteredAt');
  const { cutoffDay } = parseOptions(bookingWindowSettingsSchema, opts, 'isLateStaffBooking');
  return t.toMillis() >= windowOf(target, cutoffDay, 1).closes.toMillis();
}
