import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ChangeRequest, FamilyFile, FamilySummary } from '../../../src-shared/api/families.contract';
import { describeFamilyChanges, type FieldChange } from '../../../src-shared/families/changes';
import type { FamilyInput, PortalAccess } from '../../../src-shared/families/family';
import {
  emailRequiredFor,
  portalAccessTransition,
  type PortalAccessAction,
} from '../../../src-shared/families/portal-access';
import { familyInputProblems } from '../../../src-shared/families/rules';
import { familySearchText, familySortKey, searchTokens } from '../../../src-shared/families/search';
import { normalizeEmail } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/result';
import type { PortalFamilyRecord } from '../../../src-shared/sync/protocol';
import type { OfficeContext } from '../../context';
import type { OfficeDatabase } from '../../db/schema';
import type { StaffRow } from '../staff/staff.repository';
import { recordChange } from '../sync/outbox';
import { familyTarget, insertFamilyAudit, listFamilyHistory, type HistoryActor } from './families.history';
import {
  adultValues,
  childValues,
  familyColumns,
  pickupValues,
  toChangeRequest,
  toFamilyFile,
  toFamilySummary,
  toPortalRecord,
  toSnapshot,
} from './families.mapping';
import {
  deleteAdults,
  deleteChildren,
  findChangeRequest,
  findFamilyRowByEmail,
  insertAdults,
  insertChild,
  insertFamilyRow,
  listFamilyRowsAlphabetically,
  loadFamily,
  loadFamilySummaryRows,
  replacePickups,
  searchFamilyRows,
  updateAdult,
  updateChangeRequest,
  updateChild,
  updateFamilyRow,
  type FamilyRows,
} from './families.repository';
import { ensurePortalSettingsQueued } from './portal-settings.service';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;
type Trx = Transaction<OfficeDatabase>;

export const staffActor = (staff: StaffRow): HistoryActor => ({ id: staff.id, name: staff.display_name });

/** Today's calendar day in Paris, where the service runs. */
export function parisToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

export async function requireFamily(db: Db, id: number): Promise<FamilyRows> {
  const rows = await loadFamily(db, id);
  if (!rows) throw new AppError('not_found', 'Cette famille n’existe pas.');
  return rows;
}

/**
 * Ends every change to a family, in its transaction: bumps the version (unless the family was
 * just created at version 1), refreshes the search text, records the history entry, and queues
 * the portal record when what the portal shows changed (or when `push` forces it, e.g. to carry a
 * new `lastAppliedEventSeq` back). Returns the file as committed.
 */
export async function finishFamilyChange(
  trx: Trx,
  familyId: number,
  change: {
    at: string;
    actor: HistoryActor;
    action: string;
    details: Record<string, unknown>;
    created?: boolean;
    portalBefore?: PortalFamilyRecord | null;
    push?: boolean;
    eventSeq?: number;
  },
): Promise<FamilyFile> {
  const current = await requireFamily(trx, familyId);
  const file = toFamilyFile(current);
  await updateFamilyRow(trx, familyId, {
    version: change.created ? current.family.version : current.family.version + 1,
    updated_at: change.at,
    search_text: familySearchText(file),
    sort_key: familySortKey(file.adults),
    last_applied_event_seq: Math.max(current.family.last_applied_event_seq, change.eventSeq ?? 0),
  });
  const after = await requireFamily(trx, familyId);
  const record = toPortalRecord(after);
  if (
    change.created ||
    change.push ||
    JSON.stringify(record) !== JSON.stringify(change.portalBefore ?? null)
  ) {
    await ensurePortalSettingsQueued(trx, change.at);
    await recordChange(
      trx,
      { entity: 'family', id: String(familyId), version: after.family.version, data: record },
      change.at,
    );
  }
  await insertFamilyAudit(trx, {
    at: change.at,
    actor: change.actor,
    action: change.action,
    target: familyTarget(familyId),
    details: { famille: toFamilyFile(after).displayName, ...change.details },
  });
  return toFamilyFile(after);
}

function isEmailUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('families.email')
  );
}

export async function familyUsingEmail(
  db: Db,
  email: string,
  exceptId?: number,
): Promise<{ id: number; displayName: string } | null> {
  const row = await findFamilyRowByEmail(db, email);
  if (!row || row.id === exceptId) return null;
  const rows = await requireFamily(db, row.id);
  return { id: row.id, displayName: toFamilyFile(rows).displayName };
}

function emailTaken(owner: { id: number; displayName: string }): AppError {
  const message = `Cette adresse e-mail est déjà celle de la famille ${owner.displayName} (fiche n° ${owner.id}).`;
  return new AppError('conflict', message, { email: [message] });
}

/**
 * Runs a change that may give a family an e-mail. The pre-check gives the usual answer; the UNIQUE
 * index decides under a race (two agents saving at once), and gets the same French answer.
 */
export async function withUniqueEmail<T>(
  db: Kysely<OfficeDatabase>,
  email: string | null,
  exceptId: number | undefined,
  change: () => Promise<T>,
): Promise<T> {
  if (email) {
    const owner = await familyUsingEmail(db, email, exceptId);
    if (owner) throw emailTaken(owner);
  }
  try {
    return await change();
  } catch (error) {
    if (email && isEmailUniqueViolation(error)) {
      const owner = await familyUsingEmail(db, email, exceptId);
      throw owner ? emailTaken(owner) : new AppError('conflict', 'Cette adresse e-mail est déjà utilisée.');
    }
    throw error;
  }
}

function checkFamilyInput(input: FamilyInput, now: Date): void {
  const problems = familyInputProblems(input, parisToday(now));
  if (Object.keys(problems).length > 0) {
    throw new AppError('invalid_input', 'La fiche contient des erreurs.', problems);
  }
}

/** Writes adults and children as staff entered them, keeping the ids of those who stay. */
async function writeMembers(trx: Trx, familyId: number, current: FamilyRows | null, input: FamilyInput) {
  const stale = () =>
    new AppError(
      'conflict',
      'La fiche a changé depuis son ouverture (une personne a été retirée). Rechargez-la.',
    );
  const adultIds = new Set(current?.adults.map((a) => a.id) ?? []);
  const keptAdults = new Set<number>();
  for (const [i, adult] of input.adults.entries()) {
    if (adult.id !== undefined && current) {
      if (!adultIds.has(adult.id)) throw stale();
      keptAdults.add(adult.id);
      await updateAdult(trx, adult.id, adultValues(adult, i + 1));
    } else {
      await insertAdults(trx, familyId, [adultValues(adult, i + 1)]);
    }
  }
  await deleteAdults(
    trx,
    [...adultIds].filter((id) => !keptAdults.has(id)),
  );

  const childIds = new Set(current?.children.map((c) => c.id) ?? []);
  const keptChildren = new Set<number>();
  for (const [i, child] of input.children.entries()) {
    let childId: number;
    if (child.id !== undefined && current) {
      if (!childIds.has(child.id)) throw stale();
      childId = child.id;
      keptChildren.add(childId);
      await updateChild(trx, childId, childValues(child, i + 1));
    } else {
      childId = await insertChild(trx, familyId, childValues(child, i + 1));
    }
    await replacePickups(trx, childId, pickupValues(child.authorisedPickups));
  }
  // Pick-up people go with their child (ON DELETE CASCADE).
  await deleteChildren(
    trx,
    [...childIds].filter((id) => !keptChildren.has(id)),
  );
}

/** Creates a family inside the caller's transaction (also used by the account requests inbox). */
export async function insertFamilyInTransaction(
  trx: Trx,
  actor: HistoryActor,
  input: FamilyInput,
  at: string,
  details: Record<string, unknown> = {},
): Promise<FamilyFile> {
  const row = await insertFamilyRow(trx, {
    ...familyColumns(input),
    version: 1,
    portal_access: 'none',
    archived: 0,
    last_applied_event_seq: 0,
    created_at: at,
    updated_at: at,
  });
  await writeMembers(trx, row.id, null, input);
  return finishFamilyChange(trx, row.id, {
    at,
    actor,
    action: 'family.created',
    created: true,
    details: { changes: describeFamilyChanges(null, input), ...details },
  });
}

