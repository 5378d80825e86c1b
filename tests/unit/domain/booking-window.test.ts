import { describe, expect, it } from 'vitest';
import {
  bookableMonths,
  checkParentBooking,
  isLateStaffBooking,
  portalWindow,
} from '../../../src-shared/domain';

const CLOSED_DEC_2026 =
  'Les réservations pour décembre 2026 sont closes depuis le 25 novembre ; veuillez contacter le service enfance-jeunesse.';

describe('portalWindow (R-WINDOW): [1 M 00:00, 26 M 00:00) Paris for month M+1', () => {
  it.each([
    // month, opensAt, closesAt
    ['2026-12', '2026-10-31T23:00:00.000Z', '2026-11-25T23:00:00.000Z'], // winter time
    ['2027-06', '2027-04-30T22:00:00.000Z', '2027-05-25T22:00:00.000Z'], // summer time
    ['2026-11', '2026-09-30T22:00:00.000Z', '2026-10-25T23:00:00.000Z'], // 25 Oct 2026 is the clock-change day
    ['2027-11', '2027-09-30T22:00:00.000Z', '2027-10-25T22:00:00.000Z'], // still summer time on 26 Oct 2027
    ['2027-12', '2027-10-31T23:00:00.000Z', '2027-11-25T23:00:00.000Z'], // opens on the 2027 clock-change night
    ['2026-04', '2026-02-28T23:00:00.000Z', '2026-03-25T23:00:00.000Z'], // 26 Mar, before the 29 Mar change
    ['2027-01', '2026-11-30T23:00:00.000Z', '2026-12-25T23:00:00.000Z'], // across New Year
    ['2027-02', '2026-12-31T23:00:00.000Z', '2027-01-25T23:00:00.000Z'],
    ['2028-03', '2028-01-31T23:00:00.000Z', '2028-02-25T23:00:00.000Z'], // leap February
  ])('%s opens %s and closes %s', (month, opensAt, closesAt) => {
    expect(portalWindow(month)).toEqual({ opensAt, closesAt });
  });

  it('uses the cut-off day setting, up to the 28th, also in February', () => {
    expect(portalWindow('2027-03', { cutoffDay: 28 }).closesAt).toBe('2027-02-28T23:00:00.000Z');
    expect(portalWindow('2028-03', { cutoffDay: 28 }).closesAt).toBe('2028-02-28T23:00:00.000Z');
    expect(portalWindow('2026-12', { cutoffDay: 20 }).closesAt).toBe('2026-11-20T23:00:00.000Z');
    expect(portalWindow('2026-12', { cutoffDay: 1 }).closesAt).toBe('2026-11-01T23:00:00.000Z');
  });

  it('opens monthsAhead months before the target month, closing still on the cut-off of the month before', () => {
    expect(portalWindow('2026-12', { monthsAhead: 2 })).toEqual({
      opensAt: '2026-09-30T22:00:00.000Z',
      closesAt: '2026-11-25T23:00:00.000Z',
    });
    expect(portalWindow('2027-01', { monthsAhead: 3 }).opensAt).toBe('2026-09-30T22:00:00.000Z');
  });

  it.each([
    ['2026-13', {}, /Invalid month/],
    ['2026-00', {}, /Invalid month/],
    ['26-12', {}, /Invalid month/],
    ['2026-12', { cutoffDay: 0 }, /cutoffDay/],
    ['2026-12', { cutoffDay: 29 }, /cutoffDay/],
    ['2026-12', { cutoffDay: 25.5 }, /cutoffDay/],
    ['2026-12', { monthsAhead: 0 }, /monthsAhead/],
  ])('refuses %j with options %j', (month, opts, message) => {
    expect(() => portalWindow(month, opts)).toThrow(message);
  });
});

