import { describe, expect, it } from 'vitest';
import {
  alpSessions,
  importSchoolHolidays,
  knownSchoolYears,
  schoolCalendar,
  whyNoSession,
} from '../../../src-shared/domain';
import sample from '../../../src-shared/domain/data/fr-en-calendrier-scolaire.json';

const count = (sessions: Array<{ session: string }>, s: 'matin' | 'soir'): number =>
  sessions.filter((x) => x.session === s).length;

describe('alpSessions reproduces DOMAIN.md §10', () => {
  // 2026-2027, zone B, 4-day week: school days = matin = soir.
  const y2026 = schoolCalendar('2026-2027', { zone: 'B', weekPattern: '4-day' });
  it.each([
    ['2026-09', 17],
    ['2026-10', 10],
    ['2026-11', 17],
    ['2026-12', 11],
    ['2027-01', 16],
    ['2027-02', 12],
    ['2027-03', 13],
    ['2027-04', 10],
    ['2027-05', 14],
    ['2027-06', 17],
    ['2027-07', 2],
  ])('2026-2027 zone B 4-day: %s has %i school days, each with a matin and a soir', (month, days) => {
    const sessions = alpSessions(y2026, month);
    expect(count(sessions, 'matin')).toBe(days);
    expect(count(sessions, 'soir')).toBe(days);
    expect(sessions).toHaveLength(2 * days);
  });

  // 2016-2017, zone B, 4.5-day week (Wednesday morning class).
  const y2016 = schoolCalendar('2016-2017', { zone: 'B', weekPattern: '4.5-day' });
  it.each([
    ['2016-09', 22, 18],
    ['2016-10', 13, 10],
    ['2016-11', 19, 15],
    ['2016-12', 12, 10],
    ['2017-01', 21, 17],
    ['2017-02', 10, 8],
    ['2017-03', 23, 18],
    ['2017-04', 10, 8],
    ['2017-05', 19, 14],
    ['2017-06', 21, 17],
    ['2017-07', 5, 4],
  ])('2016-2017 zone B 4.5-day: %s has %i matin and %i soir', (month, matin, soir) => {
    const sessions = alpSessions(y2016, month);
    expect(count(sessions, 'matin')).toBe(matin);
    expect(count(sessions, 'soir')).toBe(soir);
  });

  it('lists the sessions by date, matin before soir, with the exact days of July 2027', () => {
    expect(alpSessions(y2026, '2027-07')).toEqual([
      { date: '2027-07-01', session: 'matin' },
      { date: '2027-07-01', session: 'soir' },
      { date: '2027-07-02', session: 'matin' },
      { date: '2027-07-02', session: 'soir' },
    ]);
  });

  it('gives no session in a month outside the school year', () => {
    expect(alpSessions(y2026, '2026-08')).toEqual([]);
    expect(alpSessions(y2026, '2027-08')).toEqual([]);
  });

  it.each(['2026-13', '2026-00', '2026-1', 'septembre'])('refuses the month %j', (month) => {
    expect(() => alpSessions(y2026, month)).toThrow(/Invalid month/);
  });
});

