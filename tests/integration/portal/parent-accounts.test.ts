import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src-portal/accounts/secret-token';
import {
  ACTIVATION_LINK_TTL_MS,
  LOCKOUT_MS,
  RESET_LINK_TTL_MS,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
} from '../../../src-shared/portal/parent-account';
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

const { targets, cleanup } = await dialectTargets();
afterAll(cleanup);

const BAD_CREDENTIALS = 'Adresse e-mail ou mot de passe incorrect.';
const LOCKED = 'Trop d’essais infructueux';

describe.each(targets.map((target) => [target.name, target] as const))(
  'parent accounts on %s',
  (_, target) => {
    let portal: ParentPortal;

    beforeEach(async () => {
      portal = await startParentPortal(target);
      await portal.pushSettings({}, 1);
    });
    afterEach(async () => {
      await portal.close();
    });

    /** Invites family `id` (version 1) and returns the path of the activation link mailed. */
    async function invite(id: number, overrides = {}): Promise<string> {
      await portal.pushFamily(familyRecord(id, overrides), 1);
      const mails = (await portal.mails()).filter((mail) => mail.kind === 'invitation');
      return linkPath(mails.at(-1)!, 'activation');
    }

    /** Invites and activates family `id`, then the office acknowledges (version 2, 'active'). */
    async function activeFamily(id: number, browser = portal.newBrowser()): Promise<Browser> {
      const link = await invite(id);
      const done = await browser.submit(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD });
      expect(done.status).toBe(303);
      await portal.pushFamily(familyRecord(id, { portalAccess: 'active' }), 2);
      return browser;
    }

    async function logIn(browser: Browser, email: string, password: string) {
      return browser.submit('/connexion', { email, password });
    }

    describe('invitation', () => {
      it('queues the French invitation e-mail with a one-time link when the office invites a family', async () => {
        const link = await invite(7);
        const [mail] = await portal.mails();
        expect(mail!.to).toBe('famille7@example.fr');
        expect(mail!.subject).toBe('Votre accès au portail famille — Lapalud');
        expect(mail!.text).toContain(`https://portal.test${link}`);
        expect(mail!.html).toContain(`https://portal.test${link}`);
        expect(link).toMatch(/^\/activation\/[A-Za-z0-9_-]{43}$/);
        // Only the hash of the token is stored.
        const token = link.split('/').at(-1)!;
        const rows = await portal.db.selectFrom('auth_tokens').selectAll().execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.hash).toBe(hashSecret(token));
        expect(JSON.stringify(rows)).not.toContain(token);
        expect(rows[0]!.expires_at).toBe(
          new Date(portal.now().getTime() + ACTIVATION_LINK_TTL_MS).toISOString(),
        );
      });

      it('mails nothing more when the same invitation is pushed again or another field changes', async () => {
        await invite(7);
        await portal.pushFamily(familyRecord(7), 1);
        await portal.pushFamily(
          familyRecord(7, {
            address: { line1: '2 rue Haute', line2: '', postalCode: '84840', city: 'Lapalud' },
          }),
          2,
        );
        expect(await portal.mails()).toHaveLength(1);
      });

      it('issues a new link on resend, and the earlier link no longer works', async () => {
        const first = await invite(7);
        await portal.pushFamily(familyRecord(7, { invitationId: 'invitation-7-2' }), 2);
        const mails = await portal.mails();
        expect(mails).toHaveLength(2);
        const second = linkPath(mails[1]!, 'activation');
        expect(second).not.toBe(first);

        const browser = portal.newBrowser();
        const old = await browser.get(first);
        expect(old.status).toBe(410);
        expect(old.html).toContain('Ce lien n’est plus valable');
        expect((await browser.get(second)).status).toBe(200);
      });

      it('kills the link when the office revokes the invitation', async () => {
        const link = await invite(7);
        await portal.pushFamily(familyRecord(7, { portalAccess: 'none', invitationId: null }), 2);
        const page = await portal.newBrowser().get(link);
        expect(page.status).toBe(410);
        expect(page.html).toContain('Ce lien n’est plus valable');
      });

      it('sends the invitation again to the new address when the office corrects the e-mail of an invited family', async () => {
        const first = await invite(7);
        await portal.pushFamily(familyRecord(7, { email: 'corrigee@example.fr' }), 2);
        const mails = await portal.mails();
        expect(mails.map((mail) => mail.to)).toEqual(['famille7@example.fr', 'corrigee@example.fr']);
        expect((await portal.newBrowser().get(first)).status).toBe(410);
        expect((await portal.newBrowser().get(linkPath(mails[1]!, 'activation'))).status).toBe(200);
      });

      it('answers an unknown or malformed link with a clear 404 page', async () => {
        const browser = portal.newBrowser();
        const unknown = await browser.get(`/activation/${'A'.repeat(43)}`);
        expect(unknown.status).toBe(404);
        expect(unknown.html).toContain('Ce lien n’est pas reconnu');
        expect((await browser.get('/activation/abc')).status).toBe(404);
      });
    });

    describe('activation', () => {
      it('lets the parent choose a password, logs them in, and tells the office', async () => {
        const link = await invite(7);
        const browser = portal.newBrowser();
        const form = await browser.get(link);
        expect(form.status).toBe(200);
        expect(form.html).toContain('famille7@example.fr');
        expect(form.html).toContain('data-password-strength');

        const done = await browser.post(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD });
        expect(done.status).toBe(303);
        expect(done.location).toBe('/ma-famille?bienvenue');
        const home = await browser.follow(done);
        expect(home.status).toBe(200);
        expect(home.html).toContain('Votre accès est activé');
        expect(home.html).toContain('Hélène');

        const events = await portal.db.selectFrom('events').selectAll().execute();
        expect(events.map((e) => [e.type, e.family_id])).toEqual([['account.activated', 7]]);
        const account = await portal.db.selectFrom('parent_accounts').selectAll().executeTakeFirstOrThrow();
        expect(account.password_hash).toMatch(/^scrypt\$/);
        expect(account.password_hash).not.toContain(GOOD_PASSWORD);
      });

      it('refuses a weak password or a different confirmation, and changes nothing', async () => {
        const link = await invite(7);
        const browser = portal.newBrowser();
        await browser.get(link);
        const weak = await browser.post(link, { password: 'court', confirmation: 'court' });
        expect(weak.status).toBe(400);
        expect(weak.html).toContain('Au moins 10 caractères.');
        const withName = await browser.post(link, {
          password: 'Durand-2026-xyz',
          confirmation: 'Durand-2026-xyz',
        });
        expect(withName.status).toBe(400);
        expect(withName.html).toContain('Ne doit pas contenir l’identifiant ni le nom.');
        const mismatch = await browser.post(link, { password: GOOD_PASSWORD, confirmation: OTHER_PASSWORD });
        expect(mismatch.status).toBe(400);
        expect(mismatch.html).toContain('Les deux mots de passe ne sont pas identiques.');

        expect(await portal.count('parent_accounts')).toBe(0);
        expect(await portal.count('events')).toBe(0);
        expect(await portal.count('parent_sessions')).toBe(0);
        // The link still works.
        expect(
          (await browser.post(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD })).status,
        ).toBe(303);
      });

      it('refuses a link used once already', async () => {
        const link = await invite(7);
        await portal.newBrowser().submit(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD });
        const again = portal.newBrowser();
        expect((await again.get(link)).status).toBe(410);
        // Posting the form again (kept open in another tab) is refused the same way.
        const reused = await again.submit(
          '/connexion',
          { password: OTHER_PASSWORD, confirmation: OTHER_PASSWORD },
          link,
        );
        expect(reused.status).toBe(410);
        expect(await portal.count('events')).toBe(1);
        expect(await portal.count('parent_sessions')).toBe(1);
      });

      it('ends the session a shared browser still had when another family activates in it', async () => {
        const browser = await activeFamily(7);
        const link = await invite(8);
        expect(
          (await browser.submit(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD })).status,
        ).toBe(303);
        const sessions = await portal.db.selectFrom('parent_sessions').select('family_id').execute();
        expect(sessions).toEqual([{ family_id: 8 }]);
        expect((await browser.get('/ma-famille')).html).toContain('famille8@example.fr');
      });

      it('refuses a link after 7 days', async () => {
        const link = await invite(7);
        portal.advance(ACTIVATION_LINK_TTL_MS - 1000);
        expect((await portal.newBrowser().get(link)).status).toBe(200);
        portal.advance(1000);
        const page = await portal.newBrowser().get(link);
        expect(page.status).toBe(410);
        expect(page.html).toContain('Ce lien a expiré.');
      });
    });

    describe('login and logout', () => {
      it('logs in with the family e-mail, whatever its case, and out again', async () => {
        const browser = await activeFamily(7, portal.newBrowser());
        await browser.submit('/ma-famille', {}, '/deconnexion');
        expect(await portal.count('parent_sessions')).toBe(0);
        expect(browser.cookies.has('__Host-alp_session')).toBe(false);
        expect((await browser.get('/ma-famille')).location).toBe('/connexion');

        const login = await logIn(browser, '  Famille7@Example.FR ', GOOD_PASSWORD);
        expect(login.status).toBe(303);
        expect(login.location).toBe('/ma-famille');
        expect((await browser.get('/ma-famille')).status).toBe(200);
        expect((await browser.get('/')).location).toBe('/ma-famille');
        expect((await browser.get('/connexion')).location).toBe('/ma-famille');

        const out = await browser.submit('/ma-famille', {}, '/deconnexion');
        expect(out.status).toBe(303);
        expect(out.location).toBe('/connexion?deconnecte');
        expect((await browser.follow(out)).html).toContain('Vous êtes déconnecté(e).');
        expect((await browser.get('/ma-famille')).location).toBe('/connexion');
      });

      it('answers a wrong password, an unknown e-mail and a family without access the same way', async () => {
        await activeFamily(7);
        await portal.pushFamily(familyRecord(8, { portalAccess: 'invited' }), 1);
        await portal.pushFamily(familyRecord(9, { portalAccess: 'none', invitationId: null }), 1);
        const pages = [
          await logIn(portal.newBrowser({ ip: '198.51.100.1' }), 'famille7@example.fr', OTHER_PASSWORD),
          await logIn(portal.newBrowser({ ip: '198.51.100.2' }), 'personne@example.fr', GOOD_PASSWORD),
          await logIn(portal.newBrowser({ ip: '198.51.100.3' }), 'famille8@example.fr', GOOD_PASSWORD),
          await logIn(portal.newBrowser({ ip: '198.51.100.4' }), 'famille9@example.fr', GOOD_PASSWORD),
          await logIn(portal.newBrowser({ ip: '198.51.100.5' }), 'pas une adresse', GOOD_PASSWORD),
        ];
        for (const page of pages) {
          expect(page.status).toBe(401);
          expect(page.html).toContain(BAD_CREDENTIALS);
          expect(page.html).not.toContain(GOOD_PASSWORD);
          expect(page.response.headers.getSetCookie().some((c) => c.includes('alp_session='))).toBe(false);
        }
      });

      it('lets a parent who activated log in again before the office has synced the activation', async () => {
        const link = await invite(7);
        const first = portal.newBrowser();
        await first.submit(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD });
        // The office has not pulled the event yet: the portal still holds 'invited'.
        const again = await logIn(portal.newBrowser(), 'famille7@example.fr', GOOD_PASSWORD);
        expect(again.status).toBe(303);
        // A new invitation (resend) means the earlier activation no longer counts.
        await portal.pushFamily(familyRecord(7, { invitationId: 'invitation-7-2' }), 2);
        expect((await logIn(portal.newBrowser(), 'famille7@example.fr', GOOD_PASSWORD)).status).toBe(401);
      });

      it('sets a fresh HttpOnly, Secure, SameSite=Lax __Host- session cookie at each login', async () => {
        const browser = await activeFamily(7);
        const activationCookie = browser.cookies.get('__Host-alp_session');
        expect(activationCookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
        await browser.submit('/ma-famille', {}, '/deconnexion');
        const login = await logIn(browser, 'famille7@example.fr', GOOD_PASSWORD);
        const line = login.response.headers.getSetCookie().find((c) => c.startsWith('__Host-alp_session='))!;
        expect(line).toMatch(/; Path=\//);
        expect(line).toMatch(/; HttpOnly/);
        expect(line).toMatch(/; Secure/);
        expect(line).toMatch(/; SameSite=Lax/);
        expect(line).not.toMatch(/Domain=/i);
        expect(browser.cookies.get('__Host-alp_session')).not.toBe(activationCookie);
        // The database holds only hashes of the cookie values.
        const ids = (await portal.db.selectFrom('parent_sessions').select('id').execute()).map((r) => r.id);
        expect(ids).toContain(hashSecret(browser.cookies.get('__Host-alp_session')!));
        expect(ids).not.toContain(browser.cookies.get('__Host-alp_session'));
      });

      it('locks the account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
        await activeFamily(7);
        const browser = portal.newBrowser();
        for (let i = 0; i < 5; i++) {
          const page = await logIn(browser, 'famille7@example.fr', `Mauvais-mot-${i}A`);
          expect(page.status).toBe(401);
          expect(page.html).toContain(BAD_CREDENTIALS);
        }
        const locked = await logIn(browser, 'famille7@example.fr', GOOD_PASSWORD);
        expect(locked.status).toBe(429);
        expect(locked.html).toContain(LOCKED);
        expect(await portal.count('parent_sessions')).toBe(1); // only the activation's session

        portal.advance(LOCKOUT_MS - 1000);
        expect((await logIn(browser, 'famille7@example.fr', GOOD_PASSWORD)).status).toBe(429);
        portal.advance(1000);
        expect((await logIn(browser, 'famille7@example.fr', GOOD_PASSWORD)).status).toBe(303);
      });

      it('gives an unknown e-mail the same lockout answer, so the lockout does not reveal accounts', async () => {
        const browser = portal.newBrowser();
        for (let i = 0; i < 5; i++) {
          expect((await logIn(browser, 'inconnu@example.fr', `Mauvais-mot-${i}A`)).status).toBe(401);
        }
        const sixth = await logIn(browser, 'inconnu@example.fr', GOOD_PASSWORD);
        expect(sixth.status).toBe(429);
        expect(sixth.html).toContain(LOCKED);
      });

      it('limits login attempts per IP address', async () => {
        const browser = portal.newBrowser({ ip: '192.0.2.99' });
        let last = await logIn(browser, 'a0@example.fr', 'x');
        for (let i = 1; i < 31; i++) last = await logIn(browser, `a${i}@example.fr`, 'x');
        expect(last.status).toBe(429);
        expect(last.html).toContain('Trop de tentatives depuis votre connexion internet');
        // Another IP is not affected.
        expect((await logIn(portal.newBrowser({ ip: '192.0.2.100' }), 'b@example.fr', 'x')).status).toBe(401);
      });
    });

    describe('sessions', () => {
      it('ends a session after 30 minutes without a request', async () => {
        const browser = await activeFamily(7);
        portal.advance(SESSION_IDLE_MS - 60_000);
        expect((await browser.get('/ma-famille')).status).toBe(200);
        portal.advance(SESSION_IDLE_MS - 60_000);
        // Seen a moment ago: still alive although 58 minutes have passed since the login.
        expect((await browser.get('/ma-famille')).status).toBe(200);
        portal.advance(SESSION_IDLE_MS);
        const expired = await browser.get('/ma-famille');
        expect(expired.status).toBe(303);
        expect(expired.location).toBe('/connexion?expire');
        expect((await browser.follow(expired)).html).toContain('Votre session a expiré');
      });

      it('ends a session 12 hours after the login however active', async () => {
        const browser = await activeFamily(7);
        for (let elapsed = 0; elapsed < SESSION_MAX_MS - 20 * 60_000; elapsed += 20 * 60_000) {
          portal.advance(20 * 60_000);
          expect((await browser.get('/ma-famille')).status).toBe(200);
        }
        portal.advance(20 * 60_000);
        expect((await browser.get('/ma-famille')).location).toBe('/connexion?expire');
      });

      it('ends every session when the office disables the access or changes the e-mail', async () => {
        const browser = await activeFamily(7);
        await portal.pushFamily(familyRecord(7, { portalAccess: 'active', email: 'nouvelle@example.fr' }), 3);
        expect((await browser.get('/ma-famille')).location).toBe('/connexion?expire');
        expect((await logIn(browser, 'famille7@example.fr', GOOD_PASSWORD)).status).toBe(401);
        expect((await logIn(browser, 'nouvelle@example.fr', GOOD_PASSWORD)).status).toBe(303);

        await portal.pushFamily(
          familyRecord(7, { portalAccess: 'disabled', invitationId: null, email: 'nouvelle@example.fr' }),
          4,
        );
        expect(await portal.count('parent_sessions')).toBe(0);
        expect((await browser.get('/ma-famille')).location).toBe('/connexion?expire');
        expect((await logIn(browser, 'nouvelle@example.fr', GOOD_PASSWORD)).status).toBe(401);
      });
    });

    it('forgets the account, its sessions and links when the office deletes the family', async () => {
      const browser = await activeFamily(7);
      await portal.push([{ entity: 'family', id: '7', version: 3, data: null }]);
      for (const table of ['parent_sessions', 'parent_accounts'] as const)
        expect(await portal.count(table)).toBe(0);
      expect(await portal.db.selectFrom('auth_tokens').selectAll().execute()).toEqual([]);
      expect((await browser.get('/ma-famille')).location).toBe('/connexion?expire');
    });

    describe('forgotten password', () => {
      it('gives the same answer for an unknown e-mail and mails nothing', async () => {
        const known = await activeFamily(7);
        void known;
        const before = (await portal.mails()).length;
        const unknown = await portal
          .newBrowser()
          .submit('/mot-de-passe-oublie', { email: 'personne@example.fr' });
        const invited = await portal
          .newBrowser()
          .submit('/mot-de-passe-oublie', { email: 'famille8@example.fr' });
        const real = await portal
          .newBrowser()
          .submit('/mot-de-passe-oublie', { email: 'famille7@example.fr' });
        for (const page of [unknown, invited, real]) {
          expect(page.status).toBe(200);
          expect(page.html).toContain('Si un compte actif correspond à cette adresse');
        }
        const mails = await portal.mails();
        expect(mails).toHaveLength(before + 1);
        expect(mails.at(-1)!.to).toBe('famille7@example.fr');
        expect(mails.at(-1)!.kind).toBe('password_reset');
      });

      it('sets a new password with the mailed link once, ends the other sessions and logs in', async () => {
        const other = await activeFamily(7);
        await portal.newBrowser().submit('/mot-de-passe-oublie', { email: 'Famille7@example.fr' });
        const link = linkPath((await portal.mails()).at(-1)!, 'reinitialisation');
        expect(link).toMatch(/^\/reinitialisation\/[A-Za-z0-9_-]{43}$/);

        const browser = portal.newBrowser();
        const form = await browser.get(link);
        expect(form.status).toBe(200);
        const weak = await browser.post(link, { password: 'faible', confirmation: 'faible' });
        expect(weak.status).toBe(400);
        const done = await browser.post(link, { password: OTHER_PASSWORD, confirmation: OTHER_PASSWORD });
        expect(done.status).toBe(303);
        expect(done.location).toBe('/ma-famille?mot-de-passe');
        expect((await browser.get('/ma-famille')).status).toBe(200);
        // The session opened elsewhere with the old password is over.
        expect((await other.get('/ma-famille')).location).toBe('/connexion?expire');
        expect((await logIn(portal.newBrowser(), 'famille7@example.fr', GOOD_PASSWORD)).status).toBe(401);
        expect((await logIn(portal.newBrowser(), 'famille7@example.fr', OTHER_PASSWORD)).status).toBe(303);
        // Single use.
        expect((await portal.newBrowser().get(link)).status).toBe(410);
      });

      it('refuses a reset link after 1 hour, and an earlier link once a newer one is sent', async () => {
        await activeFamily(7);
        await portal.newBrowser().submit('/mot-de-passe-oublie', { email: 'famille7@example.fr' });
        const first = linkPath((await portal.mails()).at(-1)!, 'reinitialisation');
        await portal.newBrowser().submit('/mot-de-passe-oublie', { email: 'famille7@example.fr' });
        const second = linkPath((await portal.mails()).at(-1)!, 'reinitialisation');
        expect((await portal.newBrowser().get(first)).status).toBe(410);
        portal.advance(RESET_LINK_TTL_MS - 1000);
        expect((await portal.newBrowser().get(second)).status).toBe(200);
        portal.advance(1000);
        const expired = await portal.newBrowser().get(second);
        expect(expired.status).toBe(410);
        expect(expired.html).toContain('Ce lien a expiré.');
      });

      it('lifts a lockout', async () => {
        await activeFamily(7);
        const browser = portal.newBrowser();
        for (let i = 0; i < 5; i++) await logIn(browser, 'famille7@example.fr', `Mauvais-mot-${i}A`);
        expect((await logIn(browser, 'famille7@example.fr', GOOD_PASSWORD)).status).toBe(429);
        await browser.submit('/mot-de-passe-oublie', { email: 'famille7@example.fr' });
        const link = linkPath((await portal.mails()).at(-1)!, 'reinitialisation');
        expect(
          (await browser.submit(link, { password: OTHER_PASSWORD, confirmation: OTHER_PASSWORD })).status,
        ).toBe(303);
        await browser.submit('/ma-famille', {}, '/deconnexion');
        expect((await logIn(browser, 'famille7@example.fr', OTHER_PASSWORD)).status).toBe(303);
      });

      it('mails at most 3 links an hour to one address, with the same answer', async () => {
        await activeFamily(7);
        const before = (await portal.mails()).length;
        for (let i = 0; i < 5; i++) {
          const page = await portal
            .newBrowser({ ip: `198.51.100.${i + 20}` })
            .submit('/mot-de-passe-oublie', { email: 'famille7@example.fr' });
          expect(page.status).toBe(200);
        }
        expect((await portal.mails()).length).toBe(before + 3);
      });
    });

    it('never writes a link’s secret, a password or a session cookie to the log', async () => {
      const browser = await activeFamily(7);
      const activationPath = linkPath((await portal.mails())[0]!, 'activation');
      await browser.submit('/ma-famille', {}, '/deconnexion');
      await logIn(browser, 'famille7@example.fr', OTHER_PASSWORD);
      await logIn(browser, 'famille7@example.fr', GOOD_PASSWORD);
      await portal.newBrowser().submit('/mot-de-passe-oublie', { email: 'famille7@example.fr' });
      const resetPath = linkPath((await portal.mails()).at(-1)!, 'reinitialisation');
      await portal.newBrowser().get(resetPath);
      const log = portal.logs.raw();
      for (const secret of [
        activationPath.split('/').at(-1)!,
        resetPath.split('/').at(-1)!,
        GOOD_PASSWORD,
        OTHER_PASSWORD,
        browser.cookies.get('__Host-alp_session')!,
      ]) {
        expect(log).not.toContain(secret);
      }
      expect(log).toContain('"path":"/activation/[secret]"');
      expect(log).toContain('"path":"/reinitialisation/[secret]"');
    });

    it('shows visitors a welcome page with the ways in', async () => {
      const page = await portal.newBrowser().get('/');
      expect(page.status).toBe(200);
      expect(page.html).toContain('href="/connexion"');
      expect(page.html).toContain('href="/demande-de-compte"');
    });
  },
);

describe('parent session cookie over plain HTTP', () => {
  it('is named alp_session and not Secure (a developer machine without TLS)', async () => {
    const [sqlite] = targets;
    const portal = await startParentPortal(sqlite!, { PORTAL_PUBLIC_URL: 'http://portal.test' });
    try {
      await portal.pushFamily(familyRecord(7), 1);
      const link = linkPath(
        { text: (await portal.mails())[0]!.text.replace('http://portal.test', 'https://portal.test') },
        'activation',
      );
      const browser = portal.newBrowser();
      const done = await browser.submit(link, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD });
      const line = done.response.headers.getSetCookie().find((c) => c.startsWith('alp_session='))!;
      expect(line).toMatch(/; HttpOnly/);
      expect(line).toMatch(/; SameSite=Lax/);
      expect(line).not.toMatch(/Secure/);
    } finally {
      await portal.close();
    }
  });
});
