import type { Transaction } from 'kysely';
import {
  compareAddress,
  comparePhones,
  comparePickups,
  type FieldChange,
} from '../../../src-shared/families/changes';
import {
  addressSchema,
  normalizePhone,
  pickupPersonSchema,
  type PickupPerson,
} from '../../../src-shared/families/family';
import type { PortalEvent } from '../../../src-shared/sync/protocol';
import type { OfficeContext } from '../../context';
import type { OfficeDatabase } from '../../db/schema';
import { receiveAccountRequest } from '../requests/requests.service';
import type { EventAppliers } from '../sync/appliers';
import { familyTarget, insertFamilyAudit, PORTAL_ACTOR } from './families.history';
import {
  adultValues,
  pickupValues,
  toAdult,
  toChild,
  toFamilyFile,
  toPortalRecord,
} from './families.mapping';
import {
  insertChangeRequest,
  loadFamily,
  replacePickups,
  updateAdult,
  updateFamilyRow,
} from './families.repository';
import { finishFamilyChange } from './families.service';
import { readPortalFieldRules } from './portal-settings.service';

type Trx = Transaction<OfficeDatabase>;
type EventOf<T extends PortalEvent['type']> = Extract<PortalEvent, { type: T }>;

/**
 * The office side of parents' actions on the portal. The sync engine calls each applier inside the
 * transaction that records the event as applied and moves its cursor, so an applier writes only
 * with `trx` and never sends anything itself. An applier throws only when the office cannot apply
 * the event now (then the whole event is retried); an event about an unknown family, adult or
 * child, or a change the field rules do not allow, is ignored and noted instead, never a crash,
 * since a throw would hold back every later event.
 */

async function noteIgnored(trx: Trx, ctx: OfficeContext, event: PortalEvent, reason: string): Promise<void> {
  ctx.log('warn', `portal event ${event.seq} (${event.type}) ignored: ${reason}`);
  await insertFamilyAudit(trx, {
    at: ctx.now().toISOString(),
    actor: PORTAL_ACTOR,
    action: 'family.portal_event_ignored',
    target: event.familyId ? familyTarget(event.familyId) : 'portail',
    details: { événement: event.seq, type: event.type, raison: reason },
  });
}

/** A phone as the portal sent it, in the office's form; `undefined` when it is not a phone number. */
function portalPhone(value: string | null): string | null | undefined {
  if (value === null || value.trim() === '') return null;
  try {
    return normalizePhone(value);
  } catch {
    return undefined;
  }
}