describe('whyNoSession gives the French reason, or null when the session runs', () => {
  const y2026 = schoolCalendar('2026-2027');
  it.each([
    // [date, session, reason]
    ['2026-09-01', 'matin', null], // rentrée: class starts that morning
    ['2026-08-31', 'matin', 'hors année scolaire'], // teachers' rentrée, not the pupils'
    ['2026-09-05', 'matin', 'samedi'],
    ['2026-09-06', 'soir', 'dimanche'],
    ['2026-09-02', 'matin', 'mercredi sans école (semaine de 4 jours)'],
    ['2026-10-16', 'soir', null], // last class day before Toussaint: the soir runs
    ['2026-10-19', 'matin', 'vacances scolaires : Vacances de la Toussaint'],
    ['2026-10-30', 'soir', 'vacances scolaires : Vacances de la Toussaint'],
    ['2026-11-02', 'matin', null], // reprise in the morning
    ['2026-11-11', 'matin', 'jour férié : Armistice'],
    ['2026-12-18', 'soir', null],
    ['2026-12-21', 'matin', 'vacances scolaires : Vacances de Noël'],
    ['2026-12-25', 'matin', 'jour férié : Noël'],
    ['2027-01-01', 'matin', "jour férié : Jour de l'an"],
    ['2027-01-04', 'matin', null],
    ['2027-03-29', 'matin', 'jour férié : Lundi de Pâques'], // day after the spring clock change
    ['2027-05-06', 'matin', 'jour férié : Ascension'],
    ['2027-05-07', 'soir', "pont : Pont de l'Ascension"],
    ['2027-05-17', 'matin', 'jour férié : Lundi de Pentecôte'],
    ['2027-07-02', 'soir', null], // last class day of the year
    ['2027-07-05', 'matin', 'hors année scolaire'],
  ] as const)('2026-2027 zone B 4-day, %s %s → %j', (date, session, reason) => {
    expect(whyNoSession(y2026, date, session)).toBe(reason);
  });

  const y2016 = schoolCalendar('2016-2017', { weekPattern: '4.5-day' });
  it.each([
    ['2016-10-19', 'matin', null], // Toussaint begins after class on Wednesday morning (§2.2)
    ['2016-10-19', 'soir', 'mercredi après-midi sans école (semaine de 4,5 jours)'],
    ['2016-10-20', 'matin', 'vacances scolaires : Vacances de la Toussaint'],
    ['2016-11-02', 'matin', 'vacances scolaires : Vacances de la Toussaint'],
    ['2016-11-03', 'matin', null],
    ['2016-09-07', 'matin', null], // Wednesday morning class
    ['2016-09-07', 'soir', 'mercredi après-midi sans école (semaine de 4,5 jours)'],
    ['2017-05-24', 'matin', null], // Wednesday before the Ascension bridge
    ['2017-05-25', 'matin', 'jour férié : Ascension'],
    ['2017-05-26', 'matin', "pont : Pont de l'Ascension"],
    ['2017-05-29', 'matin', null],
    ['2017-07-07', 'soir', null],
    ['2017-07-10', 'matin', 'hors année scolaire'],
  ] as const)('2016-2017 zone B 4.5-day, %s %s → %j', (date, session, reason) => {
    expect(whyNoSession(y2016, date, session)).toBe(reason);
  });

  it('names the Alsace-Moselle holidays when the region asks for them', () => {
    const am = schoolCalendar('2026-2027', { region: 'alsace-moselle' });
    expect(whyNoSession(am, '2027-03-26', 'matin')).toBe('jour férié : Vendredi saint');
    expect(whyNoSession(y2026, '2027-03-26', 'matin')).toBeNull();
  });

  it('refuses a bad date or session', () => {
    expect(() => whyNoSession(y2026, '2027-02-29', 'matin')).toThrow(/Invalid date/);
    expect(() => whyNoSession(y2026, '2027-03-01', 'midi' as 'matin')).toThrow(/Invalid session/);
  });
});

describe('closures (fermetures du service)', () => {
  const cal = schoolCalendar('2026-2027', {
    closures: [{ date: '2026-10-16', session: 'soir' }, { date: '2026-09-14' }],
  });

  it('remove one session when a session is given (no soir on the eve of Toussaint)', () => {
    expect(whyNoSession(cal, '2026-10-16', 'soir')).toBe('fermeture du service');
    expect(whyNoSession(cal, '2026-10-16', 'matin')).toBeNull();
  });

  it('remove the whole day when no session is given', () => {
    expect(whyNoSession(cal, '2026-09-14', 'matin')).toBe('fermeture du service');
    expect(whyNoSession(cal, '2026-09-14', 'soir')).toBe('fermeture du service');
    expect(count(alpSessions(cal, '2026-09'), 'matin')).toBe(16);
    expect(count(alpSessions(cal, '2026-10'), 'soir')).toBe(9);
  });

  it('give way to a structural reason on a day that has no session anyway', () => {
    const c = schoolCalendar('2026-2027', { closures: [{ date: '2026-12-25' }] });
    expect(whyNoSession(c, '2026-12-25', 'matin')).toBe('jour férié : Noël');
  });

  it('must be valid dates', () => {
    expect(() => schoolCalendar('2026-2027', { closures: [{ date: '2026-02-30' }] })).toThrow(/closures/);
  });
});

