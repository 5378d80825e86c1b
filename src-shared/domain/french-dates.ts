/**
 * French wording of dates for messages meant for people. Written out rather than taken from
 * `Intl`, so that the text is the same in Node, Electron and every browser.
 */

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** `décembre 2026`. */
export function frenchMonth(year: number, month: number): string {
  return `${MONTHS[month - 1] ?? '?'} ${year}`;
}

/** `25 novembre`, `1er novembre` (French writes the first of the month as an ordinal); with the year when asked. */
export function frenchDay(year: number, month: number, day: number, withYear = false): string {
  const d = day === 1 ? '1er' : String(day);
  return `${d} ${MONTHS[month - 1] ?? '?'}${withYear ? ` ${year}` : ''}`;
}
