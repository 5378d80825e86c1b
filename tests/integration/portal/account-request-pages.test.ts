import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordScore } from '../../../src-shared/staff/password-policy';
import { SYNC_PUSH_MEDIA_TYPE, encodeSyncRecords } from '../../../src-shared/sync/protocol';
import { type TestPortal, dialectTargets, startTestPortal } from './helpers';

/**
 * The frame every portal page shares (layout, static files, privacy notice), the CSRF cookie over
 * HTTPS, and the JSX set-up of portal pages. The account request form is the page used to look at
 * them; its behaviour is in account-request.test.ts.
 */

const { targets, cleanup } = await dialectTargets({ postgres: false });
afterAll(cleanup);
const sqlite = targets[0]!;
const SECRET = 'office-portal-shared-secret-0123456789';

describe('portal pages', () => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal(sqlite, undefined, {
      PORTAL_SYNC_SECRET: SECRET,
      PORTAL_PUBLIC_URL: 'https://portail.example',
      PORTAL_TRUST_PROXY: 'true',
    });
  });
  afterAll(async () => {
    await portal.stop();
  });

  async function page(pathname: string) {
    const response = await fetch(`${portal.url}${pathname}`);
    return { response, html: await response.text() };
  }

  async function pushSettings(version: number, communeName: string) {
    const response = await fetch(`${portal.url}/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': SYNC_PUSH_MEDIA_TYPE, Authorization: `Bearer ${SECRET}` },
      body: encodeSyncRecords([
        {
          entity: 'portal_settings',
          id: 'settings',
          version,
          data: {
            communeName,
            fieldRules: {
              phones: 'editable',
              address: 'editable',
              authorisedPickups: 'editable',
              schooling: 'readonly',
            },
            contactEmail: 'enfance@mairie.example',
            contactPhone: '04 90 00 00 00',
          },
        },
      ]),
    });
    expect(response.status).toBe(200);
  }

  it('names the portal "Portail famille" until the office has synced its settings, then the commune', async () => {
    const before = await page('/demande-de-compte');
    expect(before.html).toContain('<title>Demander un compte — Portail famille</title>');
    expect(before.html).toContain('<span class="site-header__commune">Portail famille</span>');
    expect(before.html).not.toContain('Contact :');

    await pushSettings(1, 'Lapalud <84>');
    const after = await page('/demande-de-compte');
    expect(after.html).toContain('<title>Demander un compte — Portail famille — Lapalud &lt;84&gt;</title>');
    expect(after.html).toContain('<span class="site-header__commune">Lapalud &lt;84&gt;</span>');
    expect(after.html).toContain('<a href="mailto:enfance@mairie.example">enfance@mairie.example</a>');
    expect(after.html).toContain('<a href="tel:0490000000">04 90 00 00 00</a>');
  });

  it('gives every page lang="fr", a skip link, one main, the footer with the privacy notice, and no inline code', async () => {
    for (const pathname of ['/demande-de-compte', '/demande-de-compte/envoyee', '/confidentialite']) {
      const { response, html } = await page(pathname);
      expect(response.status, pathname).toBe(200);
      expect(html).toMatch(/^<!doctype html><html lang="fr">/);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
      expect(html).toContain('<a class="skip-link" href="#contenu">');
      expect(html.match(/<main /g)).toHaveLength(1);
      expect(html).toMatch(/<footer[^>]*>.*<a href="\/confidentialite">/s);
      expect(html).toMatch(/<link rel="stylesheet" href="\/static\/portal\.css\?v=[0-9a-f]{16}"\/>/);
      // The CSP forbids inline scripts and styles: there must be none to forbid.
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/\son[a-z]+="/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('serves the privacy notice naming the Maire as controller, the data, purposes, recipients, retention and rights', async () => {
    await pushSettings(2, 'Lapalud');
    const { html } = await page('/confidentialite');
    expect(html).toContain('Le responsable du traitement est le Maire de Lapalud');
    for (const heading of [
      'Qui est responsable ?',
      'Pourquoi ces données ?',
      'Quelles données ?',
      'Qui les reçoit ?',
      'Combien de temps ?',
      'Vos droits',
    ]) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('Jusqu’à 3 ans après la dernière fréquentation');
    expect(html).toContain('CNIL');
    expect(html).toContain('<a href="mailto:enfance@mairie.example">enfance@mairie.example</a>');
  });

  it('serves the stylesheet and the strength meter for a year, revalidated by ETag; nothing else under /static', async () => {
    const css = await fetch(`${portal.url}/static/portal.css?v=1`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await css.text()).toContain('.site-header');
    const etag = css.headers.get('etag')!;
    const again = await fetch(`${portal.url}/static/portal.css`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);

    const script = await fetch(`${portal.url}/static/password-strength.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    for (const pathname of [
      '/static/nope.css',
      '/static/assets.ts',
      '/static/..%2Fconfig.ts',
      '/static/%2e%2e/app.ts',
      '/static/',
    ]) {
      const response = await fetch(`${portal.url}${pathname}`);
      expect(response.status, pathname).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('sets the CSRF cookie as __Host-csrf with Secure when served over HTTPS (behind the trusted proxy)', async () => {
    const response = await fetch(`${portal.url}/demande-de-compte`, {
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(response.headers.get('set-cookie')).toMatch(
      /^__Host-csrf=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    // Pages without a form, static files and the sync API set no cookie.
    for (const pathname of ['/confidentialite', '/static/portal.css', '/health']) {
      expect((await fetch(`${portal.url}${pathname}`)).headers.get('set-cookie'), pathname).toBeNull();
    }
  });
});

describe('portal page sources', () => {
  const portalDir = path.resolve(import.meta.dirname, '../../../src-portal');

  it('declares hono/jsx in every .tsx file, so tsc, tsx and vitest compile it the same way', () => {
    const files = fs
      .readdirSync(portalDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(
        fs.readFileSync(path.join(portalDir, file), 'utf8').startsWith('/** @jsxImportSource hono/jsx */'),
        file,
      ).toBe(true);
    }
  });

  it('gives the strength meter the same score as the shared passwordScore', () => {
    const sandbox: { portalPasswordScore?: (password: string) => number } = {};
    vm.runInNewContext(fs.readFileSync(path.join(portalDir, 'static/password-strength.js'), 'utf8'), sandbox);
    const score = sandbox.portalPasswordScore!;
    for (const password of [
      '',
      'a',
      'abcdefghij',
      'Abcdefghij1',
      'Abcdefghij1!',
      'x'.repeat(20),
      'Été2026!été2026!',
    ]) {
      expect(score(password), password).toBe(passwordScore(password));
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (password) => score(password) === passwordScore(password)),
    );
  });
});
