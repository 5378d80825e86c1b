import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startBrowserMode,
  TOKEN_HEADER,
  type BrowserModeServer,
} from '../../../src-main/browser-mode/server';
import { ADMIN, tempDir, testOffice, type TestOffice } from '../../support/office';

let office: TestOffice;
let server: BrowserModeServer;
let base: string;

beforeAll(async () => {
  office = await testOffice();
  const rendererDir = tempDir('alp-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ALP</title>');
  server = await startBrowserMode(office, { rendererDir });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await office.close();
});

type Headers = Record<string, string>;
const good = (): Headers => ({
  origin: base,
  [TOKEN_HEADER]: server.token,
  'content-type': 'application/json',
});

/** A POST through node:http, which (unlike fetch) sends the Host header we give it. */
function post(name: string, body: unknown, headers: Headers = good()) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; json: () => unknown }>(
    (resolve, reject) => {
      const request = http.request(
        `${base}/api/call/${name}`,
        { method: 'POST', headers, agent: false },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              json: () => JSON.parse(text),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(payload);
    },
  );
}

async function stillNeedsSetup(): Promise<boolean> {
  const status = (await office.call({ clientId: 'probe' }, 'setup.status', {})) as {
    ok: true;
    value: { needsSetup: boolean };
  };
  return status.value.needsSetup;
}

describe('browser mode', () => {
  it('prints a URL on 127.0.0.1 that carries the launch token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[a-f0-9]{48}$/);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>ALP</title>');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  const refusals: Array<[string, () => Headers, number, string]> = [
    ['without the token', () => ({ ...good(), [TOKEN_HEADER]: '' }), 401, 'unauthenticated'],
    ['with a wrong token', () => ({ ...good(), [TOKEN_HEADER]: 'f'.repeat(48) }), 401, 'unauthenticated'],
    ['from a foreign Origin', () => ({ ...good(), origin: 'http://evil.example' }), 403, 'forbidden'],
    [
      'without an Origin',
      () => ({ [TOKEN_HEADER]: server.token, 'content-type': 'application/json' }),
      403,
      'forbidden',
    ],
    ['for a foreign Host (DNS rebinding)', () => ({ ...good(), host: 'evil.example' }), 403, 'forbidden'],
  ];
  for (const [what, headers, status, code] of refusals) {
    it(`refuses a call ${what} and changes nothing`, async () => {
      const response = await post('setup.create', ADMIN, headers());
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ ok: false, error: { code } });
      expect(await stillNeedsSetup()).toBe(true);
    });
  }

  it('refuses an unknown operation name and changes nothing', async () => {
    const response = await post('staff.dropAll', {});
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    expect(await stillNeedsSetup()).toBe(true);
  });

  it('refuses invalid input and malformed JSON and changes nothing', async () => {
    const invalid = await post('setup.create', { ...ADMIN, login: '' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const malformed = await post('setup.create', '{"communeName": ');
    expect(malformed.status).toBe(400);
    expect(await stillNeedsSetup()).toBe(true);
  });

  it('refuses an oversized body', async () => {
    const response = await post('setup.create', { ...ADMIN, communeName: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(await stillNeedsSetup()).toBe(true);
  });

  it('serves a well-formed call and ties the session to an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await post('setup.create', ADMIN);
    expect(response.status).toBe(200);
    const cookie = String(response.headers['set-cookie'] ?? '');
    expect(cookie).toMatch(/alp_client=[a-f0-9]{32}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const jar = cookie.split(';')[0]!;
    const list = await post('staff.list', {}, { ...good(), cookie: jar });
    expect(await list.json()).toMatchObject({ ok: true, value: [{ login: 'mdupont' }] });
    // Another client (no cookie) is not signed in.
    expect((await post('staff.list', {})).status).toBe(401);
  });
});
