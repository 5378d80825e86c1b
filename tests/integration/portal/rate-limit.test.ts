import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { PortalDatabaseHandle } from '../../../src-portal/db/database';
import { parseDatabaseUrl } from '../../../src-portal/db/database-url';
import { migrateToLatest } from '../../../src-portal/db/migrate';
import { openDatabase } from '../../../src-portal/db/open';
import { type RateLimitRule, hitRateLimit } from '../../../src-portal/http/rate-limit';
import { dialectTargets } from './helpers';

const { targets, postgresSkipReason, cleanup } = await dialectTargets();
afterAll(cleanup);

const rule: RateLimitRule = { bucket: 'test:login', limit: 3, windowMs: 60_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, seconds));

describe.each(targets.map((target) => [target.name, target] as const))(
  'database rate limits on %s',
  (_, target) => {
    let url: string;
    let handle: PortalDatabaseHandle;

    beforeEach(async () => {
      url = await target.newDatabaseUrl();
      handle = await openDatabase(parseDatabaseUrl(url, process.cwd()));
      await migrateToLatest(handle.db);
      return () => handle.close();
    });

    it('allows `limit` hits per window, then refuses with the seconds left, and starts again after', async () => {
      const verdicts = [];
      for (let i = 0; i < 5; i++)
        verdicts.push(await hitRateLimit(handle.db, rule, '203.0.113.7', at(i * 10)));
      expect(verdicts.map((verdict) => [verdict.allowed, verdict.hits])).toEqual([
        [true, 1],
        [true, 2],
        [true, 3],
        [false, 4],
        [false, 5],
      ]);
      expect(verdicts[3]!.retryAfterSeconds).toBe(30);
      expect(verdicts[4]!.retryAfterSeconds).toBe(20);

      // The window opened at the first hit ends 60 s later: a new one begins.
      const next = await hitRateLimit(handle.db, rule, '203.0.113.7', at(60));
      expect(next).toEqual({ allowed: true, hits: 1, retryAfterSeconds: 60 });
    });

    it('counts each key and each bucket apart', async () => {
      for (let i = 0; i < 3; i++) await hitRateLimit(handle.db, rule, 'a', at(i));
      expect((await hitRateLimit(handle.db, rule, 'a', at(3))).allowed).toBe(false);
      expect((await hitRateLimit(handle.db, rule, 'b', at(3))).allowed).toBe(true);
      expect((await hitRateLimit(handle.db, { ...rule, bucket: 'test:other' }, 'a', at(3))).allowed).toBe(
        true,
      );
    });

    it('stores digests, never the key in clear, and purges ended windows', async () => {
      await hitRateLimit(handle.db, rule, 'parent@example.fr', at(0));
      await hitRateLimit(handle.db, { ...rule, windowMs: 1000 }, '198.51.100.4', at(0));
      const rows = await handle.db.selectFrom('rate_limits').selectAll().execute();
      expect(rows).toHaveLength(2);
      expect(JSON.stringify(rows)).not.toMatch(/parent@example\.fr|198\.51\.100\.4/);
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.id))).toBe(true);

      await hitRateLimit(handle.db, rule, 'someone-else', at(30));
      const left = await handle.db
        .selectFrom('rate_limits')
        .select('expires_at')
        .orderBy('expires_at')
        .execute();
      // The 1-second window ended and was purged; the two 60-second ones remain.
      expect(left).toHaveLength(2);
    });

    it('counts every one of many simultaneous hits, from several instances', async () => {
      // On PostgreSQL, three connection pools on the same database, as three portal instances would be.
      const others =
        target.name === 'PostgreSQL'
          ? [
              await openDatabase(parseDatabaseUrl(url, process.cwd())),
              await openDatabase(parseDatabaseUrl(url, process.cwd())),
            ]
          : [];
      try {
        const dbs = [handle.db, ...others.map((other) => other.db)];
        const verdicts = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            hitRateLimit(dbs[i % dbs.length]!, { ...rule, limit: 10 }, 'burst', at(1)),
          ),
        );
        expect(verdicts.map((verdict) => verdict.hits).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 30 }, (_, i) => i + 1),
        );
        expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10);
      } finally {
        for (const other of others) await other.close();
      }
    });
  },
);

if (postgresSkipReason !== undefined) {
  describe.skip(`database rate limits on PostgreSQL — skipped: ${postgresSkipReason}`, () => {
    it('runs the same suite as SQLite', () => {});
  });
}
