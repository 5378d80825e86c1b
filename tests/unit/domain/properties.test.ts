import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addWorkingHours,
  ageOn,
  alpSessions,
  bookableMonths,
  checkParentBooking,
  easterSunday,
  formatEuros,
  isLateStaffBooking,
  isPublicHoliday,
  normalizeEmail,
  paymentDueAt,
  portalWindow,
  priceLine,
  publicHolidays,
  qfBracket,
  requiredStaff,
  responseDeadline,
  schoolCalendar,
  whyNoSession,
} from '../../../src-shared/domain';

const PARIS = 'Europe/Paris';
const ms = (iso: string): number => Date.parse(iso);

// Instants from 2016 to 2030, written with a random offset (any offset must give the same answer).
const instantMs = fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2030, 11, 31) });
const offsetHours = fc.integer({ min: -12, max: 14 });
const render = (t: number, offset: number): string =>
  DateTime.fromMillis(t, {
    zone: offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : ''}${offset}`,
  }).toISO() as string;
const instant = fc.tuple(instantMs, offsetHours).map(([t, o]) => render(t, o));
const month = fc
  .record({ year: fc.integer({ min: 2016, max: 2030 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month: m }) => `${year}-${String(m).padStart(2, '0')}`);
const paris = (iso: string): DateTime => DateTime.fromISO(iso, { zone: PARIS });
const isWorkingDay = (dt: DateTime): boolean =>
  dt.weekday <= 5 && !isPublicHoliday(dt.toFormat('yyyy-MM-dd'));

describe('properties of the working-hours clock (R-SLA)', () => {
  it('a deadline is never earlier than its start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 500 }), (from, hours) => {
        expect(ms(addWorkingHours(from, hours))).toBeGreaterThanOrEqual(ms(from));
        expect(ms(responseDeadline(from))).toBeGreaterThan(ms(from));
      }),
    );
  });

  it('adding 0 working hours on a working day is the identity', () => {
    fc.assert(
      fc.property(instantMs, offsetHours, (t, o) => {
        fc.pre(isWorkingDay(DateTime.fromMillis(t, { zone: PARIS })));
        expect(addWorkingHours(render(t, o), 0)).toBe(new Date(t).toISOString());
      }),
    );
  });

  it('the offset of the input does not change the answer', () => {
    fc.assert(
      fc.property(instantMs, offsetHours, offsetHours, (t, o1, o2) => {
        expect(responseDeadline(render(t, o1))).toBe(responseDeadline(render(t, o2)));
      }),
    );
  });

  it('adding a then b working hours is adding a + b (b > 0)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        (from, a, b) => {
          expect(addWorkingHours(addWorkingHours(from, a), b)).toBe(addWorkingHours(from, a + b));
        },
      ),
    );
  });

  it('whole working days from a working day keep the Paris wall-clock time, across clock changes', () => {
    fc.assert(
      fc.property(instantMs, fc.integer({ min: 0, max: 30 }), (t, days) => {
        const start = DateTime.fromMillis(t, { zone: PARIS });
        fc.pre(isWorkingDay(start));
        const end = paris(addWorkingHours(new Date(t).toISOString(), 24 * days));
        expect(end.toFormat('HH:mm:ss.SSS')).toBe(start.toFormat('HH:mm:ss.SSS'));
      }),
    );
  });

  it('a 48-hour deadline lands on a working day, or at the 00:00 that ends one', () => {
    fc.assert(
      fc.property(instant, (from) => {
        const due = paris(responseDeadline(from));
        const isMidnight = due.toFormat('HH:mm:ss.SSS') === '00:00:00.000';
        expect(isWorkingDay(isMidnight ? due.minus({ days: 1 }) : due)).toBe(true);
      }),
    );
  });
});

describe('properties of the booking window (R-WINDOW) and payment deadline (R-PAY)', () => {
  const options = fc.record({
    cutoffDay: fc.integer({ min: 1, max: 28 }),
    monthsAhead: fc.integer({ min: 1, max: 4 }),
  });

  it('a parent booking is accepted exactly inside [opensAt, closesAt), and refused with the right code outside', () => {
    fc.assert(
      fc.property(month, instant, options, (m, t, opts) => {
        const { opensAt, closesAt } = portalWindow(m, opts);
        const result = checkParentBooking(m, t, opts);
        const code = ms(t) < ms(opensAt) ? 'window_not_open' : ms(t) >= ms(closesAt) ? 'window_closed' : null;
        if (code === null) expect(result).toEqual({ ok: true });
        else expect(result).toMatchObject({ ok: false, code });
      }),
    );
  });

  it('the window always closes at 00:00 Paris on the day after the cut-off, in the month before', () => {
    fc.assert(
      fc.property(month, options, (m, opts) => {
        const closes = paris(portalWindow(m, opts).closesAt);
        const before = paris(`${m}-01T00:00:00.000Z`).setZone(PARIS).set({ day: 15 }).minus({ months: 1 });
        expect(closes.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
        expect(closes.minus({ days: 1 }).day).toBe(opts.cutoffDay);
        expect(closes.minus({ days: 1 }).month).toBe(before.month);
      }),
    );
  });

  it('bookableMonths lists exactly the months a parent booking would be accepted for', () => {
    fc.assert(
      fc.property(instant, options, (t, opts) => {
        const now = paris(t);
        const candidates = [-1, 0, 1, 2, 3, 4, 5].map((k) =>
          now.set({ day: 1 }).plus({ months: k }).toFormat('yyyy-MM'),
        );
        const accepted = candidates.filter((m) => checkParentBooking(m, t, opts).ok);
        expect(bookableMonths(t, opts)).toEqual(accepted);
        expect(accepted.length).toBeLessThanOrEqual(opts.monthsAhead);
      }),
    );
  });

  it('a staff booking is late exactly when a parent booking would be refused as closed', () => {
    fc.assert(
      fc.property(month, instant, fc.integer({ min: 1, max: 28 }), (m, t, cutoffDay) => {
        const parent = checkParentBooking(m, t, { cutoffDay });
        const refusedAsClosed = !parent.ok && parent.code === 'window_closed';
        expect(isLateStaffBooking(m, t, { cutoffDay })).toBe(refusedAsClosed);
      }),
    );
  });

  it('the payment deadline is never before the acceptance + 48 working hours nor before the window closes', () => {
    fc.assert(
      fc.property(month, instant, (m, acceptedAt) => {
        const due = ms(paymentDueAt(m, acceptedAt));
        expect(due).toBe(Math.max(ms(portalWindow(m).closesAt), ms(responseDeadline(acceptedAt))));
        expect(due).toBeGreaterThan(ms(acceptedAt));
      }),
    );
  });
});

describe('properties of the school calendar', () => {
  const calendars = [
    ['2026-2027', '4-day'],
    ['2026-2027', '4.5-day'],
    ['2016-2017', '4-day'],
    ['2016-2017', '4.5-day'],
  ] as const;
  const closures = fc.array(
    fc.record(
      {
        date: fc.integer({ min: 0, max: 364 }),
        session: fc.constantFrom('matin' as const, 'soir' as const),
      },
      { requiredKeys: ['date'] },
    ),
    { maxLength: 6 },
  );

  it('every session returned has no reason against it, and every day and session refused has a French reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.integer({ min: 0, max: 11 }),
        closures,
        ([year, weekPattern], monthIndex, raw) => {
          const first = DateTime.fromObject(
            { year: Number(year.slice(0, 4)), month: 9, day: 1 },
            { zone: PARIS },
          );
          const cal = schoolCalendar(year, {
            weekPattern,
            closures: raw.map((c) => ({ ...c, date: first.plus({ days: c.date }).toFormat('yyyy-MM-dd') })),
          });
          const m = first.plus({ months: monthIndex });
          const sessions = alpSessions(cal, m.toFormat('yyyy-MM'));
          const offered = new Set(sessions.map((s) => `${s.date} ${s.session}`));
          for (const s of sessions) expect(whyNoSession(cal, s.date, s.session)).toBeNull();
          for (let d = m; d.month === m.month; d = d.plus({ days: 1 })) {
            for (const session of ['matin', 'soir'] as const) {
              const date = d.toFormat('yyyy-MM-dd');
              if (offered.has(`${date} ${session}`)) continue;
              const reason = whyNoSession(cal, date, session);
              expect(typeof reason).toBe('string');
              expect(reason?.length).toBeGreaterThan(0);
            }
          }
        },
      ),
    );
  });

  it('a session never falls on a weekend, a public holiday or outside the school year; a soir implies a matin', () => {
    for (const [year, weekPattern] of calendars) {
      const cal = schoolCalendar(year, { weekPattern });
      const start = Number(year.slice(0, 4));
      for (let i = 0; i < 12; i += 1) {
        const m = DateTime.fromObject({ year: start, month: 8, day: 1 }, { zone: PARIS }).plus({ months: i });
        const sessions = alpSessions(cal, m.toFormat('yyyy-MM'));
        for (const s of sessions) {
          const d = paris(s.date);
          expect(d.weekday).toBeLessThanOrEqual(5);
          expect(isPublicHoliday(s.date)).toBe(false);
          expect(s.date >= cal.firstClassDay && s.date <= cal.summerStart).toBe(true);
          if (s.session === 'soir') expect(sessions).toContainEqual({ date: s.date, session: 'matin' });
        }
      }
    }
  });
});

describe('properties of holidays, money, staffing, age and e-mail', () => {
  it('Easter is a Sunday from 22 March to 25 April; Ascension a Thursday; Pentecost Monday a Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const easter = paris(easterSunday(year));
        expect(easter.weekday).toBe(7);
        const md = easter.toFormat('MM-dd');
        expect(md >= '03-22' && md <= '04-25').toBe(true);
        const byName = new Map(publicHolidays(year).map((h) => [h.name, paris(h.date)]));
        expect(byName.get('Ascension')?.weekday).toBe(4);
        expect(byName.get('Lundi de Pentecôte')?.weekday).toBe(1);
        expect(byName.get('Lundi de Pâques')?.weekday).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('formatEuros writes what Intl fr-FR writes', () => {
    const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(formatEuros(cents)).toBe(intl.format(cents / 100));
      }),
    );
  });

  it('priceLine is the exact line total rounded half-up to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (unit, count, bp) => {
          const result = BigInt(priceLine(unit, count, bp / 100));
          const exactTimes10000 = BigInt(unit) * BigInt(count) * BigInt(10_000 - bp);
          // result − exact ∈ (−0.5, 0.5], scaled by 2 × 10 000.
          const diff = result * 20_000n - exactTimes10000 * 2n;
          expect(diff > -10_000n && diff <= 10_000n).toBe(true);
        },
      ),
    );
  });

  it('priceLine without discount is unit × count, and a bigger discount never costs more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (unit, count, a, b) => {
          expect(priceLine(unit, count)).toBe(unit * count);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(priceLine(unit, count, hi / 100)).toBeLessThanOrEqual(priceLine(unit, count, lo / 100));
        },
      ),
    );
  });

  it('requiredStaff is the smallest number of adults covering both age groups', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(300), fc.boolean(), (under6, sixPlus, pedt) => {
        const [r1, r2] = pedt ? [14, 18] : [10, 14];
        const k = requiredStaff({ under6, sixPlus }, { pedt });
        // k adults cover the load, k − 1 do not (in integers: load = under6·r2 + sixPlus·r1 over r1·r2).
        const load = under6 * r2 + sixPlus * r1;
        expect(k * r1 * r2).toBeGreaterThanOrEqual(load);
        if (k > 0) expect((k - 1) * r1 * r2).toBeLessThan(load);
      }),
    );
  });

  it('a child is n years old on its n-th birthday and n − 1 the day before', () => {
    const birth = fc
      .integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2025, 11, 31) })
      .map((t) => DateTime.fromMillis(t, { zone: 'UTC' }).toFormat('yyyy-MM-dd'));
    fc.assert(
      fc.property(birth, fc.integer({ min: 1, max: 18 }), (b, n) => {
        fc.pre(!b.endsWith('-02-29'));
        const birthday = paris(b).plus({ years: n });
        expect(ageOn(b, birthday.toFormat('yyyy-MM-dd'))).toBe(n);
        expect(ageOn(b, birthday.minus({ days: 1 }).toFormat('yyyy-MM-dd'))).toBe(n - 1);
      }),
    );
  });

  it('qfBracket picks the one bracket of a contiguous integer grid that contains the QF', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 6_000 }),
        (cuts, qf) => {
          const bounds = [...cuts].sort((a, b) => a - b);
          // Brackets [0, c1 − 1], [c1, c2 − 1], …, [cn, +∞), labelled by their lower bound.
          const grid = [0, ...bounds].map((min, i) => ({
            min,
            max: i < bounds.length ? (bounds[i] as number) - 1 : null,
            label: String(min),
          }));
          const expected = [0, ...bounds].filter((min) => min <= qf).pop();
          expect(qfBracket(grid, qf)).toBe(String(expected));
          expect(qfBracket(grid, null)).toBe(String(bounds[bounds.length - 1]));
        },
      ),
    );
  });

  it('normalizeEmail is idempotent and ignores case and surrounding blanks', () => {
    // Ordinary addresses; the rarer RFC 5322 characters (`!`, `#`…) are refused by z.email() on purpose.
    const email = fc.stringMatching(
      /^[a-z0-9]{1,10}([._+-][a-z0-9]{1,10}){0,2}@[a-z0-9]{1,10}(-[a-z0-9]{1,10})?(\.[a-z0-9]{1,10}){0,2}\.[a-z]{2,6}$/,
    );
    fc.assert(
      fc.property(email, fc.constantFrom('', ' ', '\t'), (email, pad) => {
        const once = normalizeEmail(`${pad}${email.toUpperCase()}${pad}`);
        expect(normalizeEmail(once)).toBe(once);
        expect(once).toBe(email.toLowerCase());
      }),
    );
  });
});
