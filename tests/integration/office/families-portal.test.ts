import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, FamilyFile, PortalSettings } from '../../../src-shared/api/contract';
import { portalFamilyRecordSchema, portalSettingsRecordSchema } from '../../../src-shared/sync/protocol';
import type { TestOffice } from '../../support/office';
import {
  admin,
  agent,
  applyEvent,
  asInput,
  createFamily,
  failure,
  officeWithStaff,
  outbox,
  portalEvent,
  value,
} from './families-support';

let office: TestOffice;
beforeEach(async () => {
  office = await officeWithStaff();
});
afterEach(async () => {
  await office.close();
});

const access = (id: number, action: string) => office.call(agent, 'families.setPortalAccess', { id, action });
const get = (id: number) => value<FamilyFile>(office.call(agent, 'families.get', { id }));
const lastRecord = async (id: number) => {
  const row = (await outbox(office))
    .filter((r) => r.entity === 'family' && r.entity_id === String(id))
    .at(-1)!;
  return { version: row.version, ...portalFamilyRecordSchema.parse(row.data) };
};
const history = async (id: number) =>
  (await value<{ entries: AuditEntry[] }>(office.call(agent, 'families.history', { id }))).entries;

describe('portal access', () => {
  it('invites with a new random invitation id pushed to the portal, and resends with another', async () => {
    const file = await createFamily(office);
    const invited = await value<FamilyFile>(access(file.id, 'invite'));
    expect(invited).toMatchObject({
      portalAccess: 'invited',
      version: 2,
      portalAccessChangedAt: '2026-11-27T09:00:00.000Z',
    });
    const first = await lastRecord(file.id);
    expect(first).toMatchObject({ version: 2, portalAccess: 'invited', email: 'helene.martin@example.fr' });
    expect(first.invitationId).toMatch(/^[0-9a-f-]{36}$/);

    await value(access(file.id, 'resend'));
    const second = await lastRecord(file.id);
    expect(second).toMatchObject({ version: 3, portalAccess: 'invited' });
    expect(second.invitationId).not.toBe(first.invitationId);
    expect((await history(file.id)).map((e) => e.action).slice(0, 2)).toEqual([
      'family.portal_resend',
      'family.portal_invite',
    ]);
  });

  it('needs the family e-mail, and refuses actions that do not fit the state, in French', async () => {
    const file = await createFamily(office, { email: '' });
    expect(await failure(access(file.id, 'invite'))).toMatchObject({
      code: 'conflict',
      message: 'Renseignez d’abord l’adresse e-mail de la famille : c’est son identifiant de connexion.',
    });
    expect(await failure(access(file.id, 'disable'))).toMatchObject({
      message: 'Seul un accès actif peut être désactivé.',
    });
    expect((await get(file.id)).version).toBe(1);
  });

  it('revokes a pending invitation (back to none, no invitation id)', async () => {
    const file = await createFamily(office);
    await value(access(file.id, 'invite'));
    await value(access(file.id, 'revoke'));
    expect(await lastRecord(file.id)).toMatchObject({ portalAccess: 'none', invitationId: null });
  });

  it('becomes active when the parent activates, then can be disabled and enabled again', async () => {
    const file = await createFamily(office);
    await value(access(file.id, 'invite'));
    const event = portalEvent('account.activated', file.id, {});
    await applyEvent(office, event);
    const active = await get(file.id);
    expect(active.portalAccess).toBe('active');
    expect(await lastRecord(file.id)).toMatchObject({
      portalAccess: 'active',
      lastAppliedEventSeq: event.seq,
    });
    expect((await history(file.id))[0]).toMatchObject({
      action: 'family.portal_activated',
      actorName: 'Portail famille',
    });

    await value(access(file.id, 'disable'));
    expect(await lastRecord(file.id)).toMatchObject({ portalAccess: 'disabled', invitationId: null });
    await value(access(file.id, 'enable'));
    expect(await lastRecord(file.id)).toMatchObject({ portalAccess: 'active' });
  });

  it('keeps the office decision when the parent activates an invitation revoked meanwhile', async () => {
    const file = await createFamily(office);
    await value(access(file.id, 'invite'));
    await value(access(file.id, 'revoke'));
    await applyEvent(office, portalEvent('account.activated', file.id, {}));
    expect((await get(file.id)).portalAccess).toBe('none');
    expect(await lastRecord(file.id)).toMatchObject({ portalAccess: 'none' });
    expect((await history(file.id)).map((e) => e.action)).toContain('family.portal_event_ignored');
  });

  it('sends a new invitation when the e-mail changes while one is pending, and keeps the e-mail while access exists', async () => {
    const file = await createFamily(office);
    const invited = await value<FamilyFile>(access(file.id, 'invite'));
    const before = await lastRecord(file.id);
    const moved = await value<FamilyFile>(
      office.call(admin, 'families.update', {
        id: file.id,
        expectedVersion: invited.version,
        family: { ...asInput(invited), email: 'nouvelle@example.fr' },
      }),
    );
    const after = await lastRecord(file.id);
    expect(after).toMatchObject({ email: 'nouvelle@example.fr', portalAccess: 'invited' });
    expect(after.invitationId).not.toBe(before.invitationId);
    const error = await failure(
      office.call(admin, 'families.update', {
        id: file.id,
        expectedVersion: moved.version,
        family: { ...asInput(moved), email: '' },
      }),
    );
    expect(error.fields?.email?.[0]).toMatch(/identifiant de connexion/);
  });
});

