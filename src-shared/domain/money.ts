/**
 * Money is integer cents everywhere (DOMAIN.md decision "money"); these functions never let a
 * floating-point euro value in.
 */

/** U+202F NARROW NO-BREAK SPACE: the thousands separator `Intl.NumberFormat('fr-FR')` uses (CLDR ≥ 34). */
export const THOUSANDS_SEPARATOR = '\u202f';
/** U+00A0 NO-BREAK SPACE: between the amount and `€`, as `Intl.NumberFormat('fr-FR', { currency: 'EUR' })` writes it. */
export const CURRENCY_SPACE = '\u00a0';

function checkCents(value: number, name: string, fn: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${fn}: invalid ${name} ${String(value)}: expected a whole number of cents`);
  }
}

/**
 * An amount in cents written the French way: `1 234,50 €`, `-12,50 €`, `0,00 €`.
 *
 * Rule: the output of `Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })` in current
 * Node and browsers — U+202F (narrow no-break space) between thousands, a comma before the two
 * cents digits, U+00A0 (no-break space) before `€`, an ASCII hyphen-minus for negatives. It is built
 * by hand from the integer so that it does not depend on the ICU data of the runtime.
 */
export function formatEuros(cents: number): string {
  checkCents(cents, 'cents', 'formatEuros');
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS_SEPARATOR);
  const rest = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${euros},${rest}${CURRENCY_SPACE}€`;
}

/**
 * The amount of a tariff line in cents: unit price × count, then the percentage discount on the line
 * total, rounded half-up to the cent (DOMAIN.md decision "money"). 17 × 415 = 7055;
 * 3 × 333 at 10 % = 899.1 → 899; 5 × 101 at 10 % = 454.5 → 455.
 *
 * The discount is turned into basis points (two decimals of a percent at most: 12.5 % is fine,
 * 12.345 % is refused) and the line is computed on BigInt integers, so there is no floating-point
 * drift whatever the amounts. The unit price and count are whole and not negative; the discount is
 * from 0 to 100 %.
 */
export function priceLine(unitCents: number, count: number, discountPercent = 0): number {
  if (!Number.isSafeInteger(unitCents) || unitCents < 0) {
    throw new Error(
      `priceLine: invalid unitCents ${String(unitCents)}: expected a whole number of cents ≥ 0`,
    );
  }
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`priceLine: invalid count ${String(count)}: expected a whole number ≥ 0`);
  }
  if (typeof discountPercent !== 'number' || !Number.isFinite(discountPercent)) {
    throw new Error(`priceLine: invalid discountPercent ${String(discountPercent)}`);
  }
  const basisPoints = Math.round(discountPercent * 100);
  if (Math.abs(discountPercent * 100 - basisPoints) > 1e-6 || basisPoints < 0 || basisPoints > 10_000) {
    throw new Error(
      `priceLine: invalid discountPercent ${discountPercent}: expected 0 to 100 with at most two decimals`,
    );
  }
  const total = BigInt(unitCents) * BigInt(count);
  const scaled = total * BigInt(10_000 - basisPoints);
  // Half-up on non-negative integers: floor((scaled + 5000) / 10000).
  const rounded = (scaled + 5_000n) / 10_000n;
  const result = Number(rounded);
  if (!Number.isSafeInteger(result)) throw new Error('priceLine: amount too large');
  return result;
}