async function applyProfileUpdate(trx: Trx, event: EventOf<'profile.updated'>, ctx: OfficeContext) {
  const current = await loadFamily(trx, event.familyId);
  if (!current) return noteIgnored(trx, ctx, event, 'famille inconnue du bureau');
  const rules = await readPortalFieldRules(trx);
  const changes: FieldChange[] = [];
  const ignored: string[] = [];
  const { payload } = event;

  if (payload.phones) {
    if (rules.phones !== 'editable') ignored.push('Téléphones : les familles ne peuvent pas les modifier.');
    else
      for (const edit of payload.phones) {
        const row = current.adults.find((a) => a.id === edit.adultId);
        if (!row) {
          ignored.push(`Téléphones d’un responsable inconnu (n° ${edit.adultId}).`);
          continue;
        }
        const adult = toAdult(row);
        const who = `${adult.firstName} ${adult.lastName}`;
        const phones = { ...adult.phones };
        for (const kind of ['mobile', 'home', 'work'] as const) {
          const value = portalPhone(edit.phones[kind]);
          if (value === undefined) ignored.push(`${who} — numéro invalide : ${edit.phones[kind] ?? ''}`);
          else phones[kind] = value;
        }
        comparePhones(changes, who, adult.phones, phones);
        await updateAdult(trx, row.id, adultValues({ ...adult, phones }, row.position));
      }
  }

  if (payload.address) {
    const address = addressSchema.safeParse(payload.address);
    if (rules.address !== 'editable') ignored.push('Adresse : les familles ne peuvent pas la modifier.');
    else if (!address.success) ignored.push('Adresse invalide.');
    else {
      const before = toFamilyFile(current).address;
      compareAddress(changes, before, address.data);
      await updateFamilyRow(trx, current.family.id, {
        address_line1: address.data.line1,
        address_line2: address.data.line2,
        postal_code: address.data.postalCode,
        city: address.data.city,
      });
    }
  }

  if (payload.authorisedPickups) {
    if (rules.authorisedPickups !== 'editable')
      ignored.push('Personnes autorisées : les familles ne peuvent pas les modifier.');
    else
      for (const edit of payload.authorisedPickups) {
        const row = current.children.find((c) => c.id === edit.childId);
        if (!row) {
          ignored.push(`Personnes autorisées d’un enfant inconnu (n° ${edit.childId}).`);
          continue;
        }
        const child = toChild(row, current.pickups.get(row.id) ?? []);
        const who = `${child.firstName} ${child.lastName}`;
        const people: PickupPerson[] = [];
        for (const person of edit.people.slice(0, 10)) {
          const parsed = pickupPersonSchema.safeParse(person);
          if (parsed.success) people.push(parsed.data);
          else ignored.push(`${who} — personne autorisée invalide : ${person.name}`);
        }
        if (edit.people.length > 10) ignored.push(`${who} — plus de 10 personnes autorisées.`);
        comparePickups(changes, who, child.authorisedPickups, people);
        await replacePickups(trx, row.id, pickupValues(people));
      }
  }

  // Always a new version carrying this event's seq back, even when nothing changed: the portal
  // shows the parent's edit "en attente de prise en compte" until it sees that seq.
  await finishFamilyChange(trx, current.family.id, {
    at: ctx.now().toISOString(),
    actor: PORTAL_ACTOR,
    action: 'family.updated_from_portal',
    push: true,
    eventSeq: event.seq,
    portalBefore: toPortalRecord(current),
    details: {
      changes,
      ...(ignored.length > 0 ? { ignorées: ignored } : {}),
      saisiLe: event.occurredAt,
      versionVue: event.payload.basedOnVersion,
    },
  });
}

async function applyAccountActivated(trx: Trx, event: EventOf<'account.activated'>, ctx: OfficeContext) {
  const current = await loadFamily(trx, event.familyId);
  if (!current) return noteIgnored(trx, ctx, event, 'famille inconnue du bureau');
  const at = ctx.now().toISOString();
  const access = current.family.portal_access;
  if (access !== 'invited') {
    // Staff revoked or disabled the access while the parent was activating: the office's decision
    // stands, and the current record is pushed again so the portal follows it.
    await noteIgnored(trx, ctx, event, `activation reçue alors que l’accès est « ${access} »`);
    await finishFamilyChange(trx, current.family.id, {
      at,
      actor: PORTAL_ACTOR,
      action: 'family.portal_activation_refused',
      push: true,
      eventSeq: event.seq,
      details: { accès: access, activéLe: event.occurredAt },
    });
    return;
  }
  await updateFamilyRow(trx, current.family.id, { portal_access: 'active', portal_access_changed_at: at });
  await finishFamilyChange(trx, current.family.id, {
    at,
    actor: PORTAL_ACTOR,
    action: 'family.portal_activated',
    push: true,
    eventSeq: event.seq,
    details: { email: current.family.email, activéLe: event.occurredAt },
  });
}

async function applyChangeRequested(
  trx: Trx,
  event: EventOf<'profile.change_requested'>,
  ctx: OfficeContext,
) {
  const current = await loadFamily(trx, event.familyId);
  if (!current) return noteIgnored(trx, ctx, event, 'famille inconnue du bureau');
  const message = event.payload.message.trim().slice(0, 5000);
  await insertChangeRequest(trx, {
    event_id: event.id,
    family_id: current.family.id,
    received_at: event.occurredAt,
    message,
  });
  await insertFamilyAudit(trx, {
    at: ctx.now().toISOString(),
    actor: PORTAL_ACTOR,
    action: 'family.change_requested',
    target: familyTarget(current.family.id),
    details: { message },
  });
}

export const familyEventAppliers: EventAppliers = {
  'account.requested': (trx, event, ctx) => receiveAccountRequest(trx, event, ctx),
  'account.activated': applyAccountActivated,
  'profile.updated': applyProfileUpdate,
  'profile.change_requested': applyChangeRequested,
};
