import { z } from 'zod';
import { parseDay, parseMonth } from './paris-time';

/**
 * Zod schemas of the settings the rules depend on (DOMAIN.md "Decisions in force"). The office
 * stores these settings; they are validated where they enter (settings form, import, sync) and the
 * rule functions check the same bounds again on their options.
 */

const isCalendarDay = (s: string): boolean => {
  try {
    parseDay(s);
    return true;
  } catch {
    return false;
  }
};

const isMonth = (s: string): boolean => {
  try {
    parseMonth(s);
    return true;
  } catch {
    return false;
  }
};

/** A civil date `YYYY-MM-DD` that exists (2027-02-29 does not). */
export const calendarDaySchema = z
  .string()
  .refine(isCalendarDay, 'Date invalide : format attendu AAAA-MM-JJ.');

/** A month `YYYY-MM`. */
export const monthSchema = z.string().refine(isMonth, 'Mois invalide : format attendu AAAA-MM.');

/** A school year `YYYY-YYYY` whose second year follows the first (`2026-2027`). */
export const schoolYearSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'Année scolaire invalide : format attendu AAAA-AAAA.')
  .refine(
    (s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1,
    'Année scolaire invalide : la seconde année doit suivre la première.',
  );

/** School-holiday zone (DOMAIN.md §2.1). Lapalud (Vaucluse, académie d'Aix-Marseille) is in zone B. */
export const zoneSchema = z.enum(['A', 'B', 'C']);
export type Zone = z.infer<typeof zoneSchema>;

/** Week pattern of a school year (DOMAIN.md §3): `4-day` (Mon, Tue, Thu, Fri) or `4.5-day` (plus Wednesday morning). */
export const weekPatternSchema = z.enum(['4-day', '4.5-day']);
export type WeekPattern = z.infer<typeof weekPatternSchema>;

/** Public-holiday region (DOMAIN.md §1.1): metropolitan France, or with the Alsace-Moselle extras. */
export const regionSchema = z.enum(['metropole', 'alsace-moselle']);
export type Region = z.infer<typeof regionSchema>;

/** An ALP session: `matin` (before class) or `soir` (after class). */
export const sessionSchema = z.enum(['matin', 'soir']);
export type Session = z.infer<typeof sessionSchema>;

/** A service closure: the whole day, or only one session of it (e.g. no soir on the eve of holidays). */
export const closureSchema = z.object({ date: calendarDaySchema, session: sessionSchema.optional() });
export type Closure = z.infer<typeof closureSchema>;

/**
 * R-WINDOW settings. `cutoffDay` is the last day of month M on which the portal still takes bookings
 * for M+1 (25 in Lapalud; at most 28 so that every month has it); `monthsAhead` is how many months
 * ahead parents may book (1: only next month).
 */
export const bookingWindowSettingsSchema = z.object({
  cutoffDay: z.number().int().min(1).max(28).default(25),
  monthsAhead: z.number().int().min(1).max(12).default(1),
});
export type BookingWindowSettings = z.infer<typeof bookingWindowSettingsSchema>;

/** R-SLA / R-PAY settings: town-hall closure days (ponts) that are not working days, and the holiday region. */
export const workingDaysSettingsSchema = z.object({
  closureDays: z.array(calendarDaySchema).default([]),
  region: regionSchema.default('metropole'),
});
export type WorkingDaysSettings = z.infer<typeof workingDaysSettingsSchema>;

/** Per-school-year calendar settings. */
export const schoolCalendarSettingsSchema = z.object({
  zone: zoneSchema.default('B'),
  weekPattern: weekPatternSchema.default('4-day'),
  region: regionSchema.default('metropole'),
  closures: z.array(closureSchema).default([]),
});
export type SchoolCalendarSettings = z.infer<typeof schoolCalendarSettingsSchema>;

/** Staffing setting: the accueil runs under a PEDT (ratios 1/14 and 1/18 instead of 1/10 and 1/14). */
export const staffingSettingsSchema = z.object({ pedt: z.boolean().default(false) });
export type StaffingSettings = z.infer<typeof staffingSettingsSchema>;

/** A quotient-familial bracket: inclusive bounds, `null` for an open end. */
export const qfBracketSchema = z
  .object({
    min: z.number().nonnegative().nullable(),
    max: z.number().nonnegative().nullable(),
    label: z.string().min(1),
  })
  .refine((b) => b.min === null || b.max === null || b.min <= b.max, 'Tranche de QF invalide : min > max.');
export type QfBracket = z.infer<typeof qfBracketSchema>;

export const qfBracketsSchema = z.array(qfBracketSchema).min(1, 'Au moins une tranche de QF est requise.');

/** Every setting of the rules engine, with its default. */
export const domainSettingsSchema = z.object({
  bookingWindow: bookingWindowSettingsSchema.default({ cutoffDay: 25, monthsAhead: 1 }),
  workingDays: workingDaysSettingsSchema.default({ closureDays: [], region: 'metropole' }),
  staffing: staffingSettingsSchema.default({ pedt: false }),
});
export type DomainSettings = z.infer<typeof domainSettingsSchema>;

/**
 * Validates a function's options against a schema and throws a programmer error naming the
 * function and the offending option.
 */
export function parseOptions<S extends z.ZodType>(schema: S, opts: unknown, fn: string): z.output<S> {
  const result = schema.safeParse(opts ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`)
    .join('; ');
  throw new Error(`${fn}: invalid options: ${issues}`);
}
