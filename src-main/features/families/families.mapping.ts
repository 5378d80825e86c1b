import type { ChangeRequest, FamilyFile, FamilySummary } from '../../../src-shared/api/families.contract';
import type { FamilySnapshot } from '../../../src-shared/families/changes';
import type { Adult, Child, FamilyInput } from '../../../src-shared/families/family';
import { familyDisplayName, toPortalFamilyRecord } from '../../../src-shared/families/portal-record';
import type { PortalFamilyRecord } from '../../../src-shared/sync/protocol';
import { familySearchText, familySortKey } from '../../../src-shared/families/search';
import type {
  AdultRow,
  AdultValues,
  ChangeRequestRow,
  ChildRow,
  ChildValues,
  FamilyRows,
  PickupRow,
  PickupValues,
} from './families.repository';

/** Rows ↔ API objects for family files, one named function per direction. */

/** The record the portal keeps of a family, as the rows are now (privacy rule in src-shared). */
export function toPortalRecord(rows: FamilyRows): PortalFamilyRecord {
  return toPortalFamilyRecord(toFamilyFile(rows), {
    invitationId: rows.family.invitation_id,
    lastAppliedEventSeq: rows.family.last_applied_event_seq,
  });
}

export function toAdult(row: AdultRow): Adult & { id: number } {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    relation: row.relation,
    phones: { mobile: row.phone_mobile, home: row.phone_home, work: row.phone_work },
    email: row.email,
  };
}

export function toChild(row: ChildRow, pickups: PickupRow[]): Child & { id: number } {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    school: row.school,
    className: row.class_name,
    healthNotes: row.health_notes,
    pai: row.pai === 1,
    authorisedPickups: pickups.map((p) => ({ name: p.name, relation: p.relation, phone: p.phone })),
  };
}

export function toChangeRequest(row: ChangeRequestRow): ChangeRequest {
  return {
    id: row.id,
    familyId: row.family_id,
    receivedAt: row.received_at,
    message: row.message,
    handledAt: row.handled_at,
    handledByName: row.handled_by_name,
  };
}

export function toFamilyFile(rows: FamilyRows): FamilyFile {
  const { family } = rows;
  const adults = rows.adults.map(toAdult);
  return {
    id: family.id,
    version: family.version,
    displayName: familyDisplayName(adults),
    email: family.email,
    adults,
    address: {
      line1: family.address_line1,
      line2: family.address_line2,
      postalCode: family.postal_code,
      city: family.city,
    },
    quotientFamilial: {
      value: family.qf_value,
      validUntil: family.qf_valid_until,
      source: family.qf_source,
    },
    children: rows.children.map((c) => toChild(c, rows.pickups.get(c.id) ?? [])),
    notes: family.notes,
    portalAccess: family.portal_access,
    portalAccessChangedAt: family.portal_access_changed_at,
    archived: family.archived === 1,
    lastAppliedEventSeq: family.last_applied_event_seq,
    changeRequests: rows.changeRequests.map(toChangeRequest),
    createdAt: family.created_at,
    updatedAt: family.updated_at,
  };
}

export function toFamilySummary(rows: Pick<FamilyRows, 'family' | 'adults' | 'children'>): FamilySummary {
  const adults = rows.adults.map(toAdult);
  const phone = adults.flatMap((a) => [a.phones.mobile, a.phones.home, a.phones.work]).find(Boolean) ?? null;
  return {
    id: rows.family.id,
    displayName: familyDisplayName(adults),
    email: rows.family.email,
    phone,
    adults: adults.map((a) => ({ firstName: a.firstName, lastName: a.lastName })),
    children: rows.children.map((c) => ({
      firstName: c.first_name,
      lastName: c.last_name,
      birthDate: c.birth_date,
    })),
    portalAccess: rows.family.portal_access,
    archived: rows.family.archived === 1,
  };
}

/** The editable part of a file, to compare two states of it. */
export function toSnapshot(file: Pick<FamilyFile, keyof FamilySnapshot>): FamilySnapshot {
  return {
    email: file.email,
    adults: file.adults,
    address: file.address,
    quotientFamilial: file.quotientFamilial,
    children: file.children,
    notes: file.notes,
  };
}

/** The family row's own columns for what staff entered, search text included. */
export function familyColumns(input: FamilyInput) {
  return {
    email: input.email,
    address_line1: input.address.line1,
    address_line2: input.address.line2,
    postal_code: input.address.postalCode,
    city: input.address.city,
    qf_value: input.quotientFamilial.value,
    qf_valid_until: input.quotientFamilial.validUntil,
    qf_source: input.quotientFamilial.source,
    notes: input.notes,
    search_text: familySearchText(input),
    sort_key: familySortKey(input.adults),
  };
}

export function adultValues(adult: Adult, position: number): AdultValues {
  return {
    position,
    first_name: adult.firstName,
    last_name: adult.lastName,
    relation: adult.relation,
    phone_mobile: adult.phones.mobile,
    phone_home: adult.phones.home,
    phone_work: adult.phones.work,
    email: adult.email,
  };
}

export function childValues(child: Child, position: number): ChildValues {
  return {
    position,
    first_name: child.firstName,
    last_name: child.lastName,
    birth_date: child.birthDate,
    school: child.school,
    class_name: child.className,
    health_notes: child.healthNotes,
    pai: child.pai ? 1 : 0,
  };
}

export function pickupValues(people: Child['authorisedPickups']): PickupValues[] {
  return people.map((p, i) => ({ position: i + 1, name: p.name, relation: p.relation, phone: p.phone }));
}

/** A file back as the input staff would send to save it unchanged. */
export function toFamilyInput(file: FamilyFile): FamilyInput {
  return {
    email: file.email,
    adults: file.adults,
    address: file.address,
    quotientFamilial: file.quotientFamilial,
    children: file.children,
    notes: file.notes,
  };
}
