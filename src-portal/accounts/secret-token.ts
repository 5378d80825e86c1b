import { createHash, randomBytes } from 'node:crypto';

/**
 * The random values handed to a parent's browser or mailbox (activation and reset links, session
 * cookies, CSRF tokens): 32 random bytes in base64url, i.e. 256 bits, not guessable. The database
 * only ever holds `hashSecret(value)` for links and sessions, so a stolen copy of it opens nothing.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a secret, hex. A fast hash is right here: the input has 256 bits of entropy. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A token as it can appear in a URL we issued: base64url, 43 characters. Anything else is not ours. */
export function looksLikeSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
