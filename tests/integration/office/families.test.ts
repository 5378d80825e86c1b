import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, FamilyFile, FamilySummary } from '../../../src-shared/api/contract';
import { portalFamilyRecordSchema, portalSettingsRecordSchema } from '../../../src-shared/sync/protocol';
import { createSyntheticFamilies } from '../../../src-main/features/families/families.synthetic';
import type { TestOffice } from '../../support/office';
import {
  admin,
  agent,
  asInput,
  count,
  createFamily,
  expectNoStaffOnlyData,
  failure,
  familyInput,
  officeWithStaff,
  type Failure,
  outbox,
  value,
} from './families-support';

let office: TestOffice;
beforeEach(async () => {
  office = await officeWithStaff();
});
afterEach(async () => {
  await office.close();
});

const update = (file: FamilyFile, family: Record<string, unknown>, caller = admin) =>
  office.call(caller, 'families.update', { id: file.id, expectedVersion: file.version, family });

const history = async (id: number) =>
  (await value<{ entries: AuditEntry[] }>(office.call(agent, 'families.history', { id }))).entries;

describe('creating a family file', () => {
  it('stores adults, children and pick-up people, with the e-mail and phones normalised, at version 1', async () => {
    const file = await value<FamilyFile>(office.call(agent, 'families.create', familyInput()));
    expect(file).toMatchObject({
      version: 1,
      displayName: 'MARTIN Hélène et Paul',
      email: 'helene.martin@example.fr',
      portalAccess: 'none',
      quotientFamilial: { value: 742, validUntil: '2027-07-31', source: 'CAF' },
    });
    expect(file.adults.map((a) => a.phones.mobile)).toEqual(['06 12 34 56 78', '07 11 22 33 44']);
    expect(file.adults[0]!.phones.home).toBeNull();
    expect(file.children.map((c) => c.firstName)).toEqual(['Léa', 'Noé']);
    expect(file.children[0]!.authorisedPickups).toEqual([
      { name: 'Josette Martin', relation: 'grand-mère', phone: '06 98 76 54 32' },
    ]);
    expect(await value(office.call(agent, 'families.get', { id: file.id }))).toEqual(file);
  });

  it('queues the portal settings, then the family record without health notes, PAI, notes or QF', async () => {
    const file = await createFamily(office);
    const rows = await outbox(office);
    expect(rows.map((r) => [r.entity, r.entity_id, r.version])).toEqual([
      ['portal_settings', 'settings', 1],
      ['family', String(file.id), 1],
    ]);
    expect(portalSettingsRecordSchema.parse(rows[0]!.data)).toMatchObject({ communeName: 'Lapalud' });
    const record = portalFamilyRecordSchema.parse(rows[1]!.data);
    expect(record).toMatchObject({ id: file.id, email: 'helene.martin@example.fr', invitationId: null });
    expect(record.children[0]).toEqual({
      id: file.children[0]!.id,
      firstName: 'Léa',
      lastName: 'Martin',
      birthDate: '2018-04-12',
      school: 'École élémentaire Jean Moulin',
      className: 'CE2',
      authorisedPickups: [{ name: 'Josette Martin', relation: 'grand-mère', phone: '06 98 76 54 32' }],
    });
    expectNoStaffOnlyData(rows[1]!.payload);
  });

  it('records who created the file in its history, visible to every agent', async () => {
    const file = await createFamily(office);
    const [entry] = await history(file.id);
    expect(entry).toMatchObject({
      action: 'family.created',
      actorName: 'Marie Dupont',
      target: `famille ${file.id}`,
    });
    expect(JSON.stringify(entry!.details)).toContain('Léa Martin');
  });

  it('refuses invalid input with French messages next to each field, and writes nothing', async () => {
    const bad = familyInput({
      adults: [
        { firstName: '', lastName: 'Martin', relation: '', phones: { mobile: '12', home: '', work: '' } },
      ],
      address: { line1: '', line2: '', postalCode: '8484', city: '' },
      children: [
        {
          firstName: 'Léa',
          lastName: 'Martin',
          birthDate: '2018-02-30',
          school: '',
          className: '',
          healthNotes: '',
          pai: false,
          authorisedPickups: [{ name: 'Mamie', relation: '', phone: 'pas de numéro' }],
        },
      ],
      email: 'pas-une-adresse',
    });
    const error = await failure(office.call(agent, 'families.create', bad));
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toMatchObject({
      email: ['Adresse e-mail invalide.'],
      'adults.0.firstName': ['Ce champ est obligatoire.'],
      'adults.0.phones.mobile': ['Numéro de téléphone invalide (ex. 06 12 34 56 78).'],
      'address.postalCode': ['Code postal à 5 chiffres.'],
      'children.0.birthDate': ['Date invalide (AAAA-MM-JJ).'],
      'children.0.authorisedPickups.0.phone': ['Numéro de téléphone invalide (ex. 06 12 34 56 78).'],
    });
    expect(await count(office, 'families')).toBe(0);
    expect(await count(office, 'sync_outbox')).toBe(0);
  });

  it('refuses a birth date in the future and the same child twice', async () => {
    const input = familyInput();
    const lea = input.children[0]!;
    const error = await failure(
      office.call(agent, 'families.create', {
        ...input,
        children: [{ ...lea, birthDate: '2027-01-01' }, lea, lea],
      }),
    );
    expect(error.fields).toMatchObject({
      'children.0.birthDate': ['La date de naissance est dans le futur.'],
      'children.2.firstName': ['Cet enfant figure déjà dans la fiche.'],
    });
    expect(await count(office, 'families')).toBe(0);
  });

  it('keeps HTML typed in any text field as plain text', async () => {
    const html = '<img src=x onerror="alert(1)"><script>alert("x")</script>';
    const input = familyInput();
    const file = await value<FamilyFile>(
      office.call(agent, 'families.create', {
        ...input,
        adults: [
          { ...input.adults[0]!, firstName: html, lastName: `<b>${html}</b>`, relation: '<b>mère</b>' },
        ],
        address: { line1: html, line2: html, postalCode: '', city: html },
        children: [
          { ...input.children[0]!, school: html, className: '<i>', healthNotes: html, authorisedPickups: [] },
        ],
        notes: html,
      }),
    );
    const again = await value<FamilyFile>(office.call(agent, 'families.get', { id: file.id }));
    expect(again.adults[0]).toMatchObject({
      firstName: html,
      lastName: `<b>${html}</b>`,
      relation: '<b>mère</b>',
    });
    expect(again.address).toMatchObject({ line1: html, line2: html, city: html });
    expect(again.children[0]).toMatchObject({ school: html, className: '<i>', healthNotes: html });
    expect(again.notes).toBe(html);
  });
});