describe('portal field rules', () => {
  it('start with the defaults and save with a new pushed version, for admins only', async () => {
    expect(await value<PortalSettings>(office.call(agent, 'portal.getSettings', {}))).toEqual({
      fieldRules: {
        phones: 'editable',
        address: 'editable',
        authorisedPickups: 'editable',
        schooling: 'readonly',
      },
      contactEmail: null,
      contactPhone: null,
      version: 0,
    });
    const input = {
      fieldRules: {
        phones: 'readonly',
        address: 'hidden',
        authorisedPickups: 'editable',
        schooling: 'hidden',
      },
      contactEmail: ' Enfance@Mairie-Lapalud.FR ',
      contactPhone: '04 90 40 20 20',
    };
    expect(await failure(office.call(agent, 'portal.updateSettings', input))).toMatchObject({
      code: 'forbidden',
    });
    const saved = await value<PortalSettings>(office.call(admin, 'portal.updateSettings', input));
    expect(saved).toMatchObject({
      version: 1,
      contactEmail: 'enfance@mairie-lapalud.fr',
      contactPhone: '04 90 40 20 20',
    });
    const [row] = (await outbox(office)).filter((r) => r.entity === 'portal_settings');
    expect(portalSettingsRecordSchema.parse(row!.data)).toEqual({
      communeName: 'Lapalud',
      fieldRules: input.fieldRules,
      contactEmail: 'enfance@mairie-lapalud.fr',
      contactPhone: '04 90 40 20 20',
    });
  });

  it('are pushed again with the new name when the commune is renamed', async () => {
    await value(
      office.call(admin, 'portal.updateSettings', {
        fieldRules: {
          phones: 'editable',
          address: 'editable',
          authorisedPickups: 'editable',
          schooling: 'readonly',
        },
        contactEmail: '',
        contactPhone: '',
      }),
    );
    await value(
      office.call(admin, 'settings.update', { communeName: 'Lapalud (84)', sessionTimeoutMinutes: 15 }),
    );
    const rows = (await outbox(office)).filter((r) => r.entity === 'portal_settings');
    expect(rows.map((r) => [r.version, (r.data as { communeName: string }).communeName])).toEqual([
      [1, 'Lapalud'],
      [2, 'Lapalud (84)'],
    ]);
    await value(
      office.call(admin, 'settings.update', { communeName: 'Lapalud (84)', sessionTimeoutMinutes: 20 }),
    );
    expect((await outbox(office)).filter((r) => r.entity === 'portal_settings')).toHaveLength(2);
  });
});

