/**
 * When a message that could not be sent is tried again: soon at first, then less and less often,
 * for about a day, after which it is marked failed (staff can send it again by hand). A refusal
 * that will not change (the server rejects the recipient, SMTP 5xx) fails at once.
 */
const DELAYS_MS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
  12 * 60 * 60_000,
];

export const MAIL_MAX_ATTEMPTS = DELAYS_MS.length + 1;

/** The delay before attempt `attempts + 1`, or null when `attempts` tries are enough. */
export function mailRetryDelayMs(attempts: number): number | null {
  if (attempts < 1) return 0;
  return DELAYS_MS[attempts - 1] ?? null;
}

/** SMTP reply codes 5xx are permanent; anything else (4xx, network) is worth another try. */
export function isPermanentMailFailure(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600;
}

/** The delay before the sync client's next try after `failures` consecutive failures (max 5 min). */
export function syncRetryDelayMs(failures: number): number {
  if (failures < 1) return 0;
  return Math.min(5 * 60_000, 5_000 * 2 ** (failures - 1));
}
