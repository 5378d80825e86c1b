import { describe, expect, it } from 'vitest';
import { ageOn, requiredStaff } from '../../../src-shared/domain';

describe('requiredStaff (ceil(under6/r1 + sixPlus/r2), R227-16 CASF)', () => {
  it.each([
    [0, 0, 0],
    [10, 0, 1],
    [11, 0, 2],
    [0, 14, 1], // 14/14 is exactly one adult
    [0, 15, 2],
    [5, 7, 1], // 0.5 + 0.5
    [10, 14, 2],
    [1, 1, 1],
    [20, 28, 4],
    [21, 28, 5],
    [3, 7, 1],
    [30, 0, 3],
    [0, 42, 3],
  ])('standard ratios 1/10 and 1/14: %i under 6 and %i aged 6+ need %i', (under6, sixPlus, staff) => {
    expect(requiredStaff({ under6, sixPlus })).toBe(staff);
    expect(requiredStaff({ under6, sixPlus }, { pedt: false })).toBe(staff);
  });

  it.each([
    [14, 0, 1],
    [15, 0, 2],
    [0, 18, 1],
    [0, 19, 2],
    [7, 9, 1], // 0.5 + 0.5
    [28, 36, 4],
    [10, 14, 2], // 10/14 + 14/18 = 1.49…
    [0, 14, 1],
  ])('PEDT ratios 1/14 and 1/18: %i under 6 and %i aged 6+ need %i', (under6, sixPlus, staff) => {
    expect(requiredStaff({ under6, sixPlus }, { pedt: true })).toBe(staff);
  });

  it.each([
    [{ under6: -1, sixPlus: 0 }, /under6/],
    [{ under6: 0, sixPlus: 1.5 }, /sixPlus/],
    [{ under6: Number.NaN, sixPlus: 0 }, /under6/],
  ])('refuses the counts %j', (counts, message) => {
    expect(() => requiredStaff(counts)).toThrow(message);
  });
});

describe('ageOn (whole years on the session date)', () => {
  it.each([
    ['2020-09-15', '2026-09-15', 6], // the sixth birthday: 6 that day
    ['2020-09-15', '2026-09-14', 5], // the day before
    ['2020-09-15', '2020-09-15', 0], // day of birth
    ['2019-12-31', '2025-12-31', 6],
    ['2020-01-01', '2025-12-31', 5],
    ['2020-01-01', '2026-01-01', 6], // New Year birthday
    // Born on 29 February: the birthday is 1 March in a non-leap year (French civil practice).
    ['2020-02-29', '2026-02-28', 5],
    ['2020-02-29', '2026-03-01', 6],
    ['2020-02-29', '2028-02-28', 7],
    ['2020-02-29', '2028-02-29', 8], // leap year: the real birthday
    ['2021-03-01', '2027-02-28', 5],
    ['2021-03-01', '2027-03-01', 6],
  ])('born %s, on %s: %i', (birth, date, age) => {
    expect(ageOn(birth, date)).toBe(age);
  });

  it('refuses a date before the birth', () => {
    expect(() => ageOn('2020-09-15', '2020-09-14')).toThrow(/before the birth date/);
  });

  it('refuses impossible dates', () => {
    expect(() => ageOn('2021-02-29', '2027-03-01')).toThrow(/Invalid birthDate/);
    expect(() => ageOn('2020-09-15', '2026-9-15')).toThrow(/Invalid date/);
  });
});