describe('applying profile edits from the portal', () => {
  it('applies phones, address and pick-up people, bumps the version and returns the event seq to the portal', async () => {
    const file = await createFamily(office);
    const event = portalEvent('profile.updated', file.id, {
      basedOnVersion: 1,
      phones: [
        { adultId: file.adults[0]!.id, phones: { mobile: '+33 6 00 00 00 09', home: '', work: null } },
      ],
      address: { line1: '5 place de l’Église', line2: '', postalCode: '84840', city: 'Lapalud' },
      authorisedPickups: [
        {
          childId: file.children[1]!.id,
          people: [{ name: 'Mamie Jo', relation: 'grand-mère', phone: '0699999999' }],
        },
      ],
    });
    await applyEvent(office, event);
    const after = await get(file.id);
    expect(after.version).toBe(2);
    expect(after.adults[0]!.phones.mobile).toBe('06 00 00 00 09');
    expect(after.address.line1).toBe('5 place de l’Église');
    expect(after.children[1]!.authorisedPickups).toEqual([
      { name: 'Mamie Jo', relation: 'grand-mère', phone: '06 99 99 99 99' },
    ]);
    expect(after.lastAppliedEventSeq).toBe(event.seq);
    expect(await lastRecord(file.id)).toMatchObject({ version: 2, lastAppliedEventSeq: event.seq });
    const [entry] = await history(file.id);
    expect(entry).toMatchObject({
      action: 'family.updated_from_portal',
      actorName: 'Portail famille',
      actorId: null,
    });
    expect(entry!.details!.changes).toEqual([
      { field: 'Hélène Martin — téléphone mobile', from: '06 12 34 56 78', to: '06 00 00 00 09' },
      { field: 'Adresse', from: '12 rue des Écoles', to: '5 place de l’Église' },
      {
        field: 'Noé Martin — personnes autorisées à venir le chercher',
        from: '—',
        to: 'Mamie Jo (grand-mère) 06 99 99 99 99',
      },
    ]);
    const search = await value<{ families: Array<{ id: number }> }>(
      office.call(agent, 'families.search', { query: '06 00 00' }),
    );
    expect(search.families.map((f) => f.id)).toEqual([file.id]);
  });

  it('ignores and notes what the field rules do not let parents edit', async () => {
    const file = await createFamily(office);
    await value(
      office.call(admin, 'portal.updateSettings', {
        fieldRules: {
          phones: 'readonly',
          address: 'hidden',
          authorisedPickups: 'editable',
          schooling: 'readonly',
        },
        contactEmail: '',
        contactPhone: '',
      }),
    );
    const event = portalEvent('profile.updated', file.id, {
      basedOnVersion: 1,
      phones: [{ adultId: file.adults[0]!.id, phones: { mobile: '0600000009', home: null, work: null } }],
      address: { line1: 'ailleurs', line2: '', postalCode: '', city: '' },
    });
    await applyEvent(office, event);
    const after = await get(file.id);
    expect(after.adults[0]!.phones.mobile).toBe('06 12 34 56 78');
    expect(after.address.line1).toBe('12 rue des Écoles');
    expect(after.lastAppliedEventSeq).toBe(event.seq);
    const [entry] = await history(file.id);
    expect(entry!.details!.changes).toEqual([]);
    expect(entry!.details!.ignorées).toEqual([
      'Téléphones : les familles ne peuvent pas les modifier.',
      'Adresse : les familles ne peuvent pas la modifier.',
    ]);
  });

  it('ignores unknown adults, children and invalid numbers without failing', async () => {
    const file = await createFamily(office);
    const other = await createFamily(office, { email: 'autre@example.fr' });
    await applyEvent(
      office,
      portalEvent('profile.updated', file.id, {
        basedOnVersion: 1,
        phones: [
          { adultId: 999_999, phones: { mobile: '0600000001', home: null, work: null } },
          {
            adultId: file.adults[1]!.id,
            phones: { mobile: 'n’importe quoi', home: '04 90 00 00 00', work: null },
          },
        ],
        authorisedPickups: [{ childId: other.children[0]!.id, people: [] }],
      }),
    );
    const after = await get(file.id);
    expect(after.adults[1]!.phones).toEqual({ mobile: '07 11 22 33 44', home: '04 90 00 00 00', work: null });
    expect((await get(other.id)).children[0]!.authorisedPickups).toHaveLength(1);
    const ignored = (await history(file.id))[0]!.details!.ignorées as string[];
    expect(ignored).toEqual([
      'Téléphones d’un responsable inconnu (n° 999999).',
      'Paul Martin — numéro invalide : n’importe quoi',
      `Personnes autorisées d’un enfant inconnu (n° ${other.children[0]!.id}).`,
    ]);
  });

  it('does not fail on an event about a family the office does not know', async () => {
    for (const event of [
      portalEvent('profile.updated', 424242, {
        basedOnVersion: 1,
        address: { line1: 'x', line2: '', postalCode: '', city: '' },
      }),
      portalEvent('account.activated', 424242, {}),
      portalEvent('profile.change_requested', 424242, { message: 'bonjour' }),
    ]) {
      await applyEvent(office, event);
    }
    const ignored = await office.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'family.portal_event_ignored')
      .execute();
    expect(ignored).toHaveLength(3);
    expect(await office.ctx.db.selectFrom('family_change_requests').selectAll().execute()).toEqual([]);
  });
});

describe('change requests from the portal', () => {
  it('show on the family file, count in the navigation badge, and can be marked handled', async () => {
    const file = await createFamily(office);
    await applyEvent(
      office,
      portalEvent('profile.change_requested', file.id, {
        message: 'Léa change d’école en janvier <b>merci</b>',
      }),
    );
    const withRequest = await get(file.id);
    expect(withRequest.changeRequests).toMatchObject([
      { message: 'Léa change d’école en janvier <b>merci</b>', handledAt: null },
    ]);
    expect(await value(office.call(agent, 'requests.counts', {}))).toEqual({
      accountRequests: 0,
      changeRequests: 1,
    });
    expect(await value(office.call(agent, 'requests.listChanges', {}))).toMatchObject([
      {
        familyId: file.id,
        familyName: 'MARTIN Hélène et Paul',
        message: 'Léa change d’école en janvier <b>merci</b>',
      },
    ]);
    const handled = await value<{ handledByName: string }>(
      office.call(agent, 'families.setChangeRequestHandled', {
        id: withRequest.changeRequests[0]!.id,
        handled: true,
      }),
    );
    expect(handled.handledByName).toBe('Paul Martin');
    expect(await value(office.call(agent, 'requests.counts', {}))).toEqual({
      accountRequests: 0,
      changeRequests: 0,
    });
    expect((await history(file.id)).map((e) => e.action).slice(0, 2)).toEqual([
      'family.change_request_handled',
      'family.change_requested',
    ]);
  });
});
