import { foldText, phoneDigits } from './search';

/**
 * Which existing families look like the one an account request describes, and why. Staff see the
 * reasons next to each suggestion before they create a family, so the same family is not entered
 * twice. Names compare accent- and case-insensitively, punctuation ignored, and a first and last
 * name typed the wrong way round still match ("MARTIN Hélène" = "Hélène Martin").
 */

export type MatchReason = 'email' | 'phone' | 'adult' | 'child';

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  email: 'même adresse e-mail',
  phone: 'même téléphone',
  adult: 'même responsable',
  child: 'même enfant',
};

type Person = { firstName: string; lastName: string };

export type RequestIdentity = {
  adult: Person & { email: string; phone: string };
  children: Person[];
};

export type FamilyIdentity = {
  email: string | null;
  adults: Array<
    Person & {
      email: string | null;
      phones: { mobile: string | null; home: string | null; work: string | null };
    }
  >;
  children: Person[];
};

/** A comparable key of a person's name, the same whichever order first and last names came in. */
export function personKey(person: Person): string {
  const words = (s: string) =>
    foldText(s)
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .join(' ');
  return [words(person.firstName), words(person.lastName)].sort().join('|');
}

/** A comparable form of a phone number: national digits ("+33 6…" and "06…" are the same). */
export function phoneKey(phone: string): string {
  const digits = phoneDigits(phone);
  if (/^33\d{9}$/.test(digits) && phone.trim().startsWith('+')) return `0${digits.slice(2)}`;
  if (/^0033\d{9}$/.test(digits)) return `0${digits.slice(4)}`;
  return digits;
}

/** The reasons a family looks like the request, strongest first; empty when it does not. */
export function matchReasons(request: RequestIdentity, family: FamilyIdentity): MatchReason[] {
  const reasons: MatchReason[] = [];
  const email = request.adult.email.trim().toLowerCase();
  const familyEmails = [family.email, ...family.adults.map((a) => a.email)].filter((e): e is string => !!e);
  if (email && familyEmails.some((e) => e.trim().toLowerCase() === email)) reasons.push('email');

  const phone = phoneKey(request.adult.phone);
  const familyPhones = family.adults.flatMap((a) => [a.phones.mobile, a.phones.home, a.phones.work]);
  if (phone.length >= 8 && familyPhones.some((p) => p && phoneKey(p) === phone)) reasons.push('phone');

  const adult = personKey(request.adult);
  if (family.adults.some((a) => personKey(a) === adult)) reasons.push('adult');

  const children = new Set(family.children.map(personKey));
  if (request.children.some((c) => children.has(personKey(c)))) reasons.push('child');
  return reasons;
}
