import { describe, expect, it } from 'vitest';
import * as domain from '../../../src-shared/domain';
import type { SchoolCalendar } from '../../../src-shared/domain';

type Region = { region?: 'metropole' | 'alsace-moselle' };
type WindowOpts = { cutoffDay?: number; monthsAhead?: number };

// The contract of issue 3, written out: `tsc` fails if a name or a signature drifts.
type Contract = {
  easterSunday: (year: number) => string;
  publicHolidays: (year: number, opts?: Region) => Array<{ date: string; name: string }>;
  isPublicHoliday: (date: string, opts?: Region) => boolean;
  importSchoolHolidays: (
    records: unknown[],
    zone: 'A' | 'B' | 'C',
  ) => Array<{ name: string; schoolYear: string; start: string; end: string | null }>;
  schoolCalendar: (
    schoolYear: string,
    opts?: {
      zone?: 'A' | 'B' | 'C';
      weekPattern?: '4-day' | '4.5-day';
      region?: 'metropole' | 'alsace-moselle';
      closures?: Array<{ date: string; session?: 'matin' | 'soir' }>;
    },
  ) => SchoolCalendar;
  alpSessions: (
    calendar: SchoolCalendar,
    month: string,
  ) => Array<{ date: string; session: 'matin' | 'soir' }>;
  whyNoSession: (calendar: SchoolCalendar, date: string, session: 'matin' | 'soir') => string | null;
  portalWindow: (month: string, opts?: WindowOpts) => { opensAt: string; closesAt: string };
  checkParentBooking: (
    month: string,
    receivedAt: string,
    opts?: WindowOpts,
  ) => { ok: true } | { ok: false; code: 'window_closed' | 'window_not_open'; message: string };
  bookableMonths: (now: string, opts?: WindowOpts) => string[];
  isLateStaffBooking: (month: string, enteredAt: string, opts?: { cutoffDay?: number }) => boolean;
  addWorkingHours: (from: string, hours: number, opts?: { closureDays?: string[] } & Region) => string;
  responseDeadline: (receivedAt: string, opts?: { closureDays?: string[] }) => string;
  paymentDueAt: (
    month: string,
    acceptedAt: string,
    opts?: { cutoffDay?: number; closureDays?: string[] },
  ) => string;
  requiredStaff: (counts: { under6: number; sixPlus: number }, opts?: { pedt?: boolean }) => number;
  ageOn: (birthDate: string, date: string) => number;
  normalizeEmail: (email: string) => string;
  formatEuros: (cents: number) => string;
  priceLine: (unitCents: number, count: number, discountPercent?: number) => number;
  qfBracket: (
    brackets: Array<{ min: number | null; max: number | null; label: string }>,
    qf: number | null,
  ) => string;
};
const typed: Contract = domain;

// Every name of the contract, listed once more so that the runtime check covers them all.
const names: Record<keyof Contract, true> = {
  easterSunday: true,
  publicHolidays: true,
  isPublicHoliday: true,
  importSchoolHolidays: true,
  schoolCalendar: true,
  alpSessions: true,
  whyNoSession: true,
  portalWindow: true,
  checkParentBooking: true,
  bookableMonths: true,
  isLateStaffBooking: true,
  addWorkingHours: true,
  responseDeadline: true,
  paymentDueAt: true,
  requiredStaff: true,
  ageOn: true,
  normalizeEmail: true,
  formatEuros: true,
  priceLine: true,
  qfBracket: true,
};

describe('public API of src-shared/domain (issue 3)', () => {
  it.each(Object.keys(names) as Array<keyof Contract>)('exports the function %s', (name) => {
    expect(typeof typed[name]).toBe('function');
  });

  it('exports the settings schemas', () => {
    for (const name of [
      'bookingWindowSettingsSchema',
      'workingDaysSettingsSchema',
      'schoolCalendarSettingsSchema',
      'staffingSettingsSchema',
      'zoneSchema',
      'weekPatternSchema',
      'regionSchema',
      'closureSchema',
      'qfBracketsSchema',
      'domainSettingsSchema',
    ]) {
      const value = (domain as unknown as Record<string, { safeParse?: unknown } | undefined>)[name];
      expect(typeof value?.safeParse).toBe('function');
    }
  });
});
