import { describe, expect, it } from 'vitest';
import { importSchoolHolidays } from '../../../src-shared/domain';
import sample from '../../../src-shared/domain/data/fr-en-calendrier-scolaire.json';

const row = (over: Record<string, unknown>): Record<string, unknown> => ({
  description: 'Vacances de Noël',
  population: '-',
  start_date: '2026-12-18T23:00:00+00:00',
  end_date: '2027-01-03T23:00:00+00:00',
  location: 'Aix-Marseille',
  zones: 'Zone B',
  annee_scolaire: '2026-2027',
  ...over,
});

describe('importSchoolHolidays on the shipped official records', () => {
  const zoneB = importSchoolHolidays(sample, 'B');

  it('gives the 2026-2027 zone B periods as Paris calendar days (DOMAIN.md §2.5)', () => {
    expect(zoneB.filter((p) => p.schoolYear === '2026-2027')).toEqual([
      {
        name: 'Rentrée scolaire des élèves',
        schoolYear: '2026-2027',
        start: '2026-09-01',
        end: '2026-09-01',
      },
      { name: 'Vacances de la Toussaint', schoolYear: '2026-2027', start: '2026-10-17', end: '2026-11-02' },
      { name: 'Vacances de Noël', schoolYear: '2026-2027', start: '2026-12-19', end: '2027-01-04' },
      { name: "Vacances d'Hiver", schoolYear: '2026-2027', start: '2027-02-20', end: '2027-03-08' },
      { name: 'Vacances de Printemps', schoolYear: '2026-2027', start: '2027-04-17', end: '2027-05-03' },
      { name: "Pont de l'Ascension", schoolYear: '2026-2027', start: '2027-05-07', end: '2027-05-07' },
      { name: "Début des Vacances d'Été", schoolYear: '2026-2027', start: '2027-07-03', end: null },
    ]);
  });

  it('gives the 2016-2017 zone B periods, Toussaint starting after class on Wednesday 19 October (§2.4)', () => {
    expect(zoneB.filter((p) => p.schoolYear === '2016-2017')).toEqual([
      {
        name: 'Rentrée scolaire des élèves',
        schoolYear: '2016-2017',
        start: '2016-09-01',
        end: '2016-09-01',
      },
      { name: 'Vacances de la Toussaint', schoolYear: '2016-2017', start: '2016-10-19', end: '2016-11-03' },
      { name: 'Vacances de Noël', schoolYear: '2016-2017', start: '2016-12-17', end: '2017-01-03' },
      { name: "Vacances d'Hiver", schoolYear: '2016-2017', start: '2017-02-11', end: '2017-02-27' },
      { name: 'Vacances de Printemps', schoolYear: '2016-2017', start: '2017-04-08', end: '2017-04-24' },
      { name: "Pont de l'Ascension", schoolYear: '2016-2017', start: '2017-05-26', end: '2017-05-26' },
      { name: "Début des Vacances d'Été", schoolYear: '2016-2017', start: '2017-07-08', end: null },
    ]);
  });

  it('ignores the teachers-only rows', () => {
    expect(zoneB.some((p) => /enseignants/i.test(p.name))).toBe(false);
  });

  it('keeps only the asked zone (zone C winter 2027 is 6–22 February)', () => {
    const zoneC = importSchoolHolidays(sample, 'C');
    expect(zoneC).toContainEqual({
      name: "Vacances d'Hiver",
      schoolYear: '2026-2027',
      start: '2027-02-06',
      end: '2027-02-22',
    });
    expect(zoneC.some((p) => p.start === '2027-02-20')).toBe(false);
    expect(importSchoolHolidays(sample, 'A').every((p) => p.schoolYear === '2016-2017')).toBe(true);
  });
});