describe('one e-mail per family', () => {
  it('refuses an e-mail already used, however it is cased or spaced, naming the family', async () => {
    const first = await createFamily(office);
    const error = await failure(
      office.call(
        agent,
        'families.create',
        familyInput({
          email: '  HELENE.martin@EXAMPLE.FR',
          adults: [{ firstName: 'Jean', lastName: 'Durand', phones: {} }],
          children: [],
        }),
      ),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      `Cette adresse e-mail est déjà celle de la famille MARTIN Hélène et Paul (fiche n° ${first.id}).`,
    );
    expect(error.fields?.email).toEqual([error.message]);
    expect(await count(office, 'families')).toBe(1);
  });

  it('refuses it on an update too, and finds the owner for the form', async () => {
    const first = await createFamily(office);
    const second = await createFamily(office, {
      email: 'durand@example.fr',
      adults: [{ firstName: 'Jean', lastName: 'Durand', phones: {} }],
      children: [],
    });
    const error = await failure(update(second, { ...asInput(second), email: 'Helene.Martin@example.fr' }));
    expect(error.message).toContain('famille MARTIN Hélène et Paul');
    expect(
      await value(office.call(agent, 'families.findByEmail', { email: ' HELENE.MARTIN@example.fr' })),
    ).toEqual({
      id: first.id,
      displayName: 'MARTIN Hélène et Paul',
    });
    expect(
      await value(
        office.call(agent, 'families.findByEmail', { email: 'helene.martin@example.fr', exceptId: first.id }),
      ),
    ).toBeNull();
    expect(await value(office.call(agent, 'families.findByEmail', { email: 'pas une adresse' }))).toBeNull();
  });

  it('holds under a race: two families saved at once with the same address, one is refused in French', async () => {
    const other = { adults: [{ firstName: 'Jean', lastName: 'Durand', phones: {} }], children: [] };
    const results = await Promise.all([
      office.call(admin, 'families.create', familyInput({ email: 'same@example.fr' })),
      office.call(agent, 'families.create', familyInput({ ...other, email: 'SAME@example.fr' })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok) as { ok: false; error: Failure } | undefined;
    expect(refused?.error.message).toMatch(/^Cette adresse e-mail est déjà celle de la famille /);
    expect(await count(office, 'families')).toBe(1);
  });

  it('is enforced by the database itself, whatever the case', async () => {
    await createFamily(office);
    const at = '2026-11-27T09:00:00.000Z';
    const insert = office.ctx.db
      .insertInto('families')
      .values({ email: 'helene.martin@example.fr', created_at: at, updated_at: at } as never)
      .execute();
    await expect(insert).rejects.toThrow(/UNIQUE constraint failed: families.email/);
  });
});

describe('editing a family file', () => {
  it('bumps the version, records the field-level changes and queues the new portal record', async () => {
    const file = await createFamily(office);
    const input = asInput(file);
    input.adults[0] = {
      ...input.adults[0]!,
      phones: { ...input.adults[0]!.phones, mobile: '07 00 00 00 01' },
    };
    input.address = { ...input.address, line1: '3 chemin des Oliviers' };
    const saved = await value<FamilyFile>(update(file, input, agent));
    expect(saved.version).toBe(2);
    expect(saved.adults[0]!.id).toBe(file.adults[0]!.id);

    const [entry] = await history(file.id);
    expect(entry).toMatchObject({ action: 'family.updated', actorName: 'Paul Martin' });
    expect(entry!.details!.changes).toEqual([
      { field: 'Hélène Martin — téléphone mobile', from: '06 12 34 56 78', to: '07 00 00 00 01' },
      { field: 'Adresse', from: '12 rue des Écoles', to: '3 chemin des Oliviers' },
    ]);
    const last = (await outbox(office)).at(-1)!;
    expect([last.entity, last.version]).toEqual(['family', 2]);
    expect(portalFamilyRecordSchema.parse(last.data).adults[0]!.phones.mobile).toBe('07 00 00 00 01');
  });

  it('changes staff-only data without sending anything to the portal, and never copies health notes into the history', async () => {
    const file = await createFamily(office);
    const before = await count(office, 'sync_outbox');
    const input = asInput(file);
    input.children[0] = { ...input.children[0]!, healthNotes: 'Nouvelle allergie : kiwi', pai: false };
    input.quotientFamilial = { ...input.quotientFamilial, value: 900 };
    input.notes = 'Nouvelle note confidentielle';
    const saved = await value<FamilyFile>(update(file, input));
    expect(saved.version).toBe(2);
    expect(await count(office, 'sync_outbox')).toBe(before);
    const details = JSON.stringify((await history(file.id))[0]!.details);
    expect(details).toContain('informations de santé (modifiées)');
    expect(details).toContain('Notes (modifiées)');
    expect(details).not.toContain('kiwi');
    expect(details).not.toContain('confidentielle');
  });

  it('adds and removes a second adult, children and pick-up people, keeping the ids of those who stay', async () => {
    const file = await createFamily(office);
    const input = asInput(file);
    const saved = await value<FamilyFile>(
      update(file, {
        ...input,
        adults: [input.adults[0]],
        children: [
          {
            ...input.children[1]!,
            authorisedPickups: [{ name: 'Tata Zoé', relation: 'tante', phone: '0611111111' }],
          },
          { firstName: 'Inès', lastName: 'Martin', birthDate: '2023-01-05', authorisedPickups: [] },
        ],
      }),
    );
    expect(saved.adults.map((a) => a.id)).toEqual([file.adults[0]!.id]);
    expect(saved.children.map((c) => c.firstName)).toEqual(['Noé', 'Inès']);
    expect(saved.children[0]!.id).toBe(file.children[1]!.id);
    expect(saved.children[0]!.authorisedPickups).toEqual([
      { name: 'Tata Zoé', relation: 'tante', phone: '06 11 11 11 11' },
    ]);
    const changes = JSON.stringify((await history(file.id))[0]!.details);
    expect(changes).toContain('Responsable retiré');
    expect(changes).toContain('Enfant retiré');
    expect(changes).toContain('Enfant ajouté');
    const pickups = await office.ctx.db.selectFrom('child_pickups').select('name').execute();
    expect(pickups.map((p) => p.name)).toEqual(['Tata Zoé']);
  });

  it('saves nothing when nothing changed', async () => {
    const file = await createFamily(office);
    const saved = await value<FamilyFile>(update(file, asInput(file)));
    expect(saved.version).toBe(1);
    expect(await history(file.id)).toHaveLength(1);
  });

  it('refuses to overwrite a newer version, naming who changed it', async () => {
    const file = await createFamily(office);
    await value(update(file, { ...asInput(file), notes: 'par Paul' }, agent));
    const error = await failure(update(file, { ...asInput(file), notes: 'par Marie' }));
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toContain('modifiée entre-temps par Paul Martin');
    expect((await value<FamilyFile>(office.call(admin, 'families.get', { id: file.id }))).notes).toBe(
      'par Paul',
    );
  });

  it('is all or nothing: a person from another family rolls the whole save back', async () => {
    const file = await createFamily(office);
    const other = await createFamily(office, {
      email: 'autre@example.fr',
      adults: [{ firstName: 'Jean', lastName: 'Durand', phones: {} }],
    });
    const input = asInput(file);
    const error = await failure(
      update(file, {
        ...input,
        address: { ...input.address, line1: 'ne doit pas rester' },
        children: [...input.children, { ...other.children[0]!, firstName: 'Intrus' }],
      }),
    );
    expect(error.code).toBe('conflict');
    const again = await value<FamilyFile>(office.call(admin, 'families.get', { id: file.id }));
    expect(again).toEqual(file);
    expect((await outbox(office)).filter((r) => r.entity_id === String(file.id))).toHaveLength(1);
    expect(await history(file.id)).toHaveLength(1);
  });

  it('archives a family instead of deleting it, closing its portal access', async () => {
    const file = await createFamily(office);
    await value(office.call(agent, 'families.setPortalAccess', { id: file.id, action: 'invite' }));
    const archived = await value<FamilyFile>(
      office.call(agent, 'families.setArchived', { id: file.id, archived: true }),
    );
    expect(archived).toMatchObject({ archived: true, portalAccess: 'none' });
    const search = await value<{ families: FamilySummary[] }>(
      office.call(agent, 'families.search', { query: 'martin' }),
    );
    expect(search.families).toEqual([]);
    const withArchived = await value<{ families: FamilySummary[] }>(
      office.call(agent, 'families.search', { query: 'martin', includeArchived: true }),
    );
    expect(withArchived.families.map((f) => f.id)).toEqual([file.id]);
  });
});

describe('searching families', () => {
  const names = (result: { families: FamilySummary[] }) => result.families.map((f) => f.displayName);
  const search = (query: string) =>
    value<{ families: FamilySummary[]; hasMore: boolean }>(office.call(agent, 'families.search', { query }));

  beforeEach(async () => {
    await createFamily(office);
    await createFamily(office, {
      email: 'famille.dupre@example.org',
      adults: [{ firstName: 'Jérôme', lastName: 'Dupré', phones: { mobile: '07 55 44 33 22' } }],
      children: [{ firstName: 'Chloé', lastName: 'Dupré-Martin', birthDate: '2017-05-02' }],
    });
    await createFamily(office, {
      email: null,
      adults: [{ firstName: 'Anaïs', lastName: 'Martinez', phones: { home: '04 90 12 34 56' } }],
      children: [],
    });
  });

  it.each([
    ['helene', ['MARTIN Hélène et Paul']],
    ['HÉLÈNE', ['MARTIN Hélène et Paul']],
    ['hel mar', ['MARTIN Hélène et Paul']],
    ['chloe', ['DUPRÉ Jérôme']],
    ['lea', ['MARTIN Hélène et Paul']],
    ['06 12', ['MARTIN Hélène et Paul']],
    ['0612 34', ['MARTIN Hélène et Paul']],
    ['+33 7 55', ['DUPRÉ Jérôme']],
    ['04.90.12', ['MARTINEZ Anaïs']],
    ['famille.dupre@', ['DUPRÉ Jérôme']],
    ['paul.martin@example.fr', ['MARTIN Hélène et Paul']],
    ['zzz', []],
  ])('%j finds %j', async (query, expected) => {
    expect(names(await search(query))).toEqual(expected);
  });

  it('matches from the start of words, family names first', async () => {
    expect(names(await search('martin'))).toEqual([
      'MARTIN Hélène et Paul',
      'MARTINEZ Anaïs',
      'DUPRÉ Jérôme',
    ]);
    expect(names(await search('artin'))).toEqual([]);
  });

  it('lists families alphabetically when the search is empty', async () => {
    expect(names(await search(''))).toEqual(['DUPRÉ Jérôme', 'MARTIN Hélène et Paul', 'MARTINEZ Anaïs']);
  });

  it('finds the search text updated after an edit', async () => {
    const [file] = (await search('anais')).families;
    const full = await value<FamilyFile>(office.call(agent, 'families.get', { id: file!.id }));
    await value(update(full, { ...asInput(full), adults: [{ ...full.adults[0]!, lastName: 'Béranger' }] }));
    expect(names(await search('beranger'))).toEqual(['BÉRANGER Anaïs']);
    expect(names(await search('martinez'))).toEqual([]);
  });

  it('stays correct on a large commune: 5,000 families, results limited with more to come', async () => {
    const generated = await createSyntheticFamilies(office.ctx.db, {
      count: 5000,
      seed: 7,
      at: '2026-11-27T09:00:00.000Z',
    });
    expect(generated).toMatchObject({ families: 5000, children: 8000 });
    const many = await search('e');
    expect(many.families).toHaveLength(50);
    expect(many.hasMore).toBe(true);
    expect(names(await search('helene martin'))[0]).toBe('MARTIN Hélène et Paul');
    expect(names(await search('06 12 34 56 78'))).toContain('MARTIN Hélène et Paul');
    const all = await search('');
    expect(all.families).toHaveLength(50);
  });
});

describe('synthetic families', () => {
  it('are reproducible from their seed, French, with unique example e-mails and portal records queued', async () => {
    await createSyntheticFamilies(office.ctx.db, { count: 30, seed: 3, at: '2026-11-27T09:00:00.000Z' });
    const rows = await office.ctx.db
      .selectFrom('family_adults')
      .select(['first_name', 'last_name'])
      .execute();
    expect(rows.some((r) => /[éèëêïîôçà]/i.test(r.first_name + r.last_name))).toBe(true);
    const emails = (await office.ctx.db.selectFrom('families').select('email').execute())
      .map((r) => r.email)
      .filter((e) => e !== null);
    expect(new Set(emails).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(/@example\.(org|net)$/);
    const records = (await outbox(office)).filter((r) => r.entity === 'family');
    expect(records).toHaveLength(30);
    for (const r of records) {
      const record = portalFamilyRecordSchema.strict().parse(r.data);
      for (const child of record.children) expect(Object.keys(child)).not.toContain('healthNotes');
      expect(r.payload).not.toMatch(
        /healthNotes|"pai"|"notes"|quotientFamilial|Allergie|Asthme|assistante sociale/,
      );
    }

    const again = await officeWithStaff();
    try {
      await createSyntheticFamilies(again.ctx.db, { count: 30, seed: 3, at: '2026-11-27T09:00:00.000Z' });
      const same = await again.ctx.db
        .selectFrom('family_adults')
        .select(['first_name', 'last_name'])
        .execute();
      expect(same).toEqual(rows);
    } finally {
      await again.close();
    }
  });
});

describe('access', () => {
  it('lets every signed-in member work on families, but nobody signed out', async () => {
    await office.call(agent, 'auth.logout', {});
    expect(await failure(office.call(agent, 'families.search', { query: '' }))).toMatchObject({
      code: 'unauthenticated',
    });
  });
});