describe('checkParentBooking (R-WINDOW, procedure P6)', () => {
  it.each([
    // month, receivedAt, expected code (null = accepted)
    // December 2026, winter time: the 25th is included, the 26th at 00:00 is refused.
    ['2026-12', '2026-11-25T22:59:59.999Z', null],
    ['2026-12', '2026-11-25T23:59:59.999+01:00', null],
    ['2026-12', '2026-11-25T23:00:00.000Z', 'window_closed'],
    ['2026-12', '2026-11-26T00:00:00+01:00', 'window_closed'],
    ['2026-12', '2026-11-25T18:59:59.999-04:00', null], // any offset is read as the same instant
    ['2026-12', '2026-10-31T22:59:59.999Z', 'window_not_open'],
    ['2026-12', '2026-10-31T23:00:00.000Z', null],
    // June 2027, summer time.
    ['2027-06', '2027-05-25T21:59:59.999Z', null],
    ['2027-06', '2027-05-25T22:00:00.000Z', 'window_closed'],
    ['2027-06', '2027-04-30T21:59:59.999Z', 'window_not_open'],
    ['2027-06', '2027-04-30T22:00:00.000Z', null],
    // November 2026: the 25th is the autumn clock-change day (25 hours long).
    ['2026-11', '2026-10-25T00:30:00.000Z', null], // 02:30 CEST, first pass
    ['2026-11', '2026-10-25T01:30:00.000Z', null], // 02:30 CET, second pass
    ['2026-11', '2026-10-25T22:59:59.999Z', null], // 23:59:59.999 CET
    ['2026-11', '2026-10-25T23:00:00.000Z', 'window_closed'],
    ['2026-11', '2026-10-25T22:00:00.000Z', null], // would be midnight had summer time lasted
    // November 2027: the 25th is still in summer time.
    ['2027-11', '2027-10-25T21:59:59.999Z', null],
    ['2027-11', '2027-10-25T22:00:00.000Z', 'window_closed'],
    // December 2027 opens on the night of the 31 Oct 2027 clock change.
    ['2027-12', '2027-10-31T22:59:59.999Z', 'window_not_open'],
    ['2027-12', '2027-10-31T23:00:00.000Z', null],
    // Spring clock-change days: 29 Mar 2026, 28 Mar 2027.
    ['2026-04', '2026-03-29T01:30:00.000Z', 'window_closed'], // 03:30 CEST
    ['2026-05', '2026-03-29T01:30:00.000Z', 'window_not_open'],
    ['2027-04', '2027-03-25T22:59:59.999Z', null],
    ['2027-04', '2027-03-25T23:00:00.000Z', 'window_closed'],
    // New Year: February 2027 opens at 1 Jan 00:00 Paris.
    ['2027-02', '2026-12-31T22:59:59.999Z', 'window_not_open'],
    ['2027-02', '2026-12-31T23:00:00.000Z', null],
    // Leap year.
    ['2028-03', '2028-02-25T22:59:59.999Z', null],
    ['2028-03', '2028-02-25T23:00:00.000Z', 'window_closed'],
    ['2028-03', '2028-02-29T12:00:00.000Z', 'window_closed'],
    // The current month and a month far ahead are never bookable by parents.
    ['2026-11', '2026-11-10T10:00:00.000Z', 'window_closed'],
    ['2027-03', '2026-11-10T10:00:00.000Z', 'window_not_open'],
  ])('%s received at %s → %s', (month, receivedAt, code) => {
    const result = checkParentBooking(month, receivedAt);
    if (code === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code });
  });

  it('tells the parent in French that the window is closed and whom to contact', () => {
    expect(checkParentBooking('2026-12', '2026-11-26T00:00:00+01:00')).toEqual({
      ok: false,
      code: 'window_closed',
      message: CLOSED_DEC_2026,
    });
    expect(checkParentBooking('2027-01', '2026-12-26T08:00:00+01:00')).toMatchObject({
      message:
        'Les réservations pour janvier 2027 sont closes depuis le 25 décembre ; veuillez contacter le service enfance-jeunesse.',
    });
  });

  it('adds the year to the closing day when it differs from the year of the request', () => {
    expect(checkParentBooking('2027-01', '2027-01-05T08:00:00+01:00')).toMatchObject({
      message: expect.stringContaining('closes depuis le 25 décembre 2026 ;'),
    });
  });

  it('tells the parent in French when the window will open', () => {
    expect(checkParentBooking('2026-12', '2026-10-20T10:00:00+02:00')).toEqual({
      ok: false,
      code: 'window_not_open',
      message:
        'Les réservations pour décembre 2026 ne sont pas encore ouvertes : elles ouvriront le 1er novembre.',
    });
  });

  it('follows the cut-off day setting', () => {
    expect(checkParentBooking('2026-12', '2026-11-21T09:00:00+01:00', { cutoffDay: 20 })).toMatchObject({
      code: 'window_closed',
      message: expect.stringContaining('closes depuis le 20 novembre'),
    });
    expect(checkParentBooking('2026-12', '2026-11-20T23:59:59.999+01:00', { cutoffDay: 20 })).toEqual({
      ok: true,
    });
  });

  it('accepts two months ahead with monthsAhead = 2', () => {
    expect(checkParentBooking('2026-12', '2026-10-10T10:00:00+02:00', { monthsAhead: 2 })).toEqual({
      ok: true,
    });
    expect(checkParentBooking('2026-12', '2026-10-10T10:00:00+02:00')).toMatchObject({
      code: 'window_not_open',
    });
  });

  it.each([
    ['2026-11-25T23:00:00', /explicit offset/], // no offset: ambiguous, refused
    ['2026-11-25', /explicit offset/],
    ['2026-11-25T24:00:00Z', /Invalid receivedAt/],
    ['2026-02-30T10:00:00Z', /Invalid receivedAt/],
    ['yesterday', /Invalid receivedAt/],
  ])('refuses the instant %j', (receivedAt, message) => {
    expect(() => checkParentBooking('2026-12', receivedAt)).toThrow(message);
  });
});

