import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry } from '../../../src-shared/api/contract';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

export type AuditActor = { id: number; name: string } | null;

/** Appends one entry; callers pass their transaction so the entry commits with the change. */
export async function insertAuditEntry(
  db: Db,
  entry: { at: string; actor: AuditActor; action: string; target?: string | null; details?: object | null },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actor?.id ?? null,
      actor_name: entry.actor?.name ?? null,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

export async function listAuditEntries(
  db: Db,
  query: {
    beforeId?: number | undefined;
    limit: number;
    actorId?: number | undefined;
    action?: string | undefined;
  },
): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
  if (query.actorId !== undefined) q = q.where('actor_id', '=', query.actorId);
  if (query.action) q = q.where('action', '=', query.action);
  const rows = await q.execute();
  return {
    entries: rows.slice(0, query.limit).map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      target: row.target,
      details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    })),
    hasMore: rows.length > query.limit,
  };
}
