import type { Kysely } from 'kysely';
import {
  type Address,
  DEFAULT_PORTAL_FIELD_RULES,
  type PickupPerson,
  type PortalFieldRules,
} from '../../src-shared/families/family';
import {
  addressFormSchema,
  changeRequestFormSchema,
  phonesFormSchema,
  pickupsFormSchema,
} from '../../src-shared/portal/parent-forms';
import { AppError } from '../../src-shared/result';
import type { PortalEventBody, PortalFamilyRecord } from '../../src-shared/sync/protocol';
import { parseOrThrow } from '../../src-shared/validation';
import type { PortalDatabase } from '../db/database';
import { appendEvent } from '../sync/event-log.repository';
import { findFamilyById } from '../sync/families.repository';
import { getPortalSettings } from '../sync/settings.repository';
import { familyMessages } from './family-messages';
import { type PendingChangeRow, insertPendingChange, listPendingChanges } from './pending-change.repository';

type Phones = PortalFamilyRecord['adults'][number]['phones'];
type PickupRecord = PortalFamilyRecord['children'][number]['authorisedPickups'][number];

/**
 * "Ma famille" as the parent sees it: the synced record with what the field rules hide removed, and
 * for each editable part the values the parent sent and the office has not applied yet (`pending…`,
 * null when there are none).
 */
export type MyFamily = {
  familyId: number;
  /** The version of the record shown: the `basedOnVersion` of an edit made from this page. */
  version: number;
  email: string | null;
  rules: PortalFieldRules;
  adults: Array<{
    id: number;
    firstName: string;
    lastName: string;
    relation: string;
    email: string | null;
    /** null when the rules hide the phones. */
    phones: Phones | null;
    pendingPhones: Phones | null;
  }>;
  /** null when the rules hide the address. */
  address: Address | null;
  pendingAddress: Address | null;
  children: Array<{
    id: number;
    firstName: string;
    lastName: string;
    birthDate: string;
    /** null when the rules hide the schooling. */
    school: string | null;
    className: string | null;
    /** null when the rules hide them. */
    authorisedPickups: PickupRecord[] | null;
    pendingPickups: PickupRecord[] | null;
  }>;
};

/** The office's field rules as last pushed, or the defaults before the first sync of the settings. */
export async function fieldRules(db: Kysely<PortalDatabase>): Promise<PortalFieldRules> {
  return (await getPortalSettings(db))?.settings.fieldRules ?? DEFAULT_PORTAL_FIELD_RULES;
}

/** The family of a logged-in parent; a record missing now (deleted meanwhile) is a 404. */
async function loadRecord(
  db: Kysely<PortalDatabase>,
  familyId: number,
): Promise<{ family: PortalFamilyRecord; version: number }> {
  const stored = await findFamilyById(db, familyId);
  if (stored === null) throw new AppError('not_found', familyMessages.notSynced);
  return stored;
}

export async function loadMyFamily(db: Kysely<PortalDatabase>, familyId: number): Promise<MyFamily> {
  const [{ family, version }, rules, pending] = await Promise.all([
    loadRecord(db, familyId),
    fieldRules(db),
    listPendingChanges(db, familyId),
  ]);
  return toMyFamily(family, version, rules, pending);
}

function toMyFamily(
  family: PortalFamilyRecord,
  version: number,
  rules: PortalFieldRules,
  pendingRows: PendingChangeRow[],
): MyFamily {
  // Rows come oldest first: a later edit of the same thing replaces an earlier one here.
  const pendingPhones = new Map<number, Phones>();
  const pendingPickups = new Map<number, PickupRecord[]>();
  let pendingAddress: Address | null = null;
  for (const row of pendingRows) {
    const change = parsePendingData(row);
    if (change.kind === 'phones') pendingPhones.set(change.adultId, change.phones);
    else if (change.kind === 'address') pendingAddress = change.address;
    else pendingPickups.set(change.childId, change.people);
  }
  const show = (rule: PortalFieldRules[keyof PortalFieldRules]) => rule !== 'hidden';
  return {
    familyId: family.id,
    version,
    email: family.email,
    rules,
    adults: family.adults.map((adult) => ({
      id: adult.id,
      firstName: adult.firstName,
      lastName: adult.lastName,
      relation: adult.relation,
      email: adult.email,
      phones: show(rules.phones) ? adult.phones : null,
      pendingPhones: show(rules.phones) ? (pendingPhones.get(adult.id) ?? null) : null,
    })),
    address: show(rules.address) ? family.address : null,
    pendingAddress: show(rules.address) ? pendingAddress : null,
    children: family.children.map((child) => ({
      id: child.id,
      firstName: child.firstName,
      lastName: child.lastName,
      birthDate: child.birthDate,
      school: show(rules.schooling) ? child.school : null,
      className: show(rules.schooling) ? child.className : null,
      authorisedPickups: show(rules.authorisedPickups) ? child.authorisedPickups : null,
      pendingPickups: show(rules.authorisedPickups) ? (pendingPickups.get(child.id) ?? null) : null,
    })),
  };
}

