import { describe, expect, it } from 'vitest';
import { formatEuros, priceLine } from '../../../src-shared/domain';

const NNBSP = '\u202f'; // thousands
const NBSP = '\u00a0'; // before €

describe('formatEuros (French formatting as Intl fr-FR writes it)', () => {
  it.each([
    [1250, `12,50${NBSP}€`],
    [0, `0,00${NBSP}€`],
    [5, `0,05${NBSP}€`],
    [100, `1,00${NBSP}€`],
    [-1250, `-12,50${NBSP}€`],
    [-1, `-0,01${NBSP}€`],
    [99999, `999,99${NBSP}€`],
    [100000, `1${NNBSP}000,00${NBSP}€`],
    [123450, `1${NNBSP}234,50${NBSP}€`],
    [-123450, `-1${NNBSP}234,50${NBSP}€`],
    [123456789, `1${NNBSP}234${NNBSP}567,89${NBSP}€`],
  ])('%i cents → %j', (cents, text) => {
    expect(formatEuros(cents)).toBe(text);
  });

  it('matches Intl.NumberFormat fr-FR of this runtime', () => {
    const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    for (const cents of [0, 1, 1250, -1250, 123450, 7055, 100000000, -99999999]) {
      expect(formatEuros(cents)).toBe(intl.format(cents / 100));
    }
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses %s, which is not a whole number of cents',
    (v) => {
      expect(() => formatEuros(v)).toThrow(/whole number of cents/);
    },
  );
});

describe('priceLine (unit × count, then the discount on the line, half-up to the cent)', () => {
  it.each([
    [415, 17, undefined, 7055], // 17 × 4,15 € = 70,55 € exactly
    [333, 3, 10, 899], // 899.1 → 899
    [101, 5, 10, 455], // 454.5 → 455 (half-up)
    [145, 3, 10, 392], // 391.5 → 392
    [1, 1, 50, 1], // 0.5 → 1
    [3, 1, 50, 2], // 1.5 → 2
    [999, 1, 12.5, 874], // 874.125 → 874
    [130, 10, 15, 1105],
    [65, 20, 0, 1300],
    [1000, 1, 100, 0],
    [0, 5, 10, 0],
    [415, 0, 10, 0],
    [170, 7, 0.29, 1187], // 0.29 % is 29 basis points although 0.29 × 100 is not exact in binary
  ])('%i cents × %i with a discount of %s percent → %i', (unit, count, discount, total) => {
    expect(priceLine(unit, count, discount)).toBe(total);
  });

  it('does not drift where floating-point euros would', () => {
    // 0,10 € × 3 in floats is 0.30000000000000004 €.
    expect(priceLine(10, 3)).toBe(30);
    // 1 000 000 007 × 9 000 = 9 000 000 063 000 cents; × 0.6667 = 6 000 300 042 002.1 → …002, beyond
    // the 2^53 range a float product of these numbers would need.
    expect(priceLine(1_000_000_007, 9_000, 33.33)).toBe(6_000_300_042_002);
  });

  it.each([
    [-1, 1, 0, /unitCents/],
    [4.15, 17, 0, /unitCents/],
    [415, -1, 0, /count/],
    [415, 1.5, 0, /count/],
    [415, 1, -5, /discountPercent/],
    [415, 1, 101, /discountPercent/],
    [415, 1, 12.345, /discountPercent/],
    [415, 1, Number.NaN, /discountPercent/],
  ])('refuses unit %s, count %s, discount %s', (unit, count, discount, message) => {
    expect(() => priceLine(unit, count, discount)).toThrow(message);
  });
});
