import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortalFamilyRecord } from '../../../src-shared/sync/protocol';
import { dialectTargets } from './helpers';
import {
  type Browser,
  GOOD_PASSWORD,
  type ParentPortal,
  familyRecord,
  linkPath,
  startParentPortal,
} from './parent-support';

const { targets, cleanup } = await dialectTargets();
afterAll(cleanup);

const PENDING = 'en attente de prise en compte';

describe.each(targets.map((target) => [target.name, target] as const))('"Ma famille" on %s', (_, target) => {
  let portal: ParentPortal;
  /** Family 7's parent, logged in; the office holds family 7 at version 2 ('active'). */
  let parent: Browser;

  async function signUp(record: PortalFamilyRecord): Promise<Browser> {
    await portal.pushFamily(record, 1);
    const link = linkPath((await portal.mails()).at(-1)!, 'activation');
    const browser = portal.newBrowser();
    expect(
      (await browser.submit(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD })).status,
    ).toBe(303);
    await portal.pushFamily({ ...record, portalAccess: 'active' }, 2);
    return browser;
  }

  async function events(type?: string) {
    const rows = await portal.db.selectFrom('events').selectAll().orderBy('seq').execute();
    return rows
      .filter((row) => type === undefined || row.type === type)
      .map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
  }

  beforeEach(async () => {
    portal = await startParentPortal(target);
    await portal.pushSettings({}, 1);
    parent = await signUp(familyRecord(7));
    // Another family, to try to reach.
    await portal.pushFamily(familyRecord(8, { portalAccess: 'active', invitationId: null }), 1);
  });
  afterEach(async () => {
    await portal.close();
  });

  it('shows the adults, the address, the children and the people allowed to pick them up', async () => {
    const page = await parent.get('/ma-famille');
    expect(page.status).toBe(200);
    for (const text of [
      'Hélène Durand',
      'mère',
      '06 12 34 56 78',
      '04 90 11 22 33',
      'marc@example.fr',
      '1 rue des Écoles',
      '84840 Lapalud',
      'Léa Durand',
      '4 mars 2018',
      'École Jules Ferry',
      'CE2',
      'Josette Martin',
      'grand-mère',
      'Demander une modification',
    ]) {
      expect(page.html).toContain(text);
    }
    expect(page.html).toContain('href="/ma-famille/responsables/701/telephones"');
    expect(page.html).toContain('href="/ma-famille/adresse"');
    expect(page.html).toContain('href="/ma-famille/enfants/711/personnes-autorisees"');
    // Nothing of family 8 (same names in the fixture, other ids).
    expect(page.html).not.toContain('/801/');
    expect(page.html).not.toContain(PENDING);
  });

  it('sends an edited phone to the office and shows it pending until the office applies it', async () => {
    const form = await parent.get('/ma-famille/responsables/701/telephones');
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="version" value="2"');
    const sent = await parent.post('/ma-famille/responsables/701/telephones', {
      version: '2',
      mobile: '07.11.22.33.44',
      home: '',
      work: '+33 4 90 99 88 77',
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/ma-famille?telephones');

    const [event] = await events('profile.updated');
    expect(event!.family_id).toBe(7);
    expect(event!.payload).toEqual({
      basedOnVersion: 2,
      phones: [{ adultId: 701, phones: { mobile: '07 11 22 33 44', home: null, work: '04 90 99 88 77' } }],
    });

    const page = await parent.follow(sent);
    expect(page.html).toContain('Vos numéros de téléphone ont été transmis');
    expect(page.html).toContain(PENDING);
    expect(page.html).toContain('07 11 22 33 44');
    // The edit form starts from what was sent.
    expect((await parent.get('/ma-famille/responsables/701/telephones')).html).toContain(
      'value="07 11 22 33 44"',
    );

    // An office record that has not applied the event yet leaves it pending…
    const adults = familyRecord(7).adults;
    await portal.pushFamily(
      familyRecord(7, { portalAccess: 'active', lastAppliedEventSeq: event!.seq - 1 }),
      3,
    );
    expect((await parent.get('/ma-famille')).html).toContain(PENDING);
    // …the one that carries its seq back clears it, and shows the office's values.
    const applied: PortalFamilyRecord['adults'] = [
      { ...adults[0]!, phones: { mobile: '07 11 22 33 44', home: null, work: '04 90 99 88 77' } },
      adults[1]!,
    ];
    await portal.pushFamily(
      familyRecord(7, { portalAccess: 'active', adults: applied, lastAppliedEventSeq: event!.seq }),
      4,
    );
    const after = await parent.get('/ma-famille');
    expect(after.html).not.toContain(PENDING);
    expect(after.html).toContain('07 11 22 33 44');
    expect(await portal.count('pending_changes')).toBe(0);
  });

  it('sends the address and the pick-up people, validated with the shared rules', async () => {
    await parent.get('/ma-famille/adresse');
    const badAddress = await parent.post('/ma-famille/adresse', {
      version: '2',
      line1: '3 chemin des Vignes',
      line2: '',
      postalCode: '8484',
      city: 'Lapalud',
    });
    expect(badAddress.status).toBe(400);
    expect(badAddress.html).toContain('Code postal à 5 chiffres.');
    expect(badAddress.html).toContain('value="3 chemin des Vignes"');
    expect(await portal.count('events')).toBe(1); // account.activated only
    expect(
      (
        await parent.post('/ma-famille/adresse', {
          version: '2',
          line1: '3 chemin des Vignes',
          line2: '',
          postalCode: '84840',
          city: 'Lapalud',
        })
      ).location,
    ).toBe('/ma-famille?adresse');

    const form = await parent.get('/ma-famille/enfants/711/personnes-autorisees');
    expect(form.html).toContain('value="Josette Martin"');
    const rows: Array<[string, string]> = [
      ['version', '2'],
      // Josette removed (row emptied), two people added, a blank spare row.
      ['people.0.name', ''],
      ['people.0.relation', ''],
      ['people.0.phone', ''],
      ['people.1.name', 'Paul Martin'],
      ['people.1.relation', 'voisin'],
      ['people.1.phone', '0611223344'],
      ['people.2.name', 'Nina'],
      ['people.2.relation', ''],
      ['people.2.phone', 'pas un numéro'],
    ];
    const bad = await parent.post('/ma-famille/enfants/711/personnes-autorisees', rows);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Personne 3, téléphone');
    expect(bad.html).toContain('Un champ est à corriger');
    expect(bad.html).not.toContain('Personnes autorisées :');
    expect(bad.html).toContain('Numéro de téléphone invalide');
    rows[rows.length - 1] = ['people.2.phone', '06 55 44 33 22'];
    const good = await parent.post('/ma-famille/enfants/711/personnes-autorisees', rows);
    expect(good.location).toBe('/ma-famille?personnes');

    const edits = await events('profile.updated');
    expect(edits.map((e) => e.payload)).toEqual([
      {
        basedOnVersion: 2,
        address: { line1: '3 chemin des Vignes', line2: '', postalCode: '84840', city: 'Lapalud' },
      },
      {
        basedOnVersion: 2,
        authorisedPickups: [
          {
            childId: 711,
            people: [
              { name: 'Paul Martin', relation: 'voisin', phone: '06 11 22 33 44' },
              { name: 'Nina', relation: '', phone: '06 55 44 33 22' },
            ],
          },
        ],
      },
    ]);
    const page = await parent.get('/ma-famille');
    expect(page.html.split(PENDING).length - 1).toBe(2);
    expect(page.html).toContain('3 chemin des Vignes');
    expect(page.html).toContain('Paul Martin');
  });

  it('sends a change request to the office and confirms it', async () => {
    await parent.get('/ma-famille/demande');
    const empty = await parent.post('/ma-famille/demande', { message: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Écrivez votre demande.');
    const long = await parent.post('/ma-famille/demande', { message: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.html).toContain('Au plus 2000 caractères.');
    expect(await events('profile.change_requested')).toHaveLength(0);

    const sent = await parent.post('/ma-famille/demande', {
      message: 'Léa a changé de classe : elle est en CM1 depuis la rentrée.',
    });
    expect(sent.location).toBe('/ma-famille?demande');
    expect((await parent.follow(sent)).html).toContain('Votre demande a été transmise');
    const [event] = await events('profile.change_requested');
    expect(event!.family_id).toBe(7);
    expect(event!.payload).toEqual({
      message: 'Léa a changé de classe : elle est en CM1 depuis la rentrée.',
    });
  });

  describe('field rules', () => {
    it('shows read-only fields without an edit link and refuses them when posted anyway', async () => {
      await portal.pushSettings(
        { phones: 'readonly', address: 'readonly', authorisedPickups: 'readonly' },
        2,
      );
      const page = await parent.get('/ma-famille');
      expect(page.html).toContain('06 12 34 56 78');
      expect(page.html).toContain('1 rue des Écoles');
      expect(page.html).toContain('Josette Martin');
      expect(page.html).not.toContain('/telephones"');
      expect(page.html).not.toContain('href="/ma-famille/adresse"');
      expect(page.html).not.toContain('/personnes-autorisees"');

      expect((await parent.get('/ma-famille/responsables/701/telephones')).status).toBe(403);
      await parent.get('/ma-famille');
      const token = parent.pageToken();
      const attempts = [
        await parent.post(
          '/ma-famille/responsables/701/telephones',
          { version: '2', mobile: '07 00 00 00 00', home: '', work: '' },
          { csrf: token },
        ),
        await parent.post(
          '/ma-famille/adresse',
          { version: '2', line1: 'x', line2: '', postalCode: '84840', city: 'y' },
          { csrf: token },
        ),
        await parent.post(
          '/ma-famille/enfants/711/personnes-autorisees',
          [
            ['version', '2'],
            ['people.0.name', 'Pirate'],
            ['people.0.relation', ''],
            ['people.0.phone', '0600000000'],
          ],
          { csrf: token },
        ),
      ];
      for (const attempt of attempts) {
        expect(attempt.status).toBe(403);
        expect(attempt.html).toContain('ne peut pas être modifiée en ligne');
      }
      expect(await events('profile.updated')).toHaveLength(0);
      expect(await portal.count('pending_changes')).toBe(0);
    });

    it('leaves hidden fields out of the page entirely', async () => {
      await portal.pushSettings(
        { phones: 'hidden', address: 'hidden', authorisedPickups: 'hidden', schooling: 'hidden' },
        2,
      );
      const page = await parent.get('/ma-famille');
      expect(page.status).toBe(200);
      expect(page.html).toContain('Hélène Durand');
      expect(page.html).toContain('Léa Durand');
      for (const hidden of [
        '06 12 34 56 78',
        '04 90 11 22 33',
        '1 rue des Écoles',
        'Josette Martin',
        'École Jules Ferry',
        'CE2',
      ]) {
        expect(page.html).not.toContain(hidden);
      }
      expect((await parent.get('/ma-famille/adresse')).status).toBe(403);
      expect((await parent.get('/ma-famille/responsables/701/telephones')).status).toBe(403);
    });
  });

  describe('isolation', () => {
    it('answers another family’s adult or child with 404, logs it, and changes nothing', async () => {
      const token = (await parent.get('/ma-famille'), parent.pageToken());
      const before = await portal.count('events');
      const attempts = [
        await parent.get('/ma-famille/responsables/801/telephones'),
        await parent.post(
          '/ma-famille/responsables/801/telephones',
          { version: '1', mobile: '07 00 00 00 00', home: '', work: '' },
          { csrf: token },
        ),
        await parent.get('/ma-famille/enfants/811/personnes-autorisees'),
        await parent.post(
          '/ma-famille/enfants/811/personnes-autorisees',
          [
            ['version', '1'],
            ['people.0.name', 'Pirate'],
            ['people.0.relation', ''],
            ['people.0.phone', '0600000000'],
          ],
          { csrf: token },
        ),
        // An id that exists nowhere, and ids that are not ids, get the same answer.
        await parent.get('/ma-famille/responsables/999999/telephones'),
        await parent.get('/ma-famille/enfants/abc/personnes-autorisees'),
        await parent.get('/ma-famille/enfants/-1/personnes-autorisees'),
      ];
      for (const attempt of attempts) {
        expect(attempt.status).toBe(404);
        expect(attempt.html).toContain('ne concerne pas votre famille');
      }
      expect(await portal.count('events')).toBe(before);
      expect(await portal.count('pending_changes')).toBe(0);

      const warnings = portal.logs.lines.filter(
        (line) => line.msg === 'a parent asked for something outside their family',
      );
      expect(warnings.length).toBe(attempts.length);
      expect(warnings[0]).toMatchObject({
        level: 40,
        familyId: 7,
        requested: '/ma-famille/responsables/801/telephones',
      });
      // No personal data in those lines.
      expect(JSON.stringify(warnings)).not.toMatch(/Durand|Hélène|example\.fr/);
    });

    it('sends visitors to the login page and changes nothing for them', async () => {
      const visitor = portal.newBrowser();
      expect((await visitor.get('/ma-famille')).location).toBe('/connexion');
      expect((await visitor.get('/ma-famille/adresse')).location).toBe('/connexion');
      await visitor.get('/connexion');
      const posted = await visitor.post('/ma-famille/adresse', {
        version: '2',
        line1: 'x',
        line2: '',
        postalCode: '84840',
        city: 'y',
      });
      expect(posted.status).toBe(303);
      expect(posted.location).toBe('/connexion');
      expect(await events('profile.updated')).toHaveLength(0);
    });
  });

  describe('escaping', () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';

    it('shows HTML from the office record as text', async () => {
      const record = familyRecord(7, {
        portalAccess: 'active',
        adults: [{ ...familyRecord(7).adults[0]!, firstName: payload, relation: `"${payload}` }],
        address: { line1: payload, line2: '', postalCode: '84840', city: payload },
        children: [
          {
            ...familyRecord(7).children[0]!,
            lastName: payload,
            school: payload,
            authorisedPickups: [{ name: payload, relation: payload, phone: '06 00 00 00 00' }],
          },
        ],
      });
      await portal.pushFamily(record, 3);
      for (const path of [
        '/ma-famille',
        '/ma-famille/responsables/701/telephones',
        '/ma-famille/enfants/711/personnes-autorisees',
        '/ma-famille/adresse',
      ]) {
        const page = await parent.get(path);
        expect(page.status, path).toBe(200);
        expect(page.html, path).not.toContain('<script>alert');
        expect(page.html, path).not.toContain('<img src=x');
        expect(page.html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
    });

    it('shows HTML typed by the parent as text, and sends it to the office as text', async () => {
      await parent.get('/ma-famille/demande');
      const tooLong = await parent.post('/ma-famille/demande', { message: `${payload}${'x'.repeat(2000)}` });
      expect(tooLong.html).not.toContain('<script>alert');
      expect(tooLong.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      await parent.post('/ma-famille/demande', { message: payload });
      expect((await events('profile.change_requested'))[0]!.payload).toEqual({ message: payload });

      await parent.get('/ma-famille/enfants/711/personnes-autorisees');
      await parent.post('/ma-famille/enfants/711/personnes-autorisees', [
        ['version', '2'],
        ['people.0.name', payload],
        ['people.0.relation', payload],
        ['people.0.phone', '06 00 00 00 00'],
      ]);
      const page = await parent.get('/ma-famille');
      expect(page.html).toContain(PENDING);
      expect(page.html).not.toContain('<script>alert');
      expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });
});
