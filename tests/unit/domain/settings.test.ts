import { describe, expect, it } from 'vitest';
import {
  bookingWindowSettingsSchema,
  calendarDaySchema,
  closureSchema,
  domainSettingsSchema,
  monthSchema,
  qfBracketSchema,
  schoolCalendarSettingsSchema,
  schoolYearSchema,
  workingDaysSettingsSchema,
} from '../../../src-shared/domain';

describe('settings schemas', () => {
  it('default to the Lapalud decisions: cut-off 25, one month ahead, zone B, 4-day week, metropole', () => {
    expect(bookingWindowSettingsSchema.parse({})).toEqual({ cutoffDay: 25, monthsAhead: 1 });
    expect(schoolCalendarSettingsSchema.parse({})).toEqual({
      zone: 'B',
      weekPattern: '4-day',
      region: 'metropole',
      closures: [],
    });
    expect(workingDaysSettingsSchema.parse({})).toEqual({ closureDays: [], region: 'metropole' });
    expect(domainSettingsSchema.parse({})).toEqual({
      bookingWindow: { cutoffDay: 25, monthsAhead: 1 },
      workingDays: { closureDays: [], region: 'metropole' },
      staffing: { pedt: false },
    });
  });

  it.each([
    [{ cutoffDay: 1 }, true],
    [{ cutoffDay: 28 }, true],
    [{ cutoffDay: 0 }, false],
    [{ cutoffDay: 29 }, false], // not every month has a 29th
    [{ cutoffDay: 25.5 }, false],
    [{ monthsAhead: 1 }, true],
    [{ monthsAhead: 0 }, false],
    [{ monthsAhead: 2.5 }, false],
  ])('booking window %j valid: %s', (value, valid) => {
    expect(bookingWindowSettingsSchema.safeParse(value).success).toBe(valid);
  });

  it.each([
    [{ zone: 'C', weekPattern: '4.5-day', region: 'alsace-moselle' }, true],
    [{ zone: 'Corse' }, false],
    [{ weekPattern: '5-day' }, false],
    [{ region: 'guadeloupe' }, false],
    [{ closures: [{ date: '2026-12-18', session: 'soir' }, { date: '2026-12-17' }] }, true],
    [{ closures: [{ date: '2026-12-18', session: 'midi' }] }, false],
    [{ closures: [{ date: '2027-02-29' }] }, false],
  ])('school calendar settings %j valid: %s', (value, valid) => {
    expect(schoolCalendarSettingsSchema.safeParse(value).success).toBe(valid);
  });

  it.each([
    [calendarDaySchema, '2028-02-29', true],
    [calendarDaySchema, '2027-02-29', false],
    [calendarDaySchema, '2026-1-01', false],
    [monthSchema, '2026-12', true],
    [monthSchema, '2026-13', false],
    [schoolYearSchema, '2026-2027', true],
    [schoolYearSchema, '2026-2028', false],
    [closureSchema, { date: '2026-12-18' }, true],
  ] as const)('%#: %j valid: %s', (schema, value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });

  it('refuses a QF bracket whose min is above its max, and accepts open ends', () => {
    expect(qfBracketSchema.safeParse({ min: 1000, max: 10, label: 'X' }).success).toBe(false);
    expect(qfBracketSchema.safeParse({ min: null, max: null, label: 'Tarif unique' }).success).toBe(true);
  });
});
