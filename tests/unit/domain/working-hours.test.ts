import { describe, expect, it } from 'vitest';
import { addWorkingHours, paymentDueAt, responseDeadline } from '../../../src-shared/domain';

describe('responseDeadline (R-SLA: receipt + 48 working hours, Paris wall clock)', () => {
  it.each([
    // what, receivedAt, due
    ['Friday 17:00 → Tuesday 17:00', '2026-11-20T17:00:00+01:00', '2026-11-24T16:00:00.000Z'],
    ['Monday 09:30 → Wednesday 09:30', '2026-11-23T09:30:00+01:00', '2026-11-25T08:30:00.000Z'],
    ['Monday 00:00 → Wednesday 00:00', '2026-11-23T00:00:00+01:00', '2026-11-24T23:00:00.000Z'],
    [
      'Saturday receipt → Tuesday 24:00, i.e. Wednesday 00:00',
      '2026-11-21T10:00:00+01:00',
      '2026-11-24T23:00:00.000Z',
    ],
    ['Sunday receipt → Wednesday 00:00', '2026-11-22T23:59:59.999+01:00', '2026-11-24T23:00:00.000Z'],
    [
      'Friday 23:59:59.999 → Tuesday 23:59:59.999',
      '2026-11-20T23:59:59.999+01:00',
      '2026-11-24T22:59:59.999Z',
    ],
    // Clock-change weekends: same wall-clock time, whatever the offset.
    [
      'spring 2026: Friday 17:00 CET → Tuesday 17:00 CEST',
      '2026-03-27T17:00:00+01:00',
      '2026-03-31T15:00:00.000Z',
    ],
    [
      'autumn 2026: Friday 17:00 CEST → Tuesday 17:00 CET',
      '2026-10-23T17:00:00+02:00',
      '2026-10-27T16:00:00.000Z',
    ],
    [
      'receipt in the repeated hour of 25 Oct 2026 → Wednesday 00:00',
      '2026-10-25T01:30:00.000Z',
      '2026-10-27T23:00:00.000Z',
    ],
    [
      'receipt on 29 Mar 2026 at 03:30 CEST → Wednesday 00:00',
      '2026-03-29T01:30:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ],
    // Holidays.
    [
      'Easter Monday 2027 and spring change: Friday 17:00 → Wednesday 17:00',
      '2027-03-26T17:00:00+01:00',
      '2027-03-31T15:00:00.000Z',
    ],
    [
      'Ascension 2027: Wednesday 10:00 → Monday 10:00 (the bridge Friday is worked)',
      '2027-05-05T10:00:00+02:00',
      '2027-05-10T08:00:00.000Z',
    ],
    [
      'receipt on Ascension day → counting starts Friday 00:00 → Tuesday 00:00',
      '2027-05-06T11:00:00+02:00',
      '2027-05-10T22:00:00.000Z',
    ],
    [
      'Pentecost Monday 2027: Friday 17:00 → Wednesday 17:00',
      '2027-05-14T17:00:00+02:00',
      '2027-05-19T15:00:00.000Z',
    ],
    [
      'Christmas 2026: Thursday 24 Dec 15:00 → Tuesday 29 Dec 15:00',
      '2026-12-24T15:00:00+01:00',
      '2026-12-29T14:00:00.000Z',
    ],
    [
      'New Year 2027: Wednesday 30 Dec 12:00 → Monday 4 Jan 12:00',
      '2026-12-30T12:00:00+01:00',
      '2027-01-04T11:00:00.000Z',
    ],
    [
      'Toussaint 2027 and autumn change: Friday 29 Oct 17:00 → Wednesday 3 Nov 17:00',
      '2027-10-29T17:00:00+02:00',
      '2027-11-03T16:00:00.000Z',
    ],
    [
      'Armistice 2026 (Wednesday): Tuesday 09:00 → Friday 09:00',
      '2026-11-10T09:00:00+01:00',
      '2026-11-13T08:00:00.000Z',
    ],
    [
      '1 May 2026 (a Friday): Thursday 30 Apr 12:00 → Tuesday 5 May 12:00',
      '2026-04-30T12:00:00+02:00',
      '2026-05-05T10:00:00.000Z',
    ],
    [
      'leap year: Monday 28 Feb 2028 10:00 → Wednesday 1 Mar 10:00 (29 Feb is a working day)',
      '2028-02-28T10:00:00+01:00',
      '2028-03-01T09:00:00.000Z',
    ],
    ['input in UTC: Friday 16:00Z → Tuesday 17:00 Paris', '2026-11-20T16:00:00Z', '2026-11-24T16:00:00.000Z'],
  ])('%s', (_what, receivedAt, due) => {
    expect(responseDeadline(receivedAt)).toBe(due);
  });

  it('skips town-hall closure days (ponts): Ascension bridge closed → Tuesday 10:00', () => {
    expect(responseDeadline('2027-05-05T10:00:00+02:00', { closureDays: ['2027-05-07'] })).toBe(
      '2027-05-11T08:00:00.000Z',
    );
  });

  it('counts the Alsace-Moselle holidays only for that region (Vendredi saint 2027)', () => {
    expect(responseDeadline('2027-03-25T10:00:00+01:00')).toBe('2027-03-30T08:00:00.000Z');
    expect(responseDeadline('2027-03-25T10:00:00+01:00', { region: 'alsace-moselle' })).toBe(
      '2027-03-31T08:00:00.000Z',
    );
  });

  it('refuses invalid closure days and instants', () => {
    expect(() => responseDeadline('2026-11-20T17:00:00+01:00', { closureDays: ['2026-11-31'] })).toThrow(
      /closureDays/,
    );
    expect(() => responseDeadline('2026-11-20 17:00')).toThrow(/Invalid from/);
  });
});

describe('addWorkingHours', () => {
  it.each([
    [
      '0 h on a working day is the same instant',
      '2026-11-23T10:15:30.123+01:00',
      0,
      '2026-11-23T09:15:30.123Z',
    ],
    ['0 h on a Saturday is Monday 00:00', '2026-11-21T10:00:00+01:00', 0, '2026-11-22T23:00:00.000Z'],
    [
      '0 h on a holiday is the next working day 00:00',
      '2026-12-25T10:00:00+01:00',
      0,
      '2026-12-27T23:00:00.000Z',
    ],
    ['24 h from Monday 00:00 is Tuesday 00:00', '2026-11-23T00:00:00+01:00', 24, '2026-11-23T23:00:00.000Z'],
    ['1 h from Friday 23:30 is Monday 00:30', '2026-11-20T23:30:00+01:00', 1, '2026-11-22T23:30:00.000Z'],
    ['1.5 h from Monday 10:00 is 11:30', '2026-11-23T10:00:00+01:00', 1.5, '2026-11-23T10:30:00.000Z'],
    [
      '14 h from Friday 10:00 is Friday 24:00, i.e. Saturday 00:00',
      '2026-11-20T10:00:00+01:00',
      14,
      '2026-11-20T23:00:00.000Z',
    ],
    [
      '120 h from Monday 08:00 is next Monday 08:00',
      '2026-11-23T08:00:00+01:00',
      120,
      '2026-11-30T07:00:00.000Z',
    ],
    [
      '72 h from Thursday 26 Mar 2026 09:00 CET crosses the spring change',
      '2026-03-26T09:00:00+01:00',
      72,
      '2026-03-31T07:00:00.000Z',
    ],
  ])('%s', (_what, from, hours, expected) => {
    expect(addWorkingHours(from, hours)).toBe(expected);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 1e9])('refuses %s hours', (hours) => {
    expect(() => addWorkingHours('2026-11-23T10:00:00+01:00', hours)).toThrow(/invalid hours/);
  });

  it('refuses a malformed instant', () => {
    expect(() => addWorkingHours('2026-11-23T10:00:00+0100x', 1)).toThrow(/Invalid from/);
  });
});

describe('paymentDueAt (R-PAY: max(26 M 00:00 Paris, accepted + 48 working hours))', () => {
  it.each([
    [
      'accepted early in the window: the close of the window',
      '2026-12',
      '2026-11-10T10:00:00+01:00',
      '2026-11-25T23:00:00.000Z',
    ],
    [
      'accepted Monday 23 Nov 23:59:59.999: +48 wh is still before the close',
      '2026-12',
      '2026-11-23T23:59:59.999+01:00',
      '2026-11-25T23:00:00.000Z',
    ],
    [
      'accepted Tuesday 24 Nov 00:00: +48 wh is exactly the close',
      '2026-12',
      '2026-11-24T00:00:00+01:00',
      '2026-11-25T23:00:00.000Z',
    ],
    [
      'accepted Tuesday 24 Nov 00:00:00.001: the grace wins by 1 ms',
      '2026-12',
      '2026-11-24T00:00:00.001+01:00',
      '2026-11-25T23:00:00.001Z',
    ],
    [
      'accepted on the 25th at 10:00: Friday 27 at 10:00',
      '2026-12',
      '2026-11-25T10:00:00+01:00',
      '2026-11-27T09:00:00.000Z',
    ],
    [
      'late staff booking Friday 27 Nov 17:00: Tuesday 1 Dec 17:00',
      '2026-12',
      '2026-11-27T17:00:00+01:00',
      '2026-12-01T16:00:00.000Z',
    ],
    [
      'summer: June 2027 accepted Monday 24 May 10:00 → Wednesday 26 May 10:00 CEST',
      '2027-06',
      '2027-05-24T10:00:00+02:00',
      '2027-05-26T08:00:00.000Z',
    ],
    [
      'summer: June 2027 accepted in early May: 26 May 00:00 CEST',
      '2027-06',
      '2027-05-05T10:00:00+02:00',
      '2027-05-25T22:00:00.000Z',
    ],
    [
      'November 2026, accepted on the clock-change Sunday 25 Oct: Wednesday 00:00 CET',
      '2026-11',
      '2026-10-25T12:00:00+01:00',
      '2026-10-27T23:00:00.000Z',
    ],
    [
      'January 2027 accepted on Christmas Eve afternoon: Tuesday 29 Dec',
      '2027-01',
      '2026-12-24T15:00:00+01:00',
      '2026-12-29T14:00:00.000Z',
    ],
  ])('%s', (_what, month, acceptedAt, due) => {
    expect(paymentDueAt(month, acceptedAt)).toBe(due);
  });

  it('counts closure days in the grace', () => {
    expect(paymentDueAt('2026-12', '2026-11-26T10:00:00+01:00')).toBe('2026-11-30T09:00:00.000Z');
    expect(paymentDueAt('2026-12', '2026-11-26T10:00:00+01:00', { closureDays: ['2026-11-27'] })).toBe(
      '2026-12-01T09:00:00.000Z',
    );
  });

  it('follows the cut-off day', () => {
    expect(paymentDueAt('2026-12', '2026-11-10T10:00:00+01:00', { cutoffDay: 20 })).toBe(
      '2026-11-20T23:00:00.000Z',
    );
  });

  it('refuses a bad month or instant', () => {
    expect(() => paymentDueAt('2026-13', '2026-11-10T10:00:00+01:00')).toThrow(/Invalid month/);
    expect(() => paymentDueAt('2026-12', '2026-11-10')).toThrow(/Invalid acceptedAt/);
  });
});
