import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialectTargets } from './helpers';
import {
  type Browser,
  GOOD_PASSWORD,
  OTHER_PASSWORD,
  type ParentPortal,
  familyRecord,
  linkPath,
  startParentPortal,
} from './parent-support';

// CSRF is about the HTTP layer, identical on both engines: SQLite is enough here.
const { targets, cleanup } = await dialectTargets({ postgres: false });
afterAll(cleanup);

type Snapshot = Record<string, unknown>;

describe('CSRF protection of the parent forms', () => {
  let portal: ParentPortal;
  let parent: Browser;
  let activationLink: string;
  let resetLink: string;

  /** Everything a refused post could have changed. */
  async function snapshot(): Promise<Snapshot> {
    const db = portal.db;
    return {
      events: await portal.count('events'),
      mails: await portal.count('mail_queue'),
      pending: await portal.count('pending_changes'),
      sessions: (await db.selectFrom('parent_sessions').select('id').orderBy('id').execute()).map(
        (r) => r.id,
      ),
      accounts: await db.selectFrom('parent_accounts').selectAll().orderBy('family_id').execute(),
      tokens: await db.selectFrom('auth_tokens').select(['hash', 'used_at']).orderBy('hash').execute(),
    };
  }

  beforeEach(async () => {
    portal = await startParentPortal(targets[0]!);
    await portal.pushSettings({}, 1);
    await portal.pushFamily(familyRecord(7), 1);
    parent = portal.newBrowser();
    await parent.submit(linkPath((await portal.mails()).at(-1)!, 'activation'), {
      password: GOOD_PASSWORD,
      confirmation: GOOD_PASSWORD,
    });
    await portal.pushFamily(familyRecord(7, { portalAccess: 'active' }), 2);
    await portal.newBrowser().submit('/mot-de-passe-oublie', { email: 'famille7@example.fr' });
    resetLink = linkPath((await portal.mails()).at(-1)!, 'reinitialisation');
    await portal.pushFamily(familyRecord(9), 1);
    activationLink = linkPath((await portal.mails()).at(-1)!, 'activation');
  });
  afterEach(async () => {
    await portal.close();
  });

  const newPassword = { password: OTHER_PASSWORD, confirmation: OTHER_PASSWORD };
  /** Every state-changing form of the parent pages: who posts it, where, with what. */
  const forms: Array<{
    name: string;
    as: 'parent' | 'visitor';
    action: () => string;
    fields: Array<[string, string]>;
  }> = [
    {
      name: 'login',
      as: 'visitor',
      action: () => '/connexion',
      fields: [
        ['email', 'famille7@example.fr'],
        ['password', GOOD_PASSWORD],
      ],
    },
    { name: 'logout', as: 'parent', action: () => '/deconnexion', fields: [] },
    { name: 'activation', as: 'visitor', action: () => activationLink, fields: Object.entries(newPassword) },
    {
      name: 'forgotten password',
      as: 'visitor',
      action: () => '/mot-de-passe-oublie',
      fields: [['email', 'famille7@example.fr']],
    },
    { name: 'password reset', as: 'visitor', action: () => resetLink, fields: Object.entries(newPassword) },
    {
      name: 'phones',
      as: 'parent',
      action: () => '/ma-famille/responsables/701/telephones',
      fields: [
        ['version', '2'],
        ['mobile', '07 00 00 00 00'],
        ['home', ''],
        ['work', ''],
      ],
    },
    {
      name: 'address',
      as: 'parent',
      action: () => '/ma-famille/adresse',
      fields: [
        ['version', '2'],
        ['line1', '9 rue Neuve'],
        ['line2', ''],
        ['postalCode', '84840'],
        ['city', 'Lapalud'],
      ],
    },
    {
      name: 'pick-up people',
      as: 'parent',
      action: () => '/ma-famille/enfants/711/personnes-autorisees',
      fields: [
        ['version', '2'],
        ['people.0.name', 'Paul'],
        ['people.0.relation', ''],
        ['people.0.phone', '0611223344'],
      ],
    },
    {
      name: 'change request',
      as: 'parent',
      action: () => '/ma-famille/demande',
      fields: [['message', 'Bonjour']],
    },
  ];

  it.each(forms)(
    'refuses the $name form without a token, with a forged one, or from another site',
    async (form) => {
      const browser = form.as === 'parent' ? parent : portal.newBrowser();
      // A page of the portal first, so the browser holds its CSRF cookie (or session) as a real one would.
      await browser.get(form.as === 'parent' ? '/ma-famille' : '/connexion');
      const ownToken = browser.pageToken();
      // The attacker's own valid token (from their own visit or session) is a forgery for the victim.
      const attacker = portal.newBrowser();
      await attacker.get('/connexion');
      const before = await snapshot();

      const attempts = [
        await browser.post(form.action(), form.fields, { csrf: 'none' }),
        await browser.post(form.action(), form.fields, { csrf: attacker.pageToken() }),
        await browser.post(form.action(), form.fields, { csrf: 'A'.repeat(43) }),
        await browser.post(form.action(), form.fields, { csrf: ownToken, origin: 'https://evil.example' }),
        await browser.post(form.action(), form.fields, { csrf: ownToken, origin: null }),
      ];
      for (const attempt of attempts) {
        expect(attempt.status).toBe(403);
        expect(attempt.html).toContain('Demande refusée');
      }
      expect(await snapshot()).toEqual(before);

      // The same post, done right, goes through: the refusals above were about the token alone.
      const accepted = await browser.post(form.action(), form.fields, { csrf: ownToken });
      expect(accepted.status).not.toBe(403);
    },
  );

  it('binds the token to the session: the token of before the login no longer works after it', async () => {
    const browser = portal.newBrowser();
    await browser.get('/connexion');
    const beforeLogin = browser.pageToken();
    await browser.post('/connexion', { email: 'famille7@example.fr', password: GOOD_PASSWORD });
    const before = await snapshot();
    const refused = await browser.post('/ma-famille/demande', { message: 'Bonjour' }, { csrf: beforeLogin });
    expect(refused.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    await browser.get('/ma-famille/demande');
    expect(browser.pageToken()).not.toBe(beforeLogin);
    expect((await browser.post('/ma-famille/demande', { message: 'Bonjour' })).status).toBe(303);
  });
});
