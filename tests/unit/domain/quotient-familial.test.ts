import { describe, expect, it } from 'vitest';
import { qfBracket } from '../../../src-shared/domain';

// Sansac-de-Marmiesse grid (DOMAIN.md §6.1) written with explicit inclusive bounds.
const grid = [
  { min: null, max: 660, label: 'T1' },
  { min: 661, max: 1044, label: 'T2' },
  { min: 1045, max: null, label: 'T3' },
];

describe('qfBracket (inclusive bounds, unknown QF → top bracket)', () => {
  it.each([
    [0, 'T1'],
    [659, 'T1'],
    [660, 'T1'], // on the upper bound of T1
    [661, 'T2'], // on the lower bound of T2
    [1044, 'T2'],
    [1045, 'T3'],
    [5000, 'T3'],
    [null, 'T3'], // unknown QF
  ])('QF %s → %s', (qf, label) => {
    expect(qfBracket(grid, qf)).toBe(label);
  });

  it('finds the top bracket wherever it is listed', () => {
    expect(qfBracket([...grid].reverse(), null)).toBe('T3');
    expect(qfBracket([grid[2], grid[0], grid[1]] as typeof grid, null)).toBe('T3');
  });

  it('takes the bracket with the highest bounds as top when all are closed', () => {
    const closed = [
      { min: 501, max: 1000, label: 'B' },
      { min: 0, max: 500, label: 'A' },
    ];
    expect(qfBracket(closed, null)).toBe('B');
  });

  it('throws when the QF falls in a gap of the grid', () => {
    expect(() => qfBracket(grid, 660.5)).toThrow(/no bracket contains QF 660.5/);
    expect(() => qfBracket([{ min: 0, max: 500, label: 'A' }], 501)).toThrow(/gap/);
  });

  it('throws when brackets overlap on the QF', () => {
    const overlapping = [
      { min: null, max: 660, label: 'T1' },
      { min: 660, max: 1044, label: 'T2' },
    ];
    expect(() => qfBracket(overlapping, 660)).toThrow(/several brackets \(T1, T2\)/);
    expect(qfBracket(overlapping, 700)).toBe('T2');
  });

  it.each([
    [[], 100, /invalid brackets/],
    [[{ min: 800, max: 100, label: 'X' }], 100, /min > max/],
    [[{ min: 0, max: 100, label: '' }], 50, /invalid brackets/],
    [grid, -1, /invalid QF/],
    [grid, Number.NaN, /invalid QF/],
  ])('refuses brackets %j with QF %s', (brackets, qf, message) => {
    expect(() => qfBracket(brackets, qf)).toThrow(message);
  });
});
