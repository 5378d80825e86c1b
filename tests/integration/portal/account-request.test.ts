import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../../src-portal/sync/event-log.repository';
import { failureSchema } from '../../../src-shared/portal/envelope';
import type { PortalFamilyRecord } from '../../../src-shared/sync/protocol';
import { type TestPortal, dialectTargets, startTestPortal } from './helpers';

const { targets, postgresSkipReason, cleanup } = await dialectTargets();
afterAll(cleanup);

const PUBLIC_URL = 'http://portail.test';
const SECRET = 'office-portal-shared-secret-0123456789';

/** What a parent's browser does: keeps cookies, sends the page's origin, reads the form's token. */
class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly portal: TestPortal) {}

  async get(path: string): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${this.portal.url}${path}`, {
      headers: this.cookieHeader(),
      redirect: 'manual',
    });
    this.keepCookies(response);
    return { response, html: await response.text() };
  }

  /** Posts a form as the browser would, from the portal's own page; `token` overrides the form's. */
  async post(
    path: string,
    fields: Record<string, string>,
    { origin = PUBLIC_URL, headers = {} }: { origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${this.portal.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(origin === null ? {} : { Origin: origin }),
        ...this.cookieHeader(),
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
    this.keepCookies(response);
    return { response, html: await response.text() };
  }

  /** Opens the form and returns its CSRF token. */
  async openForm(): Promise<string> {
    const { html } = await this.get('/demande-de-compte');
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error('no CSRF token in the form');
    return token;
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  }
}

function validForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'adult.firstName': 'Hélène',
    'adult.lastName': 'Durand',
    'adult.email': 'helene.durand@example.fr',
    'adult.phone': '06 12 34 56 78',
    'children.0.firstName': 'Léa',
    'children.0.lastName': 'Durand',
    'children.0.birthDate': '2018-03-04',
    'children.1.firstName': '',
    'children.1.lastName': '',
    'children.1.birthDate': '',
    'children.2.firstName': 'Hugo',
    'children.2.lastName': 'Durand',
    'children.2.birthDate': '2020-11-30',
    rows: '3',
    message: 'Garde alternée une semaine sur deux.',
    privacyAccepted: 'yes',
    website: '',
    action: 'send',
    ...overrides,
  };
}

function familyRecord(id: number, email: string): PortalFamilyRecord {
  return {
    id,
    email,
    portalAccess: 'active',
    invitationId: null,
    adults: [],
    address: { line1: '', line2: '', postalCode: '', city: '' },
    children: [],
    lastAppliedEventSeq: 0,
  };
}

describe.each(targets.map((target) => [target.name, target] as const))(
  'account request on %s',
  (_, target) => {
    let portal: TestPortal;
    let browser: Browser;
    let token: string;

    beforeAll(async () => {
      portal = await startTestPortal(target, undefined, {
        PORTAL_PUBLIC_URL: PUBLIC_URL,
        PORTAL_SYNC_SECRET: SECRET,
      });
    });
    afterAll(async () => {
      await portal.stop();
    });
    beforeEach(async () => {
      await portal.database.db.deleteFrom('events').execute();
      await portal.database.db.deleteFrom('rate_limits').execute();
      browser = new Browser(portal);
      token = await browser.openForm();
    });

    const events = () => portal.database.db.selectFrom('events').selectAll().orderBy('seq').execute();
    const send = (fields: Record<string, string>, options?: Parameters<Browser['post']>[2]) =>
      browser.post('/demande-de-compte', { _csrf: token, ...fields }, options);

    it('shows a French form that works without JavaScript, with its CSRF token and a session cookie', async () => {
      const { response, html } = await browser.get('/demande-de-compte');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html).toMatch(/^<!doctype html><html lang="fr">/);
      expect(html).toContain('<h1>Demander un compte</h1>');
      expect(html).toContain(
        'Le service enfance-jeunesse étudiera votre demande et vous répondra par e-mail.',
      );
      for (let row = 0; row < 3; row++) expect(html).toContain(`name="children.${row}.birthDate"`);
      expect(html).not.toContain('name="children.3.birthDate"');
      expect(html).toContain('href="/confidentialite"');
      expect(html).toMatch(
        /<div class="hp" aria-hidden="true"><label[^>]*>[^<]*<\/label><input[^>]*name="website"[^>]*tabindex="-1"/,
      );
      expect(html).toContain(`name="_csrf" value="${token}"`);
      // The first visit set the HttpOnly, SameSite=Lax token cookie (not Secure over plain HTTP).
      const fresh = await fetch(`${portal.url}/demande-de-compte`);
      const cookie = fresh.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^csrf=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
      // The same browser keeps its token.
      expect((await browser.get('/demande-de-compte')).response.headers.get('set-cookie')).toBeNull();
    });

    it('records the request as an account.requested event and answers with the neutral confirmation', async () => {
      const { response } = await send(
        validForm({ 'adult.email': '  Helene.Durand@Example.FR ', 'adult.phone': '+33612345678' }),
      );
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/demande-de-compte/envoyee');

      const [event, ...others] = await events();
      expect(others).toEqual([]);
      expect(event).toMatchObject({ type: 'account.requested', family_id: null });
      const payload = JSON.parse(event!.payload) as Record<string, unknown>;
      expect(payload).toEqual({
        adult: {
          firstName: 'Hélène',
          lastName: 'Durand',
          email: 'helene.durand@example.fr',
          phone: '06 12 34 56 78',
        },
        children: [
          { firstName: 'Léa', lastName: 'Durand', birthDate: '2018-03-04' },
          { firstName: 'Hugo', lastName: 'Durand', birthDate: '2020-11-30' },
        ],
        message: 'Garde alternée une semaine sur deux.',
        privacyAcceptedAt: event!.occurred_at,
        emailKnown: false,
      });

      // The office pulls it like any other event.
      const pulled = await fetch(`${portal.url}/sync/events?after=0`, {
        headers: { Authorization: `Bearer ${SECRET}` },
      });
      expect(JSON.stringify(await pulled.json())).toContain('"type":"account.requested"');

      const confirmation = await browser.get('/demande-de-compte/envoyee');
      expect(confirmation.response.status).toBe(200);
      expect(confirmation.html).toContain(
        'Le service enfance-jeunesse étudiera votre demande et vous répondra par e-mail.',
      );
    });

    it('answers a known e-mail exactly like an unknown one, and flags it for the office', async () => {
      await portal.database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('families')
          .values({
            id: 42,
            email: 'deja.inscrite@example.fr',
            portal_access: 'active',
            invitation_id: null,
            version: 1,
            data: JSON.stringify(familyRecord(42, 'deja.inscrite@example.fr')),
            last_applied_event_seq: 0,
            updated_at: '2026-11-01T00:00:00.000Z',
          })
          .execute();
      });
      try {
        const unknown = await send(validForm({ 'adult.email': 'inconnue@example.fr' }));
        const known = await send(validForm({ 'adult.email': 'Deja.Inscrite@example.fr' }));
        for (const answer of [unknown, known]) {
          expect(answer.response.status).toBe(303);
          expect(answer.response.headers.get('location')).toBe('/demande-de-compte/envoyee');
          expect(answer.html).toBe('');
        }
        expect(unknown.response.headers.get('set-cookie')).toBe(known.response.headers.get('set-cookie'));
        const flags = (await events()).map(
          (event) => (JSON.parse(event.payload) as { emailKnown: boolean }).emailKnown,
        );
        expect(flags).toEqual([false, true]);
      } finally {
        await portal.database.db.deleteFrom('families').where('id', '=', 42).execute();
      }
    });

    it('gives a robot that fills the honeypot the same answer and stores nothing', async () => {
      const { response } = await send(validForm({ website: 'https://spam.example' }));
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/demande-de-compte/envoyee');
      expect(await events()).toEqual([]);
      expect(await portal.database.db.selectFrom('rate_limits').selectAll().execute()).toEqual([]);
    });

    it('limits requests per client IP (5 an hour) with a French 429 page', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await send(validForm({ 'adult.email': `parent${i}@example.fr` }))).response.status).toBe(303);
      }
      const refused = await send(validForm({ 'adult.email': 'parent5@example.fr' }));
      expect(refused.response.status).toBe(429);
      expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(3500);
      expect(refused.html).toContain('Trop de demandes');
      expect(refused.html).toContain('Réessayez plus tard');
      expect(await events()).toHaveLength(5);
      // Neither an IP address nor an e-mail is stored in clear.
      const counters = JSON.stringify(
        await portal.database.db.selectFrom('rate_limits').selectAll().execute(),
      );
      expect(counters).not.toContain('127.0.0.1');
      expect(counters).not.toContain('@example.fr');
    });

    it('limits requests per e-mail (3 a day), however the address is written', async () => {
      for (const email of ['meme@example.fr', 'MEME@example.fr', ' meme@EXAMPLE.fr ']) {
        expect((await send(validForm({ 'adult.email': email }))).response.status).toBe(303);
      }
      expect((await send(validForm({ 'adult.email': 'Meme@Example.Fr' }))).response.status).toBe(429);
      expect((await send(validForm({ 'adult.email': 'autre@example.fr' }))).response.status).toBe(303);
      expect(await events()).toHaveLength(4);
    });

    it('refuses a form without its token, with a forged one, or from another origin: 403 and no event', async () => {
      const attempts = [
        await browser.post('/demande-de-compte', validForm()),
        await browser.post('/demande-de-compte', { ...validForm(), _csrf: 'x'.repeat(43) }),
        await send(validForm(), { origin: 'https://evil.example' }),
        await send(validForm(), { origin: 'null' }),
        await send(validForm(), { origin: null }),
        // The right token but not the cookie that goes with it (another browser's token).
        await new Browser(portal).post('/demande-de-compte', { ...validForm(), _csrf: token }),
      ];
      for (const attempt of attempts) {
        expect(attempt.response.status).toBe(403);
        expect(attempt.html).toContain('Demande refusée');
        expect(attempt.html).toMatch(/<html lang="fr">/);
      }
      expect(await events()).toEqual([]);

      // A JSON client gets the envelope.
      const json = await fetch(`${portal.url}/demande-de-compte`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PUBLIC_URL },
        body: JSON.stringify(validForm()),
      });
      expect(json.status).toBe(403);
      expect(failureSchema.parse(await json.json()).error.code).toBe('forbidden');
      expect(await events()).toEqual([]);

      // The same browser, token and origin together: accepted.
      expect((await send(validForm())).response.status).toBe(303);
      expect(await events()).toHaveLength(1);
    });

    it('accepts a same-origin form identified by its Referer when the browser sends no Origin', async () => {
      const { response } = await send(validForm(), {
        origin: null,
        headers: { Referer: `${PUBLIC_URL}/demande-de-compte` },
      });
      expect(response.status).toBe(303);
      expect(await events()).toHaveLength(1);
    });

    it('shows the errors next to their fields, keeps what was typed, and stores nothing', async () => {
      const { response, html } = await send(
        validForm({
          'adult.firstName': '',
          'adult.email': 'pas-une-adresse',
          'adult.phone': '12',
          'children.0.birthDate': '2031-01-01',
          'children.2.lastName': '',
          privacyAccepted: '',
        }),
      );
      expect(response.status).toBe(400);
      expect(html).toContain('<title>Erreur — Demander un compte');
      expect(html).toContain('6 champs sont à corriger');
      expect(html).toMatch(/id="f-adult-firstName-error">Indiquez le prénom\.</);
      expect(html).toMatch(/id="f-adult-email-error">Adresse e-mail invalide\.</);
      expect(html).toMatch(/id="f-adult-phone-error">Numéro de téléphone invalide/);
      expect(html).toMatch(/id="f-children-0-birthDate-error">La date de naissance doit être passée\.</);
      expect(html).toMatch(/id="f-children-2-lastName-error">Indiquez le nom\.</);
      expect(html).toMatch(/id="f-privacyAccepted-error">Vous devez avoir pris connaissance/);
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain('value="pas-une-adresse"');
      expect(html).toContain('value="Hugo"');
      expect(html).toContain('Garde alternée une semaine sur deux.</textarea>');
      expect(await events()).toEqual([]);
    });

    it('asks for at least one child, refuses an implausible birth date and accepts JJ/MM/AAAA', async () => {
      const none = await send(
        validForm({
          'children.0.firstName': '',
          'children.0.lastName': '',
          'children.0.birthDate': '',
          'children.2.firstName': '',
          'children.2.lastName': '',
          'children.2.birthDate': '',
        }),
      );
      expect(none.response.status).toBe(400);
      expect(none.html).toContain('Indiquez au moins un enfant.');
      const old = await send(validForm({ 'children.0.birthDate': '1990-05-01' }));
      expect(old.html).toContain('L’enfant doit avoir moins de 18 ans');
      const french = await send(validForm({ 'children.0.birthDate': '4/3/2018' }));
      expect(french.response.status).toBe(303);
      const [event] = await events();
      expect(JSON.parse(event!.payload).children[0].birthDate).toBe('2018-03-04');
    });

    it('stores HTML typed in any text field as text and shows it escaped', async () => {
      const script = '<script>alert("x")</script>';
      const image = '<img src=x onerror=alert(1)>';
      const fields = validForm({
        'adult.firstName': script,
        'adult.lastName': image,
        'children.0.firstName': script,
        'children.0.lastName': image,
        'children.2.firstName': `"><b>gras</b>`,
        message: `${script}\n${image}`,
      });
      // Refused once (privacy notice not accepted): everything comes back escaped.
      const rejected = await send({ ...fields, privacyAccepted: '', 'adult.email': `${image}@x` });
      expect(rejected.response.status).toBe(400);
      expect(rejected.html).not.toContain(script);
      expect(rejected.html).not.toContain('<img src=x');
      expect(rejected.html).not.toContain('<b>gras</b>');
      expect(rejected.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(rejected.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(rejected.html).toContain('&quot;&gt;&lt;b&gt;gras&lt;/b&gt;');

      // Accepted: the office receives exactly what was typed, as text.
      expect((await send(fields)).response.status).toBe(303);
      const payload = JSON.parse((await events())[0]!.payload) as {
        adult: { firstName: string; lastName: string };
        children: Array<{ firstName: string; lastName: string }>;
        message: string;
      };
      expect(payload.adult).toMatchObject({ firstName: script, lastName: image });
      expect(payload.children.map((child) => child.firstName)).toEqual([script, '"><b>gras</b>']);
      expect(payload.message).toBe(`${script}\n${image}`);
    });

    it('adds a child row without JavaScript, keeping what was typed, up to six', async () => {
      const more = await send({ ...validForm({ 'adult.email': 'gardee@example.fr' }), action: 'add-child' });
      expect(more.response.status).toBe(200);
      expect(more.html).toContain('name="children.3.birthDate"');
      expect(more.html).toContain('value="gardee@example.fr"');
      expect(more.html).not.toContain('field__error');
      expect(more.html).toContain('name="rows" value="4"');
      const six = await send({ ...validForm(), rows: '6', action: 'add-child' });
      expect(six.html).toContain('name="children.5.birthDate"');
      expect(six.html).not.toContain('name="children.6.birthDate"');
      expect(six.html).not.toContain('Ajouter un enfant');
      expect(six.html).toContain('Plus de 6 enfants ?');
      expect(await events()).toEqual([]);

      // A sixth child is recorded.
      const sixth = {
        'children.5.firstName': 'Zoé',
        'children.5.lastName': 'Durand',
        'children.5.birthDate': '2021-06-01',
      };
      expect((await send({ ...validForm(), rows: '6', ...sixth })).response.status).toBe(303);
      expect(JSON.parse((await events())[0]!.payload).children).toHaveLength(3);
    });

    it('refuses an oversized body with 413 and a malformed one with 403, storing nothing', async () => {
      const huge = await send(validForm({ message: 'x'.repeat(150 * 1024) }));
      expect(huge.response.status).toBe(413);
      const garbage = await fetch(`${portal.url}/demande-de-compte`, {
        method: 'POST',
        headers: {
          'Content-Type': 'multipart/form-data; boundary=nope',
          Origin: PUBLIC_URL,
          Cookie: [...browser.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
        },
        body: '--garbage\r\n\r\n',
      });
      expect(garbage.status).toBe(403);
      expect(await events()).toEqual([]);
    });

    it('keeps appending events with increasing sequence numbers next to other writers', async () => {
      const body = { type: 'profile.change_requested' as const, familyId: 7, payload: { message: 'x' } };
      await Promise.all([
        send(validForm({ 'adult.email': 'a@example.fr' })),
        portal.database.db.transaction().execute((trx) => appendEvent(trx, body, new Date())),
        send(validForm({ 'adult.email': 'b@example.fr' })),
      ]);
      const seqs = (await events()).map((event) => event.seq);
      expect(seqs).toHaveLength(3);
      expect(new Set(seqs).size).toBe(3);
    });
  },
);

if (postgresSkipReason !== undefined) {
  describe.skip(`account request on PostgreSQL — skipped: ${postgresSkipReason}`, () => {
    it('runs the same suite as SQLite', () => {});
  });
}
