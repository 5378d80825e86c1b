import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRequest, FamilyFile, FamilySuggestion } from '../../../src-shared/api/contract';
import type { TestOffice } from '../../support/office';
import {
  admin,
  agent,
  applyEvent,
  count,
  createFamily,
  failure,
  familyInput,
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

function requested(
  overrides: { email?: string; firstName?: string; lastName?: string; phone?: string } = {},
) {
  return portalEvent('account.requested', null, {
    adult: {
      firstName: overrides.firstName ?? 'Sophie',
      lastName: overrides.lastName ?? 'Bérard',
      email: overrides.email ?? 'Sophie.Berard@example.fr',
      phone: overrides.phone ?? '06 44 55 66 77',
    },
    children: [{ firstName: 'Théo', lastName: 'Bérard', birthDate: '2019-03-14' }],
    message: 'Bonjour, nous arrivons à Lapalud en janvier.',
    privacyAcceptedAt: '2026-11-27T08:29:00.000Z',
    emailKnown: false,
  });
}

async function receive(event = requested()): Promise<AccountRequest> {
  await applyEvent(office, event);
  const { requests } = await value<{ requests: AccountRequest[] }>(office.call(agent, 'requests.list', {}));
  return requests.at(-1)!;
}

const inbox = async (handled = false) =>
  (await value<{ requests: AccountRequest[] }>(office.call(agent, 'requests.list', { handled }))).requests;
const open = (id: number) =>
  value<{ request: AccountRequest; suggestions: FamilySuggestion[] }>(
    office.call(agent, 'requests.get', { id }),
  );

describe('the account requests inbox', () => {
  it('receives a request from the portal once, whatever how often the event is applied', async () => {
    const event = requested();
    await applyEvent(office, event);
    await applyEvent(office, event);
    const [request] = await inbox();
    expect(request).toMatchObject({
      adult: {
        firstName: 'Sophie',
        lastName: 'Bérard',
        email: 'sophie.berard@example.fr',
        phone: '06 44 55 66 77',
      },
      children: [{ firstName: 'Théo', lastName: 'Bérard', birthDate: '2019-03-14' }],
      message: 'Bonjour, nous arrivons à Lapalud en janvier.',
      status: 'pending',
      knownFamily: null,
      emailKnownOnPortal: false,
    });
    expect(await inbox()).toHaveLength(1);
    expect(await value(office.call(agent, 'requests.counts', {}))).toEqual({
      accountRequests: 1,
      changeRequests: 0,
    });
  });

  it('flags an e-mail that is already a family’s, from the office’s own data', async () => {
    const family = await createFamily(office);
    const request = await receive(requested({ email: 'HELENE.MARTIN@example.fr' }));
    expect(request.knownFamily).toEqual({ id: family.id, displayName: 'MARTIN Hélène et Paul' });
  });

  it('suggests families that look the same: e-mail, phone, names in any order and without accents', async () => {
    const martin = await createFamily(office);
    const other = await createFamily(office, {
      email: 'durand@example.fr',
      adults: [{ firstName: 'Jean', lastName: 'Durand', phones: { mobile: '07 01 02 03 04' } }],
      children: [{ firstName: 'Theo', lastName: 'BERARD', birthDate: '2019-03-14' }],
    });
    await createFamily(office, {
      email: 'personne@example.fr',
      adults: [{ firstName: 'Zoé', lastName: 'Sans-Rapport', phones: {} }],
      children: [],
    });
    const byEmail = await receive(
      requested({ email: 'helene.martin@example.fr', firstName: 'X', lastName: 'Y' }),
    );
    // The request's child (Théo Bérard) is also in the Durand family: shown, ranked after the e-mail.
    expect((await open(byEmail.id)).suggestions.map((s) => [s.id, s.reasons])).toEqual([
      [martin.id, ['email']],
      [other.id, ['child']],
    ]);

    const byNames = await receive(
      requested({ firstName: 'MARTIN', lastName: 'helene', email: 'x@example.fr' }),
    );
    const suggestions = (await open(byNames.id)).suggestions;
    expect(suggestions.map((s) => [s.id, s.reasons])).toEqual([
      [martin.id, ['adult']],
      [other.id, ['child']],
    ]);

    const byPhone = await receive(requested({ phone: '+33 7 01 02 03 04', email: 'y@example.fr' }));
    expect((await open(byPhone.id)).suggestions.map((s) => [s.id, s.reasons])).toEqual([
      [other.id, ['phone', 'child']],
    ]);
  });

  it('creates the family from the request as the agent edited it, and links them', async () => {
    const request = await receive();
    const input = familyInput({
      email: request.adult.email,
      adults: [
        {
          firstName: 'Sophie',
          lastName: 'Bérard',
          relation: 'mère',
          phones: { mobile: request.adult.phone },
        },
      ],
      children: [
        { firstName: 'Théo', lastName: 'Bérard', birthDate: '2019-03-14', school: 'École Jean Moulin' },
      ],
    });
    const { request: handled, family } = await value<{ request: AccountRequest; family: FamilyFile }>(
      office.call(agent, 'requests.createFamily', { id: request.id, family: input }),
    );
    expect(family).toMatchObject({ email: 'sophie.berard@example.fr', displayName: 'BÉRARD Sophie' });
    expect(handled).toMatchObject({
      status: 'created',
      family: { id: family.id, displayName: 'BÉRARD Sophie' },
      handledByName: 'Paul Martin',
    });
    expect(await inbox()).toEqual([]);
    expect((await inbox(true)).map((r) => r.id)).toEqual([request.id]);
    expect(
      (await outbox(office)).some((r) => r.entity === 'family' && r.entity_id === String(family.id)),
    ).toBe(true);
  });

  it('refuses to create a family whose e-mail is taken, and leaves the request pending', async () => {
    await createFamily(office);
    const request = await receive(requested({ email: 'helene.martin@example.fr' }));
    const error = await failure(
      office.call(agent, 'requests.createFamily', {
        id: request.id,
        family: familyInput({
          email: 'helene.martin@example.fr',
          adults: [{ firstName: 'S', lastName: 'B', phones: {} }],
        }),
      }),
    );
    expect(error.message).toContain('déjà celle de la famille MARTIN Hélène et Paul');
    expect((await inbox()).map((r) => r.id)).toEqual([request.id]);
    expect(await count(office, 'families')).toBe(1);
  });

  it('links the request to an existing family, copying its e-mail on request', async () => {
    const family = await createFamily(office, { email: null });
    const request = await receive(requested({ email: 'Nouvelle.Adresse@example.fr' }));
    const { family: linked, request: handled } = await value<{ request: AccountRequest; family: FamilyFile }>(
      office.call(agent, 'requests.link', { id: request.id, familyId: family.id, copyEmail: true }),
    );
    expect(linked).toMatchObject({ id: family.id, email: 'nouvelle.adresse@example.fr', version: 2 });
    expect(handled).toMatchObject({ status: 'linked', family: { id: family.id } });
    const actions = await office.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `famille ${family.id}`)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'family.created',
      'family.updated',
      'family.request_linked',
    ]);
  });

  it('links without touching the family when the e-mail is not copied', async () => {
    const family = await createFamily(office);
    const request = await receive();
    const { family: linked } = await value<{ family: FamilyFile }>(
      office.call(agent, 'requests.link', { id: request.id, familyId: family.id }),
    );
    expect(linked.version).toBe(1);
    expect(linked.email).toBe('helene.martin@example.fr');
  });

  it('rejects with a reason mailed to the requester in the same transaction', async () => {
    const request = await receive();
    const error = await failure(office.call(agent, 'requests.reject', { id: request.id, reason: '   ' }));
    expect(error.fields?.reason).toEqual(['Indiquez la raison : elle est envoyée au demandeur.']);
    const rejected = await value<AccountRequest>(
      office.call(agent, 'requests.reject', {
        id: request.id,
        reason: 'Votre adresse n’est pas sur la commune <script>x</script>.',
      }),
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Votre adresse n’est pas sur la commune <script>x</script>.',
    });
    const mails = await office.ctx.db.selectFrom('mail_queue').selectAll().execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to_address: 'sophie.berard@example.fr',
      kind: 'account_request_rejected',
      state: 'queued',
    });
    expect(mails[0]!.subject).toBe('Votre demande de compte au portail famille — Lapalud');
    expect(mails[0]!.text_body).toContain('Votre adresse n’est pas sur la commune <script>x</script>.');
    expect(mails[0]!.html_body).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mails[0]!.html_body).not.toContain('<script>');
  });

  it('handles a request only once', async () => {
    const request = await receive();
    await value(office.call(agent, 'requests.reject', { id: request.id, reason: 'Doublon' }));
    const family = await createFamily(office, { email: 'autre@example.fr' });
    expect(
      await failure(office.call(admin, 'requests.link', { id: request.id, familyId: family.id })),
    ).toMatchObject({ code: 'conflict', message: 'Cette demande a déjà été traitée par Paul Martin.' });
    expect(
      await failure(office.call(admin, 'requests.reject', { id: request.id, reason: 'encore' })),
    ).toMatchObject({
      code: 'conflict',
    });
    expect(await office.ctx.db.selectFrom('mail_queue').selectAll().execute()).toHaveLength(1);
  });

  it('answers not found for an unknown request', async () => {
    expect(await failure(office.call(agent, 'requests.get', { id: 999 }))).toMatchObject({
      code: 'not_found',
    });
  });
});
