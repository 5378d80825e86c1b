import type { Kysely, Transaction } from 'kysely';
import type { ChangeRequest, FamilyFile } from '../../../src-shared/api/families.contract';
import type { AccountRequest, FamilySuggestion } from '../../../src-shared/api/requests.contract';
import { normalizeEmail } from '../../../src-shared/domain';
import type { FamilyInput } from '../../../src-shared/families/family';
import { matchReasons, phoneKey, type MatchReason } from '../../../src-shared/families/matching';
import { nameWords } from '../../../src-shared/families/search';
import { accountRequestRejectedEmail } from '../../../src-shared/mail/templates';
import { AppError } from '../../../src-shared/result';
import type { PortalEvent } from '../../../src-shared/sync/protocol';
import type { OfficeContext } from '../../context';
import type { OfficeDatabase } from '../../db/schema';
import { familyTarget, insertFamilyAudit, PORTAL_ACTOR } from '../families/families.history';
import { toChangeRequest, toFamilyFile, toFamilyInput, toFamilySummary } from '../families/families.mapping';
import {
  countPendingChangeRequests,
  findCandidateFamilyRows,
  listPendingChangeRequests,
  loadFamilyRows,
} from '../families/families.repository';
import {
  insertFamilyInTransaction,
  parisToday,
  requireFamily,
  staffActor,
  updateFamilyInTransaction,
  withUniqueEmail,
} from '../families/families.service';
import { familyInputProblems } from '../../../src-shared/families/rules';
import { enqueueMail } from '../mail/mail.queue';
import { getCommuneName } from '../settings/settings.repository';
import type { StaffRow } from '../staff/staff.repository';
import {
  countPendingAccountRequests,
  familyIdsByEmail,
  findAccountRequest,
  insertAccountRequest,
  listAccountRequests,
  updateAccountRequest,
  type AccountRequestRow,
} from './requests.repository';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;
type Trx = Transaction<OfficeDatabase>;
type RequestChild = { firstName: string; lastName: string; birthDate: string };

const requestTarget = (id: number) => `demande ${id}`;

/** The request's e-mail in its comparable form, or null when it is not a valid address. */
function requestEmail(row: Pick<AccountRequestRow, 'email'>): string | null {
  try {
    return normalizeEmail(row.email);
  } catch {
    return null;
  }
}

function parseChildren(json: string): RequestChild[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? (value as RequestChild[]) : [];
}

export function toAccountRequest(
  row: AccountRequestRow,
  refs: {
    knownFamily: { id: number; displayName: string } | null;
    family: { id: number; displayName: string } | null;
  },
): AccountRequest {
  return {
    id: row.id,
    receivedAt: row.received_at,
    adult: { firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone },
    children: parseChildren(row.children),
    message: row.message,
    emailKnownOnPortal: row.email_known_on_portal === 1,
    knownFamily: refs.knownFamily,
    status: row.status,
    family: refs.family,
    rejectionReason: row.rejection_reason,
    handledAt: row.handled_at,
    handledByName: row.handled_by_name,
  };
}

/** Maps rows with the families they name: the one using the e-mail now, the one handled into. */
async function withFamilyRefs(db: Db, rows: AccountRequestRow[]): Promise<AccountRequest[]> {
  const emails = [...new Set(rows.map(requestEmail).filter((e): e is string => e !== null))];
  const byEmail = new Map((await familyIdsByEmail(db, emails)).map((f) => [f.email, f.id]));
  const ids = new Set<number>([...byEmail.values()]);
  for (const row of rows) if (row.family_id !== null) ids.add(row.family_id);
  const families = await db
    .selectFrom('families')
    .selectAll()
    .where('id', 'in', [0, ...ids])
    .execute();
  const names = new Map(
    (await loadFamilyRows(db, families)).map((r) => [r.family.id, toFamilySummary(r).displayName]),
  );
  const ref = (id: number | null | undefined) =>
    id !== null && id !== undefined && names.has(id) ? { id, displayName: names.get(id)! } : null;
  return rows.map((row) => {
    const email = requestEmail(row);
    return toAccountRequest(row, {
      knownFamily: ref(email ? byEmail.get(email) : null),
      family: ref(row.family_id),
    });
  });
}