describe('schoolCalendar', () => {
  it('takes the first class day from the pupils’ rentrée and the end from the start of summer', () => {
    const cal = schoolCalendar('2026-2027');
    expect(cal).toMatchObject({
      schoolYear: '2026-2027',
      zone: 'B',
      weekPattern: '4-day',
      region: 'metropole',
      firstClassDay: '2026-09-01',
      summerStart: '2027-07-03',
    });
    expect(cal.holidays.map((h) => h.name)).toEqual([
      'Vacances de la Toussaint',
      'Vacances de Noël',
      "Vacances d'Hiver",
      'Vacances de Printemps',
      "Pont de l'Ascension",
    ]);
  });

  it('is plain data that survives JSON (it crosses IPC)', () => {
    const cal = schoolCalendar('2016-2017', { weekPattern: '4.5-day', closures: [{ date: '2016-09-05' }] });
    const copy = JSON.parse(JSON.stringify(cal)) as typeof cal;
    expect(copy).toEqual(cal);
    expect(alpSessions(copy, '2016-09')).toEqual(alpSessions(cal, '2016-09'));
  });

  it('knows the years of the shipped records', () => {
    expect(knownSchoolYears('B')).toEqual(['2016-2017', '2026-2027']);
    expect(knownSchoolYears('A')).toEqual(['2016-2017']);
  });

  it('throws a French error naming the year for a year it has no data for', () => {
    expect(() => schoolCalendar('2030-2031')).toThrow(/Calendrier scolaire 2030-2031 inconnu pour la zone B/);
    expect(() => schoolCalendar('2025-2026')).toThrow(/Années connues : 2016-2017, 2026-2027/);
  });

  it('throws for a zone whose records lack the year (no zone A data for 2026-2027)', () => {
    expect(() => schoolCalendar('2026-2027', { zone: 'A' })).toThrow(/inconnu pour la zone A/);
  });

  it.each(['2026', '2026-2028', '2026/2027', ''])('refuses the school year %j', (year) => {
    expect(() => schoolCalendar(year)).toThrow(/Année scolaire invalide/);
  });

  it('refuses unknown settings values', () => {
    expect(() => schoolCalendar('2026-2027', { weekPattern: '5-day' as '4-day' })).toThrow(/weekPattern/);
    expect(() => schoolCalendar('2026-2027', { zone: 'D' as 'A' })).toThrow(/zone/);
  });

  it('uses a commune’s own imported periods instead of the shipped ones', () => {
    const periods = importSchoolHolidays(sample, 'B').map((p) =>
      // A local change by the recteur: Toussaint 2026 begins a week later.
      p.name === 'Vacances de la Toussaint' && p.schoolYear === '2026-2027'
        ? { ...p, start: '2026-10-24' }
        : p,
    );
    const cal = schoolCalendar('2026-2027', { holidays: periods });
    expect(whyNoSession(cal, '2026-10-19', 'matin')).toBeNull();
    expect(whyNoSession(cal, '2026-10-26', 'matin')).toBe('vacances scolaires : Vacances de la Toussaint');
    expect(() => schoolCalendar('2030-2031', { holidays: periods })).toThrow(/inconnu/);
  });

  it('takes the pupils’ rentrée, not the teachers’, as the first class day', () => {
    const periods = [
      {
        name: 'Rentrée scolaire des enseignants',
        schoolYear: '2026-2027',
        start: '2026-08-31',
        end: '2026-08-31',
      },
      ...importSchoolHolidays(sample, 'B'),
    ];
    expect(schoolCalendar('2026-2027', { holidays: periods }).firstClassDay).toBe('2026-09-01');
  });

  it('refuses edited periods with impossible dates or an end before the start', () => {
    const periods = importSchoolHolidays(sample, 'B');
    const bad = periods.map((p) => (p.name === 'Vacances de Noël' ? { ...p, end: '2026-12-32' } : p));
    expect(() => schoolCalendar('2026-2027', { holidays: bad })).toThrow(/invalid holidays/);
    const reversed = periods.map((p) => (p.name === 'Vacances de Noël' ? { ...p, end: '2026-12-01' } : p));
    expect(() => schoolCalendar('2026-2027', { holidays: reversed })).toThrow(/end is before start/);
  });
});
