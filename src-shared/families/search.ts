/**
 * How staff find a family: by a family, adult or child name, an e-mail or a phone number, whatever
 * the accents and the case, from the first letters typed. Each family keeps a normalised
 * `search_text` (built by `familySearchText` on every write) and a query becomes a list of tokens
 * that must each start a word of it. Both sides fold text the same way, here and only here.
 */

/** Lower case, no diacritics, ligatures spelled out: "Hélène Œuvray" → "helene oeuvray". */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .replaceAll('ß', 'ss');
}

/** The words of a name: "Saint-Martin d'Ardèche" → ["saint", "martin", "d", "ardeche"]. */
export function nameWords(value: string): string[] {
  return foldText(value)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A phone number as digits only: "06 12 34 56 78" → "0612345678", "+44 20…" → "4420…". */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '');
}

function emailWords(email: string): string[] {
  const folded = foldText(email).trim();
  return [folded, ...folded.split(/[^a-z0-9]+/).filter(Boolean)];
}

type Person = { firstName: string; lastName: string };
type PhoneSet = { mobile: string | null; home: string | null; work: string | null };

/** What the search looks at in a family. */
export type SearchableFamily = {
  email: string | null;
  adults: Array<Person & { phones: PhoneSet; email: string | null }>;
  children: Person[];
};

/**
 * Section marks in the search text, which no query token can match (tokens never contain "~"):
 * where a match falls relative to them ranks it (a responsible adult before a child before a
 * contact detail).
 */
export const CHILDREN_MARK = '~c';
export const CONTACTS_MARK = '~x';

/**
 * The normalised text a family is searched in: adults' names, then children's, then e-mails and
 * phones, each word preceded by a space (so a token matches a word start with `' ' + token`).
 */
export function familySearchText(family: SearchableFamily): string {
  const words: string[] = [];
  for (const adult of family.adults) words.push(...nameWords(adult.lastName), ...nameWords(adult.firstName));
  words.push(CHILDREN_MARK);
  for (const child of family.children)
    words.push(...nameWords(child.lastName), ...nameWords(child.firstName));
  words.push(CONTACTS_MARK);
  if (family.email) words.push(...emailWords(family.email));
  for (const adult of family.adults) {
    if (adult.email && adult.email !== family.email) words.push(...emailWords(adult.email));
    for (const phone of [adult.phones.mobile, adult.phones.home, adult.phones.work]) {
      if (phone) words.push(phoneDigits(phone));
    }
  }
  return ` ${[...new Set(words)].join(' ')} `;
}

/** The family's sort key: the first adult's last name then first name, folded. */
export function familySortKey(adults: Person[]): string {
  const first = adults[0];
  return first ? [...nameWords(first.lastName), ...nameWords(first.firstName)].join(' ') : '';
}

export const MAX_SEARCH_TOKENS = 8;

/**
 * The tokens of what staff typed, each of which must start a word of the family's search text.
 * Runs of digits separated by spaces, dots or dashes are one phone token ("06 12" → "0612"), with
 * the international prefix of France turned back into 0 ("+33 6 12" → "0612"); a chunk with an
 * "@" is kept whole as an e-mail token; anything else is split into name words.
 */
export function searchTokens(query: string): string[] {
  const chunks = foldText(query).trim().split(/\s+/).filter(Boolean);
  const tokens: string[] = [];
  let digits: string | null = null;
  const flushDigits = () => {
    if (digits) tokens.push(digits.replace(/^(?:\+33|0033)(?=\d)/, '0').replace(/^\+/, ''));
    digits = null;
  };
  for (const chunk of chunks) {
    if (/^\+?[\d.-]+$/.test(chunk) && /\d/.test(chunk)) {
      const part = chunk.replace(/[.-]/g, '');
      digits = digits === null ? part : digits + part.replace(/^\+/, '');
      continue;
    }
    flushDigits();
    if (chunk.includes('@')) {
      const email = chunk.replace(/[^a-z0-9@._+-]/g, '');
      if (email) tokens.push(email);
    } else {
      tokens.push(...nameWords(chunk));
    }
  }
  flushDigits();
  return [...new Set(tokens)].slice(0, MAX_SEARCH_TOKENS);
}
