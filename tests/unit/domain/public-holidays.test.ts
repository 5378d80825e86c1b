import { describe, expect, it } from 'vitest';
import { easterSunday, isPublicHoliday, publicHolidays } from '../../../src-shared/domain';

describe('easterSunday (Meeus/Jones/Butcher computus, DOMAIN.md §1.2)', () => {
  it.each([
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    // Extremes of the Gregorian range of Easter dates (22 March … 25 April).
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
    [2038, '2038-04-25'],
    [2000, '2000-04-23'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it.each([2026.5, 1500, 10000, Number.NaN])('refuses the year %s', (year) => {
    expect(() => easterSunday(year)).toThrow(/Invalid year/);
  });
});

// DOMAIN.md §1.3, column by column.
const table: Record<number, string[]> = {
  2016: ['01-01', '03-28', '05-01', '05-05', '05-08', '05-16', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2017: ['01-01', '04-17', '05-01', '05-08', '05-25', '06-05', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2026: ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2027: ['01-01', '03-29', '05-01', '05-06', '05-08', '05-17', '07-14', '08-15', '11-01', '11-11', '12-25'],
};

describe('publicHolidays (L3133-1, DOMAIN.md §1.1)', () => {
  it.each(Object.entries(table))('gives the 11 holidays of %s, sorted by date', (year, days) => {
    const list = publicHolidays(Number(year));
    expect(list.map((h) => h.date)).toEqual(days.map((d) => `${year}-${d}`));
  });

  it('names the 2027 holidays in French', () => {
    expect(publicHolidays(2027)).toEqual([
      { date: '2027-01-01', name: "Jour de l'an" },
      { date: '2027-03-29', name: 'Lundi de Pâques' },
      { date: '2027-05-01', name: 'Fête du Travail' },
      { date: '2027-05-06', name: 'Ascension' },
      { date: '2027-05-08', name: 'Victoire 1945' },
      { date: '2027-05-17', name: 'Lundi de Pentecôte' },
      { date: '2027-07-14', name: 'Fête nationale' },
      { date: '2027-08-15', name: 'Assomption' },
      { date: '2027-11-01', name: 'Toussaint' },
      { date: '2027-11-11', name: 'Armistice' },
      { date: '2027-12-25', name: 'Noël' },
    ]);
  });

  it('adds Vendredi saint and Saint-Étienne for Alsace-Moselle only', () => {
    const am = publicHolidays(2027, { region: 'alsace-moselle' });
    expect(am).toHaveLength(13);
    expect(am).toContainEqual({ date: '2027-03-26', name: 'Vendredi saint' });
    expect(am).toContainEqual({ date: '2027-12-26', name: 'Saint-Étienne' });
    expect(am.map((h) => h.date)).toEqual([...am.map((h) => h.date)].sort());
    expect(publicHolidays(2027, { region: 'metropole' })).toHaveLength(11);
  });

  it('returns a fresh array: mutating it does not change later answers', () => {
    const list = publicHolidays(2026);
    list.pop();
    (list[0] as { name: string }).name = 'changed';
    expect(publicHolidays(2026)).toHaveLength(11);
    expect(publicHolidays(2026)[0]?.name).toBe("Jour de l'an");
  });

  it('refuses an unknown region', () => {
    expect(() => publicHolidays(2026, { region: 'corse' as 'metropole' })).toThrow(/Invalid region/);
  });
});

describe('isPublicHoliday', () => {
  it.each([
    ['2027-05-06', true], // Ascension 2027
    ['2027-05-07', false], // the school bridge is a working day
    ['2027-03-29', true], // lundi de Pâques the day after the spring clock change
    ['2027-05-17', true], // lundi de Pentecôte stays a holiday
    ['2027-01-01', true],
    ['2026-12-31', false],
    ['2027-05-08', true], // on a Saturday: not moved to another day
    ['2027-05-10', false],
    ['2027-12-26', false], // Saint-Étienne is not a holiday outside Alsace-Moselle
    ['2027-03-26', false], // nor Vendredi saint
    ['2028-02-29', false],
  ])('%s → %s', (date, expected) => {
    expect(isPublicHoliday(date)).toBe(expected);
  });

  it('knows the Alsace-Moselle extras when asked', () => {
    expect(isPublicHoliday('2027-12-26', { region: 'alsace-moselle' })).toBe(true);
    expect(isPublicHoliday('2027-03-26', { region: 'alsace-moselle' })).toBe(true);
  });

  it.each(['2027-02-29', '2026-13-01', '2026-5-1', '01/05/2026', ''])('refuses the date %j', (date) => {
    expect(() => isPublicHoliday(date)).toThrow(/Invalid date/);
  });
});
