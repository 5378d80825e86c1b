import { syncRetryDelayMs } from '../../../src-shared/mail/retry';

/**
 * When the scheduled sync runs next: right away the first time, then every interval after the last
 * attempt, or after the backoff delay while attempts fail (`syncRetryDelayMs`), until one succeeds.
 * Null when the schedule is off or the portal is not configured.
 */
export function nextScheduledRun(
  s: {
    configured: boolean;
    enabled: boolean;
    intervalMinutes: number;
    lastAttemptAt: string | null;
    consecutiveFailures: number;
  },
  now: Date,
): Date | null {
  if (!s.configured || !s.enabled) return null;
  if (s.lastAttemptAt === null) return now;
  const wait =
    s.consecutiveFailures > 0 ? syncRetryDelayMs(s.consecutiveFailures) : s.intervalMinutes * 60_000;
  return new Date(new Date(s.lastAttemptAt).getTime() + wait);
}
