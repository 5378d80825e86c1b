import { frenchDay } from '../../../src-shared/domain/french-dates';
import type { Address } from '../../../src-shared/families/family';

/** Labels of the three phones of an adult, in the order shown. */
export const phoneLabels = { mobile: 'Portable', home: 'Domicile', work: 'Travail' } as const;
export const phoneKinds = ['mobile', 'home', 'work'] as const;

/** `12 mars 2018` from `2018-03-12`; the raw text if it is not a calendar day. */
export function birthDateText(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return frenchDay(Number(match[1]), Number(match[2]), Number(match[3]), true);
}

/** The lines of an address as printed on an envelope, empty ones left out. */
export function addressLines(address: Address): string[] {
  return [address.line1, address.line2, `${address.postalCode} ${address.city}`.trim()].filter(
    (line) => line.trim() !== '',
  );
}