/** Applier of `account.requested`: one inbox row per portal event. */
export async function receiveAccountRequest(
  trx: Trx,
  event: Extract<PortalEvent, { type: 'account.requested' }>,
  ctx: OfficeContext,
): Promise<void> {
  const { adult, children, message, privacyAcceptedAt, emailKnown } = event.payload;
  const row = await insertAccountRequest(trx, {
    event_id: event.id,
    received_at: event.occurredAt,
    first_name: adult.firstName.trim().slice(0, 80),
    last_name: adult.lastName.trim().slice(0, 80),
    email: requestEmail({ email: adult.email }) ?? adult.email.trim().slice(0, 320),
    phone: adult.phone.trim().slice(0, 40),
    children: JSON.stringify(
      children.slice(0, 12).map((c) => ({
        firstName: c.firstName.trim().slice(0, 80),
        lastName: c.lastName.trim().slice(0, 80),
        birthDate: c.birthDate.trim().slice(0, 10),
      })),
    ),
    message: message.trim().slice(0, 5000),
    privacy_accepted_at: privacyAcceptedAt,
    email_known_on_portal: emailKnown ? 1 : 0,
    status: 'pending',
  });
  if (!row) return;
  await insertFamilyAudit(trx, {
    at: ctx.now().toISOString(),
    actor: PORTAL_ACTOR,
    action: 'request.received',
    target: requestTarget(row.id),
    details: { demandeur: `${row.first_name} ${row.last_name}`, email: row.email },
  });
}

export async function listRequests(
  ctx: OfficeContext,
  input: { handled: boolean; cursor?: number; limit: number },
): Promise<{ requests: AccountRequest[]; hasMore: boolean }> {
  const rows = await listAccountRequests(ctx.db, { ...input, limit: input.limit + 1 });
  return {
    requests: await withFamilyRefs(ctx.db, rows.slice(0, input.limit)),
    hasMore: rows.length > input.limit,
  };
}

async function requireRequest(db: Db, id: number): Promise<AccountRequestRow> {
  const row = await findAccountRequest(db, id);
  if (!row) throw new AppError('not_found', 'Cette demande n’existe pas.');
  return row;
}

function requirePending(row: AccountRequestRow): void {
  if (row.status !== 'pending') {
    throw new AppError(
      'conflict',
      `Cette demande a déjà été traitée${row.handled_by_name ? ` par ${row.handled_by_name}` : ''}.`,
    );
  }
}

const REASON_WEIGHT: Record<MatchReason, number> = { email: 8, phone: 4, adult: 2, child: 1 };
const SUGGESTIONS_MAX = 10;

/** Existing families that look like the request (same e-mail, phone, adult or child name). */
async function suggestionsFor(db: Db, row: AccountRequestRow): Promise<FamilySuggestion[]> {
  const children = parseChildren(row.children);
  const probeName = (p: { firstName: string; lastName: string }) => [
    ...nameWords(p.firstName).slice(0, 1),
    ...nameWords(p.lastName).slice(0, 1),
  ];
  const phone = phoneKey(row.phone);
  const candidates = await findCandidateFamilyRows(db, {
    email: requestEmail(row),
    phoneDigits: phone.length >= 8 ? phone : null,
    names: [
      probeName({ firstName: row.first_name, lastName: row.last_name }),
      ...children.map(probeName),
    ].filter((w) => w.length === 2),
    limit: 200,
  });
  const identity = {
    adult: { firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone },
    children,
  };
  return (await loadFamilyRows(db, candidates))
    .map((rows) => ({ rows, reasons: matchReasons(identity, toFamilyFile(rows)) }))
    .filter((m) => m.reasons.length > 0)
    .map((m) => ({
      ...toFamilySummary(m.rows),
      reasons: m.reasons,
      weight: m.reasons.reduce((sum, r) => sum + REASON_WEIGHT[r], 0),
    }))
    .sort((a, b) => b.weight - a.weight || a.displayName.localeCompare(b.displayName, 'fr'))
    .slice(0, SUGGESTIONS_MAX)
    .map(({ weight: _weight, ...suggestion }) => suggestion);
}

export async function getRequest(
  ctx: OfficeContext,
  id: number,
): Promise<{ request: AccountRequest; suggestions: FamilySuggestion[] }> {
  const row = await requireRequest(ctx.db, id);
  const [request] = await withFamilyRefs(ctx.db, [row]);
  return { request: request!, suggestions: await suggestionsFor(ctx.db, row) };
}

async function closeRequest(
  trx: Trx,
  staff: StaffRow,
  row: AccountRequestRow,
  outcome: { status: 'created' | 'linked' | 'rejected'; familyId: number | null; reason?: string },
  at: string,
): Promise<AccountRequest> {
  const updated = await updateAccountRequest(trx, row.id, {
    status: outcome.status,
    family_id: outcome.familyId,
    rejection_reason: outcome.reason ?? null,
    handled_at: at,
    handled_by_id: staff.id,
    handled_by_name: staff.display_name,
  });
  const [request] = await withFamilyRefs(trx, [updated]);
  return request!;
}

