import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry } from '../../../src-shared/api/contract';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

/**
 * A family file's history is the part of the audit log that targets it (`famille <id>`), so the
 * admins' audit screen and the file show the same entries. Changes from the portal are written with
 * no staff id and the actor name "Portail famille".
 */
export type HistoryActor = { id: number | null; name: string };

export const PORTAL_ACTOR: HistoryActor = { id: null, name: 'Portail famille' };

export const familyTarget = (familyId: number) => `famille ${familyId}`;

/** Appends one entry; callers pass their transaction so the entry commits with the change. */
export async function insertFamilyAudit(
  db: Db,
  entry: { at: string; actor: HistoryActor; action: string; target: string; details?: object | null },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      target: entry.target,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

export async function listFamilyHistory(
  db: Db,
  query: { familyId: number; beforeId?: number | undefined; limit: number },
): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .where('target', '=', familyTarget(query.familyId))
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
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