describe('importSchoolHolidays conversions and traps (DOMAIN.md §2.3)', () => {
  it.each([
    ['2026-12-18T23:00:00+00:00', '2026-12-19'], // winter: UTC 23:00 is the next Paris day
    ['2026-10-16T22:00:00+00:00', '2026-10-17'], // summer: UTC 22:00 is the next Paris day
    ['2027-03-27T23:00:00+00:00', '2027-03-28'], // the spring clock-change day itself
    ['2026-10-24T22:00:00+00:00', '2026-10-25'], // the autumn clock-change day itself
    ['2026-12-19T00:00:00+01:00', '2026-12-19'], // an explicit Paris offset
    ['2026-12-19', '2026-12-19'], // a bare calendar day is taken as it is
  ])('reads start %s as the Paris day %s', (start, day) => {
    const [period] = importSchoolHolidays([row({ start_date: start, end_date: null })], 'B');
    expect(period?.start).toBe(day);
  });

  it('merges the rows repeated per académie into one period', () => {
    const rows = ['Aix-Marseille', 'Nice', 'Lille', 'Rennes'].map((location) => row({ location }));
    expect(importSchoolHolidays(rows, 'B')).toHaveLength(1);
  });

  it('keeps two periods with the same name but different dates', () => {
    const rows = [row({}), row({ location: 'Nice', end_date: '2027-01-04T23:00:00+00:00' })];
    expect(importSchoolHolidays(rows, 'B').map((p) => p.end)).toEqual(['2027-01-04', '2027-01-05']);
  });

  it('keeps a single-day bridge with start = end and a summer without end', () => {
    const rows = [
      row({
        description: "Pont de l'Ascension",
        start_date: '2027-05-06T22:00:00+00:00',
        end_date: '2027-05-06T22:00:00+00:00',
      }),
      row({
        description: "Début des Vacances d'Été",
        start_date: '2027-07-02T22:00:00+00:00',
        end_date: null,
      }),
    ];
    expect(importSchoolHolidays(rows, 'B')).toEqual([
      { name: "Pont de l'Ascension", schoolYear: '2026-2027', start: '2027-05-07', end: '2027-05-07' },
      { name: "Début des Vacances d'Été", schoolYear: '2026-2027', start: '2027-07-03', end: null },
    ]);
  });

  it('ignores "Enseignants" rows whatever their case and other zones such as Corse', () => {
    const rows = [
      row({ population: 'Enseignants' }),
      row({ population: 'ENSEIGNANTS' }),
      row({ zones: 'Corse' }),
    ];
    expect(importSchoolHolidays(rows, 'B')).toEqual([]);
  });

  it('keeps rows for pupils ("Élèves") and for everyone ("-")', () => {
    const rows = [
      row({ population: 'Élèves' }),
      row({ population: '-', end_date: '2027-01-05T23:00:00+00:00' }),
    ];
    expect(importSchoolHolidays(rows, 'B')).toHaveLength(2);
  });

  it('sorts the periods by start date', () => {
    const rows = [
      row({
        description: 'Vacances de Printemps',
        start_date: '2027-04-16T22:00:00+00:00',
        end_date: '2027-05-02T22:00:00+00:00',
      }),
      row({}),
    ];
    expect(importSchoolHolidays(rows, 'B').map((p) => p.start)).toEqual(['2026-12-19', '2027-04-17']);
  });

  it.each([
    ['a row without start_date', [row({ start_date: undefined })], /record 0/],
    ['a row that is not an object', [42], /record 0/],
    ['an unreadable date', [row({ start_date: '19/12/2026' })], /invalid start_date/],
    ['a date without offset', [row({ end_date: '2027-01-03T23:00:00' })], /invalid end_date/],
    ['an impossible date', [row({ start_date: '2027-02-30T23:00:00+00:00' })], /invalid start_date/],
    ['an end before the start', [row({ end_date: '2026-12-01T23:00:00+00:00' })], /ends before it starts/],
  ])('throws on %s', (_what, rows, message) => {
    expect(() => importSchoolHolidays(rows, 'B')).toThrow(message);
  });

  it('throws on an unknown zone', () => {
    expect(() => importSchoolHolidays([], 'D' as 'A')).toThrow(/invalid zone/);
  });
});