describe('bookableMonths (R-WINDOW)', () => {
  it.each([
    ['2026-11-01T00:00:00+01:00', ['2026-12']],
    ['2026-11-25T22:59:59.999Z', ['2026-12']],
    ['2026-11-25T23:00:00.000Z', []], // from the 26th to the end of the month, nothing
    ['2026-11-30T22:59:59.999Z', []],
    ['2026-11-30T23:00:00.000Z', ['2027-01']], // 1 Dec 00:00 Paris
    ['2026-12-31T23:00:00.000Z', ['2027-02']], // New Year in Paris, still 31 Dec in UTC
    ['2026-10-25T01:30:00.000Z', ['2026-11']], // clock-change night
    ['2028-02-29T12:00:00.000Z', []],
  ])('at %s: %j', (now, months) => {
    expect(bookableMonths(now)).toEqual(months);
  });

  it('lists every month ahead whose window is open with monthsAhead = 3', () => {
    expect(bookableMonths('2026-10-10T10:00:00+02:00', { monthsAhead: 3 })).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
    expect(bookableMonths('2026-10-26T10:00:00+01:00', { monthsAhead: 3 })).toEqual(['2026-12', '2027-01']);
  });

  it('follows the cut-off day', () => {
    expect(bookableMonths('2026-11-22T10:00:00+01:00', { cutoffDay: 20 })).toEqual([]);
    expect(bookableMonths('2026-11-22T10:00:00+01:00', { cutoffDay: 28 })).toEqual(['2026-12']);
  });
});

describe('isLateStaffBooking (R-WINDOW: staff bookings after the window are marked late)', () => {
  it.each([
    ['2026-12', '2026-11-25T22:59:59.999Z', false],
    ['2026-12', '2026-11-25T23:00:00.000Z', true],
    ['2026-12', '2026-12-15T10:00:00+01:00', true], // during the month itself
    ['2026-12', '2026-10-01T10:00:00+02:00', false], // before the window opens: early, not late
    ['2027-06', '2027-05-25T21:59:59.999Z', false],
    ['2027-06', '2027-05-25T22:00:00.000Z', true],
    ['2026-11', '2026-10-25T22:59:59.999Z', false],
    ['2026-11', '2026-10-25T23:00:00.000Z', true],
  ])('%s entered at %s → %s', (month, enteredAt, late) => {
    expect(isLateStaffBooking(month, enteredAt)).toBe(late);
  });

  it('follows the cut-off day', () => {
    expect(isLateStaffBooking('2026-12', '2026-11-21T00:00:00+01:00', { cutoffDay: 20 })).toBe(true);
    expect(isLateStaffBooking('2026-12', '2026-11-20T23:59:59.999+01:00', { cutoffDay: 20 })).toBe(false);
  });

  it('refuses a bad month or instant', () => {
    expect(() => isLateStaffBooking('2026-13', '2026-11-21T00:00:00Z')).toThrow(/Invalid month/);
    expect(() => isLateStaffBooking('2026-12', 'now')).toThrow(/Invalid enteredAt/);
  });
});
