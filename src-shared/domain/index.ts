/**
 * The rules engine of the périscolaire service: calendar, booking window, response and payment
 * deadlines, staffing and money. Pure functions: no clock, no I/O; the current instant is always a
 * parameter. Calendar days are `YYYY-MM-DD`, months `YYYY-MM`, instants ISO-8601 (any explicit
 * offset in, UTC `…Z` with milliseconds out). Every rule is evaluated in Europe/Paris.
 * Rules and sources: ./README.md and ../../../shared/DOMAIN.md.
 */

export { easterSunday, publicHolidays, isPublicHoliday, publicHolidayName } from './public-holidays';
export type { PublicHoliday } from './public-holidays';

export { importSchoolHolidays } from './school-holidays';
export type { SchoolHolidayPeriod } from './school-holidays';

export { schoolCalendar, alpSessions, whyNoSession, knownSchoolYears } from './school-calendar';
export type { SchoolCalendar } from './school-calendar';

export { portalWindow, checkParentBooking, bookableMonths, isLateStaffBooking } from './booking-window';

export { addWorkingHours, responseDeadline, paymentDueAt, RESPONSE_WORKING_HOURS } from './working-hours';

export { requiredStaff, ageOn, STAFF_RATIOS } from './staffing';

export { normalizeEmail } from './email';
export { formatEuros, priceLine } from './money';
export { qfBracket } from './quotient-familial';

export {
  calendarDaySchema,
  monthSchema,
  schoolYearSchema,
  zoneSchema,
  weekPatternSchema,
  regionSchema,
  sessionSchema,
  closureSchema,
  bookingWindowSettingsSchema,
  workingDaysSettingsSchema,
  schoolCalendarSettingsSchema,
  staffingSettingsSchema,
  qfBracketSchema,
  qfBracketsSchema,
  domainSettingsSchema,
} from './settings';
export type {
  Zone,
  WeekPattern,
  Region,
  Session,
  Closure,
  BookingWindowSettings,
  WorkingDaysSettings,
  SchoolCalendarSettings,
  StaffingSettings,
  QfBracket,
  DomainSettings,
} from './settings';
