import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PortalDatabase } from '../db/database';

/**
 * Fixed-window rate limits shared by every portal instance: the counters live in the database
 * (`rate_limits`), so a client cannot multiply its allowance by reaching several instances. A rule
 * names a bucket ("account-request:ip"), how many hits it allows and over which window; the key is
 * what is counted (an IP address, a normalised e-mail). Keys are stored as SHA-256 digests: the table
 * never holds an address in clear.
 *
 * The two queries are here rather than in a repository file because they are the whole mechanism,
 * and every feature (account requests, login, forgotten password) uses them through `hitRateLimit`.
 */
export type RateLimitRule = { bucket: string; limit: number; windowMs: number };

export type RateLimitVerdict = {
  /** False once the hits of the window exceed the rule's limit. */
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  hits: number;
  /** Seconds until the window ends (for a `Retry-After` header). */
  retryAfterSeconds: number;
};

/**
 * Counts one hit of `key` under `rule` at `now` and says whether it is allowed. Atomic on both
 * engines (one INSERT … ON CONFLICT DO UPDATE … RETURNING): concurrent hits are all counted. A hit
 * refused still counts, so hammering does not help. Expired windows are purged on the way.
 */
export async function hitRateLimit(
  db: Kysely<PortalDatabase>,
  rule: RateLimitRule,
  key: string,
  now: Date,
): Promise<RateLimitVerdict> {
  const at = now.toISOString();
  const windowEnd = new Date(now.getTime() + rule.windowMs).toISOString();
  const id = createHash('sha256').update(`${rule.bucket}\u0000${key}`).digest('hex');

  // Old windows go first (an indexed range delete, usually of nothing).
  await db.deleteFrom('rate_limits').where('expires_at', '<=', at).execute();

  const row = await db
    .insertInto('rate_limits')
    .values({ id, bucket: rule.bucket, hits: 1, window_started_at: at, expires_at: windowEnd })
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => {
        // A window that ended restarts at this hit; otherwise the hit is added to it.
        const expired = eb('rate_limits.expires_at', '<=', at);
        return {
          hits: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb('rate_limits.hits', '+', 1))
            .end(),
          window_started_at: eb
            .case()
            .when(expired)
            .then(at)
            .else(eb.ref('rate_limits.window_started_at'))
            .end(),
          expires_at: eb.case().when(expired).then(windowEnd).else(eb.ref('rate_limits.expires_at')).end(),
        };
      }),
    )
    .returning(['hits', 'expires_at'])
    .executeTakeFirstOrThrow();

  return {
    allowed: row.hits <= rule.limit,
    hits: row.hits,
    retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(row.expires_at) - now.getTime()) / 1000)),
  };
}