export async function createFamily(
  ctx: OfficeContext,
  staff: StaffRow,
  input: FamilyInput,
): Promise<FamilyFile> {
  const now = ctx.now();
  checkFamilyInput(input, now);
  return withUniqueEmail(ctx.db, input.email, undefined, () =>
    ctx.db
      .transaction()
      .execute((trx) => insertFamilyInTransaction(trx, staffActor(staff), input, now.toISOString())),
  );
}

async function versionConflict(db: Db, familyId: number): Promise<AppError> {
  const { entries } = await listFamilyHistory(db, { familyId, limit: 1 });
  const last = entries[0];
  const by = last?.actorName ? ` par ${last.actorName}` : '';
  return new AppError(
    'conflict',
    `Cette fiche a été modifiée entre-temps${by}. Rechargez-la pour voir ces changements : les vôtres n’ont pas été enregistrés.`,
  );
}

/**
 * Applies staff's edits to a family inside the caller's transaction. The e-mail is the parent's
 * login: it cannot be removed while the portal access exists, and a change while an invitation is
 * pending sends a new invitation (to the new address) through a new invitation id.
 */
export async function updateFamilyInTransaction(
  trx: Trx,
  actor: HistoryActor,
  current: FamilyRows,
  input: FamilyInput,
  at: string,
  details: Record<string, unknown> = {},
): Promise<FamilyFile> {
  const before = toFamilyFile(current);
  const access = current.family.portal_access;
  if (!input.email && emailRequiredFor(access)) {
    const message =
      'L’adresse e-mail est l’identifiant de connexion de la famille au portail : révoquez l’invitation avant de la retirer.';
    throw new AppError('invalid_input', message, { email: [message] });
  }
  const changes: FieldChange[] = describeFamilyChanges(toSnapshot(before), input);
  if (changes.length === 0) return before;

  const emailChanged = input.email !== before.email;
  const reinvite = emailChanged && access === 'invited';
  if (reinvite) changes.push({ field: 'Invitation renvoyée à la nouvelle adresse e-mail' });
  await updateFamilyRow(trx, current.family.id, {
    ...familyColumns(input),
    ...(reinvite ? { invitation_id: randomUUID(), portal_access_changed_at: at } : {}),
  });
  await writeMembers(trx, current.family.id, current, input);
  return finishFamilyChange(trx, current.family.id, {
    at,
    actor,
    action: 'family.updated',
    portalBefore: toPortalRecord(current),
    details: { changes, ...details },
  });
}

export async function updateFamily(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { id: number; expectedVersion: number; family: FamilyInput },
): Promise<FamilyFile> {
  const now = ctx.now();
  checkFamilyInput(input.family, now);
  return withUniqueEmail(ctx.db, input.family.email, input.id, () =>
    ctx.db.transaction().execute(async (trx) => {
      const current = await requireFamily(trx, input.id);
      if (current.family.version !== input.expectedVersion) throw await versionConflict(trx, input.id);
      return updateFamilyInTransaction(trx, staffActor(staff), current, input.family, now.toISOString());
    }),
  );
}

export async function setPortalAccess(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { id: number; action: PortalAccessAction },
): Promise<FamilyFile> {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await requireFamily(trx, input.id);
    const transition = portalAccessTransition(current.family.portal_access, input.action, {
      hasEmail: !!current.family.email,
    });
    if (!transition.ok) throw new AppError('conflict', transition.message);
    await updateFamilyRow(trx, input.id, {
      portal_access: transition.next,
      invitation_id: transition.newInvitation ? randomUUID() : null,
      portal_access_changed_at: at,
    });
    return finishFamilyChange(trx, input.id, {
      at,
      actor: staffActor(staff),
      action: `family.portal_${input.action}`,
      portalBefore: toPortalRecord(current),
      details: { email: current.family.email, avant: current.family.portal_access, après: transition.next },
    });
  });
}

