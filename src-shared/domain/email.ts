import { z } from 'zod';

const emailSchema = z.email();

/**
 * The comparable form of a family's account e-mail: trimmed and lower-cased.
 *
 * Rule (DOMAIN.md §0, P1): one e-mail per family, unique, compared after trimming and lower-casing.
 * Throws when the result is not a valid address (zod's `z.email()` check; addresses with non-ASCII
 * characters are refused, as most mail systems of communes would).
 */
export function normalizeEmail(email: string): string {
  if (typeof email !== 'string') throw new Error('normalizeEmail: expected a string');
  const normalized = email.trim().toLowerCase();
  if (!emailSchema.safeParse(normalized).success) {
    throw new Error(`normalizeEmail: invalid e-mail address ${JSON.stringify(email)}`);
  }
  return normalized;
}
