import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { FamilyFile } from '../../../src-shared/api/families.contract';
import type { PortalEvent } from '../../../src-shared/sync/protocol';
import { familyEventAppliers } from '../../../src-main/features/families/families.events';
import type { EventApplier } from '../../../src-main/features/sync/appliers';
import { ADMIN, AGENT, testOffice, type TestOffice } from '../../support/office';

/** Shared set-up of the families tests: an office with an admin and an agent signed in. */

export const admin = { clientId: 'admin-window' };
export const agent = { clientId: 'agent-window' };

export async function officeWithStaff(): Promise<TestOffice> {
  const office = await testOffice();
  await value(office.call(admin, 'setup.create', ADMIN));
  await value(office.call(admin, 'staff.create', AGENT));
  await value(office.call(agent, 'auth.login', { login: AGENT.login, password: AGENT.password }));
  await value(
    office.call(agent, 'auth.changePassword', {
      currentPassword: AGENT.password,
      newPassword: 'Agent-Solide-2026!',
    }),
  );
  return office;
}

export async function value<T = unknown>(promise: Promise<{ ok: boolean }>): Promise<T> {
  const result = (await promise) as { ok: true; value: T } | { ok: false; error: unknown };
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

export type Failure = { code: string; message: string; fields?: Record<string, string[]> };

export async function failure(promise: Promise<{ ok: boolean }>): Promise<Failure> {
  const result = (await promise) as { ok: true } | { ok: false; error: Failure };
  if (result.ok) throw new Error('expected a failure, got ok');
  return result.error;
}

/** A family as staff would type it; `overrides` replace top-level parts. */
export function familyInput(overrides: Record<string, unknown> = {}) {
  return {
    email: 'Helene.Martin@Example.fr ',
    adults: [
      {
        firstName: 'Hélène',
        lastName: 'Martin',
        relation: 'mère',
        phones: { mobile: '0612345678', home: '', work: '' },
        email: '',
      },
      {
        firstName: 'Paul',
        lastName: 'Martin',
        relation: 'père',
        phones: { mobile: '+33 7 11 22 33 44', home: null, work: null },
        email: 'paul.martin@example.fr',
      },
    ],
    address: { line1: '12 rue des Écoles', line2: '', postalCode: '84840', city: 'Lapalud' },
    quotientFamilial: { value: 742, validUntil: '2027-07-31', source: 'CAF' },
    children: [
      {
        firstName: 'Léa',
        lastName: 'Martin',
        birthDate: '2018-04-12',
        school: 'École élémentaire Jean Moulin',
        className: 'CE2',
        healthNotes: 'Allergie aux arachides — trousse PAI dans le bureau',
        pai: true,
        authorisedPickups: [{ name: 'Josette Martin', relation: 'grand-mère', phone: '06 98 76 54 32' }],
      },
      {
        firstName: 'Noé',
        lastName: 'Martin',
        birthDate: '2021-09-30',
        school: 'École maternelle Les Lavandes',
        className: 'PS',
        healthNotes: '',
        pai: false,
        authorisedPickups: [],
      },
    ],
    notes: 'Garde alternée une semaine sur deux',
    ...overrides,
  };
}

/** The file as the input to save it (what the family screen sends back). */
export function asInput(file: FamilyFile) {
  return {
    email: file.email ?? '',
    adults: file.adults,
    address: file.address,
    quotientFamilial: file.quotientFamilial,
    children: file.children,
    notes: file.notes,
  };
}

export async function createFamily(office: TestOffice, overrides: Record<string, unknown> = {}) {
  return value<FamilyFile>(office.call(admin, 'families.create', familyInput(overrides)));
}

export async function outbox(office: TestOffice) {
  const rows = await office.ctx.db.selectFrom('sync_outbox').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({
    ...r,
    data: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null,
  }));
}

export async function count(
  office: TestOffice,
  table: 'families' | 'children' | 'audit_log' | 'sync_outbox',
) {
  const row = await office.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

let seq = 0;
/** A portal event as the sync engine hands it to the appliers (its own transaction). */
export function portalEvent<T extends PortalEvent['type']>(
  type: T,
  familyId: number | null,
  payload: Extract<PortalEvent, { type: T }>['payload'],
): Extract<PortalEvent, { type: T }> {
  seq += 1;
  return {
    seq,
    id: randomUUID(),
    occurredAt: '2026-11-27T08:30:00.000Z',
    type,
    familyId,
    payload,
  } as Extract<PortalEvent, { type: T }>;
}

export async function applyEvent(office: TestOffice, event: PortalEvent): Promise<void> {
  const applier = familyEventAppliers[event.type] as EventApplier<PortalEvent['type']>;
  await office.ctx.db.transaction().execute((trx) => applier(trx, event as never, office.ctx));
}

export function expectNoStaffOnlyData(record: unknown) {
  const json = JSON.stringify(record);
  expect(json).not.toContain('Allergie');
  expect(json).not.toContain('healthNotes');
  expect(json).not.toContain('"pai"');
  expect(json).not.toContain('Garde alternée');
  expect(json).not.toContain('"notes"');
  expect(json).not.toContain('quotientFamilial');
  expect(json).not.toContain('742');
}