/**
 * Archives a family (no hard delete: its history, and later its bookings and statements, must
 * stay). Archiving closes its portal access in the same transaction: a pending invitation is
 * revoked, an active account disabled. Archived families leave the default search.
 */
export async function setArchived(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { id: number; archived: boolean },
): Promise<FamilyFile> {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await requireFamily(trx, input.id);
    if ((current.family.archived === 1) === input.archived) return toFamilyFile(current);
    const access: PortalAccess = current.family.portal_access;
    const closedAccess: PortalAccess =
      input.archived && access === 'invited'
        ? 'none'
        : input.archived && access === 'active'
          ? 'disabled'
          : access;
    await updateFamilyRow(trx, input.id, {
      archived: input.archived ? 1 : 0,
      ...(closedAccess !== access
        ? { portal_access: closedAccess, invitation_id: null, portal_access_changed_at: at }
        : {}),
    });
    return finishFamilyChange(trx, input.id, {
      at,
      actor: staffActor(staff),
      action: input.archived ? 'family.archived' : 'family.unarchived',
      portalBefore: toPortalRecord(current),
      details: closedAccess !== access ? { accèsAuPortail: closedAccess } : {},
    });
  });
}

export async function getFamily(ctx: OfficeContext, id: number): Promise<FamilyFile> {
  return toFamilyFile(await requireFamily(ctx.db, id));
}

export async function searchFamilies(
  ctx: OfficeContext,
  input: { query: string; limit: number; includeArchived: boolean },
): Promise<{ families: FamilySummary[]; hasMore: boolean }> {
  const tokens = searchTokens(input.query);
  const rows =
    tokens.length === 0
      ? await listFamilyRowsAlphabetically(ctx.db, {
          limit: input.limit + 1,
          includeArchived: input.includeArchived,
        })
      : await searchFamilyRows(ctx.db, {
          tokens,
          limit: input.limit + 1,
          includeArchived: input.includeArchived,
        });
  const page = rows.slice(0, input.limit);
  return {
    families: (await loadFamilySummaryRows(ctx.db, page)).map(toFamilySummary),
    hasMore: rows.length > input.limit,
  };
}

export async function familyHistory(
  ctx: OfficeContext,
  input: { id: number; beforeId?: number; limit: number },
) {
  await requireFamily(ctx.db, input.id);
  return listFamilyHistory(ctx.db, { familyId: input.id, beforeId: input.beforeId, limit: input.limit });
}

export async function findFamilyByEmail(
  ctx: OfficeContext,
  input: { email: string; exceptId?: number },
): Promise<{ id: number; displayName: string } | null> {
  let email: string;
  try {
    email = normalizeEmail(input.email);
  } catch {
    return null;
  }
  return familyUsingEmail(ctx.db, email, input.exceptId);
}

export async function setChangeRequestHandled(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { id: number; handled: boolean },
): Promise<ChangeRequest> {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const request = await findChangeRequest(trx, input.id);
    if (!request) throw new AppError('not_found', 'Cette demande de modification n’existe pas.');
    if ((request.handled_at !== null) === input.handled) return toChangeRequest(request);
    const updated = await updateChangeRequest(trx, input.id, {
      handled_at: input.handled ? at : null,
      handled_by_id: input.handled ? staff.id : null,
      handled_by_name: input.handled ? staff.display_name : null,
    });
    await insertFamilyAudit(trx, {
      at,
      actor: staffActor(staff),
      action: input.handled ? 'family.change_request_handled' : 'family.change_request_reopened',
      target: familyTarget(request.family_id),
      details: { message: request.message },
    });
    return toChangeRequest(updated);
  });
}