/** A pending change as stored, typed by its kind. */
type PendingData =
  | { kind: 'phones'; adultId: number; phones: Phones }
  | { kind: 'address'; address: Address }
  | { kind: 'authorisedPickups'; childId: number; people: PickupRecord[] };

function parsePendingData(row: PendingChangeRow): PendingData {
  // Written by this module from validated values only (see `recordEdit`).
  return { kind: row.kind, ...(JSON.parse(row.data) as object) } as PendingData;
}

/** The part of the family an edit form changes, for the edit pages and their checks. */
export type EditTarget =
  { kind: 'phones'; adultId: number } | { kind: 'address' } | { kind: 'authorisedPickups'; childId: number };

const ruleOf: Record<EditTarget['kind'], keyof PortalFieldRules> = {
  phones: 'phones',
  address: 'address',
  authorisedPickups: 'authorisedPickups',
};

/**
 * Checks that the logged-in family may edit `target` now: it exists in the family (another family's
 * adult or child is a `not_found`, exactly like an id that exists nowhere) and the office's rules
 * make it editable (`forbidden` otherwise). Returns the page's family view.
 */
export async function loadEditable(
  db: Kysely<PortalDatabase>,
  familyId: number,
  target: EditTarget,
): Promise<MyFamily> {
  const view = await loadMyFamily(db, familyId);
  if (target.kind === 'phones' && !view.adults.some((adult) => adult.id === target.adultId)) {
    throw new AppError('not_found', familyMessages.notFound);
  }
  if (target.kind === 'authorisedPickups' && !view.children.some((child) => child.id === target.childId)) {
    throw new AppError('not_found', familyMessages.notFound);
  }
  if (view.rules[ruleOf[target.kind]] !== 'editable') {
    throw new AppError('forbidden', familyMessages.notEditable);
  }
  return view;
}

/**
 * A parent's edit of an editable part of "Ma famille": validated with the shared schemas, then, in
 * one transaction, a `profile.updated` event for the office (with the version the parent was looking
 * at) and a pending change shown until the office's record carries that event back. The family's
 * record itself is never changed here: the office is its source of truth.
 */
export async function submitEdit(
  db: Kysely<PortalDatabase>,
  familyId: number,
  target: EditTarget,
  form: unknown,
  now: Date,
): Promise<void> {
  await loadEditable(db, familyId, target);
  const edit = parseEdit(target, form);
  await db.transaction().execute(async (trx) => {
    const { id, seq } = await appendEvent(
      trx,
      {
        type: 'profile.updated',
        familyId,
        payload: { basedOnVersion: edit.basedOnVersion, ...edit.payload },
      },
      now,
    );
    await insertPendingChange(trx, {
      event_id: id,
      family_id: familyId,
      kind: target.kind,
      data: JSON.stringify(edit.pending),
      event_seq: seq,
      created_at: now.toISOString(),
    });
  });
}

type ProfileUpdate = Extract<PortalEventBody, { type: 'profile.updated' }>['payload'];

/** The stored values of a pending change (its kind is a column of its own). */
type PendingValues = PendingData extends infer Change
  ? Change extends PendingData
    ? Omit<Change, 'kind'>
    : never
  : never;

type ParsedEdit = {
  basedOnVersion: number;
  payload: Omit<ProfileUpdate, 'basedOnVersion'>;
  pending: PendingValues;
};

function parseEdit(target: EditTarget, form: unknown): ParsedEdit {
  switch (target.kind) {
    case 'phones': {
      const { version, ...phones } = parseOrThrow(phonesFormSchema, form);
      return {
        basedOnVersion: version,
        payload: { phones: [{ adultId: target.adultId, phones }] },
        pending: { adultId: target.adultId, phones },
      };
    }
    case 'address': {
      const { version, ...address } = parseOrThrow(addressFormSchema, form);
      return { basedOnVersion: version, payload: { address }, pending: { address } };
    }
    case 'authorisedPickups': {
      const { version, people } = parseOrThrow(pickupsFormSchema, form);
      const records = people.map(toPickupRecord);
      return {
        basedOnVersion: version,
        payload: { authorisedPickups: [{ childId: target.childId, people: records }] },
        pending: { childId: target.childId, people: records },
      };
    }
  }
}

function toPickupRecord(person: PickupPerson): PickupRecord {
  return { name: person.name, relation: person.relation, phone: person.phone };
}

/**
 * "Demander une modification": a free message to the office about anything the parent may not edit
 * (names, birth dates, e-mail, school…), as a `profile.change_requested` event.
 */
export async function requestChange(
  db: Kysely<PortalDatabase>,
  familyId: number,
  form: unknown,
  now: Date,
): Promise<void> {
  await loadRecord(db, familyId);
  const { message } = parseOrThrow(changeRequestFormSchema, form);
  await db.transaction().execute(async (trx) => {
    await appendEvent(trx, { type: 'profile.change_requested', familyId, payload: { message } }, now);
  });
}