export async function createFamilyFromRequest(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { id: number; family: FamilyInput },
): Promise<{ request: AccountRequest; family: FamilyFile }> {
  const now = ctx.now();
  const problems = familyInputProblems(input.family, parisToday(now));
  if (Object.keys(problems).length > 0)
    throw new AppError('invalid_input', 'La fiche contient des erreurs.', problems);
  const at = now.toISOString();
  return withUniqueEmail(ctx.db, input.family.email, undefined, () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await requireRequest(trx, input.id);
      requirePending(row);
      const family = await insertFamilyInTransaction(trx, staffActor(staff), input.family, at, {
        demande: row.id,
      });
      const request = await closeRequest(trx, staff, row, { status: 'created', familyId: family.id }, at);
      await insertFamilyAudit(trx, {
        at,
        actor: staffActor(staff),
        action: 'request.family_created',
        target: requestTarget(row.id),
        details: { famille: family.displayName, fiche: family.id },
      });
      return { request, family };
    }),
  );
}

export async function linkRequest(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { id: number; familyId: number; copyEmail: boolean },
): Promise<{ request: AccountRequest; family: FamilyFile }> {
  const at = ctx.now().toISOString();
  const row = await requireRequest(ctx.db, input.id);
  const email = input.copyEmail ? requestEmail(row) : null;
  if (input.copyEmail && !email) {
    throw new AppError(
      'invalid_input',
      'L’adresse e-mail de la demande n’est pas valide : elle ne peut pas être copiée.',
    );
  }
  return withUniqueEmail(ctx.db, email, input.familyId, () =>
    ctx.db.transaction().execute(async (trx) => {
      requirePending(await requireRequest(trx, input.id));
      const current = await requireFamily(trx, input.familyId);
      let family = toFamilyFile(current);
      if (email && email !== family.email) {
        family = await updateFamilyInTransaction(
          trx,
          staffActor(staff),
          current,
          { ...toFamilyInput(family), email },
          at,
          {
            demande: row.id,
          },
        );
      }
      await insertFamilyAudit(trx, {
        at,
        actor: staffActor(staff),
        action: 'family.request_linked',
        target: familyTarget(family.id),
        details: {
          famille: family.displayName,
          demande: row.id,
          demandeur: `${row.first_name} ${row.last_name}`,
        },
      });
      const request = await closeRequest(trx, staff, row, { status: 'linked', familyId: family.id }, at);
      await insertFamilyAudit(trx, {
        at,
        actor: staffActor(staff),
        action: 'request.linked',
        target: requestTarget(row.id),
        details: { famille: family.displayName, fiche: family.id, emailCopié: !!email },
      });
      return { request, family };
    }),
  );
}

/** Rejects a request and mails the reason to the requester, in one transaction with the mail queue. */
export async function rejectRequest(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { id: number; reason: string },
): Promise<AccountRequest> {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await requireRequest(trx, input.id);
    requirePending(row);
    const to = requestEmail(row);
    if (to) {
      const communeName = (await getCommuneName(trx)) ?? '';
      await enqueueMail(
        trx,
        {
          to,
          kind: 'account_request_rejected',
          ...accountRequestRejectedEmail({ communeName, reason: input.reason }),
        },
        at,
      );
    }
    const request = await closeRequest(
      trx,
      staff,
      row,
      { status: 'rejected', familyId: null, reason: input.reason },
      at,
    );
    await insertFamilyAudit(trx, {
      at,
      actor: staffActor(staff),
      action: 'request.rejected',
      target: requestTarget(row.id),
      details: { demandeur: `${row.first_name} ${row.last_name}`, raison: input.reason, emailEnvoyé: !!to },
    });
    return request;
  });
}

export async function requestCounts(
  ctx: OfficeContext,
): Promise<{ accountRequests: number; changeRequests: number }> {
  const [accountRequests, changeRequests] = await Promise.all([
    countPendingAccountRequests(ctx.db),
    countPendingChangeRequests(ctx.db),
  ]);
  return { accountRequests, changeRequests };
}

/** Pending change requests of every family, with the family's name, for the inbox. */
export async function listPendingChanges(
  ctx: OfficeContext,
): Promise<Array<ChangeRequest & { familyName: string }>> {
  const requests = await listPendingChangeRequests(ctx.db, 200);
  const ids = [...new Set(requests.map((r) => r.family_id))];
  const families = ids.length
    ? await ctx.db.selectFrom('families').selectAll().where('id', 'in', ids).execute()
    : [];
  const names = new Map(
    (await loadFamilyRows(ctx.db, families)).map((r) => [r.family.id, toFamilySummary(r).displayName]),
  );
  return requests.map((r) => ({
    ...toChangeRequest(r),
    familyName: names.get(r.family_id) ?? `Famille n° ${r.family_id}`,
  }));
}
