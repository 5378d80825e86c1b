import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttps } from '../../../src-portal/http/client';
import { portalApi } from '../../../src-shared/portal/api';
import { failureSchema, resultSchema } from '../../../src-shared/portal/envelope';
import { ok } from '../../../src-shared/result';
import { type TestPortal, dialectTargets, startTestPortal } from './helpers';

const { targets, postgresSkipReason, cleanup } = await dialectTargets();
afterAll(cleanup);

// State-changing requests pass the CSRF check (src-portal/http/csrf.ts) the way the portal's own
// pages do: from the public origin, with the same token in the cookie and the header.
const PUBLIC_URL = 'http://portal.test';
const CSRF_TOKEN = 'T'.repeat(43);
const sameOrigin = { Origin: PUBLIC_URL, Cookie: `csrf=${CSRF_TOKEN}`, 'X-CSRF-Token': CSRF_TOKEN };

const securityHeaderNames = [
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'strict-transport-security',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'permissions-policy',
];

describe.each(targets.map((target) => [target.name, target] as const))(
  'portal over HTTP with %s',
  (_, target) => {
    let portal: TestPortal;

    beforeAll(async () => {
      portal = await startTestPortal(
        target,
        (app) => {
          // Reads the whole body, as a route would, and says how long it was.
          app.post('/test/echo', async (c) => c.json(ok({ length: (await c.req.text()).length })));
          app.get('/test/boom', () => {
            throw new Error('secret detail: connection string postgres://u:hunter2@db/x');
          });
        },
        { PORTAL_PUBLIC_URL: PUBLIC_URL },
      );
    });
    afterAll(async () => {
      await portal.stop();
    });

    it('answers GET /health with status, database and version', async () => {
      const response = await fetch(`${portal.url}/health`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = resultSchema(portalApi['health.get'].output).parse(await response.json());
      expect(body).toEqual({ ok: true, value: { status: 'ok', database: 'ok', version: 'test-version' } });
    });

    it('sets the security headers and no-store on every response, errors included', async () => {
      const responses = await Promise.all([
        fetch(`${portal.url}/health`),
        fetch(`${portal.url}/no/such/page`),
        fetch(`${portal.url}/test/boom`),
        fetch(`${portal.url}/test/echo`, {
          method: 'POST',
          headers: sameOrigin,
          body: 'x'.repeat(200 * 1024),
        }),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 404, 500, 413]);
      for (const response of responses) {
        for (const name of securityHeaderNames) expect(response.headers.get(name), name).toBeTruthy();
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
      const csp = responses[0]!.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(responses[0]!.headers.get('x-frame-options')).toBe('DENY');
      expect(responses[0]!.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('answers an unknown route with a 404 not_found envelope', async () => {
      const response = await fetch(`${portal.url}/families/42`, { method: 'DELETE', headers: sameOrigin });
      expect(response.status).toBe(404);
      const body = failureSchema.parse(await response.json());
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(/n’existe pas/);
    });

    it('refuses a body over 100 KB with 413 payload_too_large, declared or streamed', async () => {
      const declared = await fetch(`${portal.url}/test/echo`, {
        method: 'POST',
        headers: { ...sameOrigin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(101 * 1024), children: 1 }),
      });
      expect(declared.status).toBe(413);
      expect(failureSchema.parse(await declared.json()).error.code).toBe('payload_too_large');

      // Chunked transfer: no Content-Length to refuse up front, the limit applies while reading.
      const chunked = await postChunked(`${portal.url}/test/echo`, 'x'.repeat(150 * 1024));
      expect(chunked.status).toBe(413);
      expect(failureSchema.parse(JSON.parse(chunked.body)).error.code).toBe('payload_too_large');

      // Just under the limit is read normally (and fails validation only on its content).
      const under = await fetch(`${portal.url}/test/echo`, {
        method: 'POST',
        headers: { ...sameOrigin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(90 * 1024), children: 1 }),
      });
      expect(under.status).toBe(200);
    });

    it('hides the details of a 5xx from the client and logs them with the request id', async () => {
      const response = await fetch(`${portal.url}/test/boom`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('secret');
      expect(text).not.toContain('hunter2');
      expect(text).not.toMatch(/at .*\.ts/);
      const requestId = response.headers.get('x-request-id')!;
      const { error } = failureSchema.parse(JSON.parse(text));
      expect(error.code).toBe('internal');
      expect(error.message).toContain(requestId);

      const logged = portal.logs.lines.find((line) => line.reqId === requestId && line.err !== undefined);
      expect(logged?.msg).toBe('unhandled error while serving a request');
      expect(JSON.stringify(logged?.err)).toContain('secret detail');
    });

    it('logs one line per request with method, path, status, duration and request id, never body or query', async () => {
      const response = await fetch(`${portal.url}/test/echo?token=query-secret`, {
        method: 'POST',
        headers: { ...sameOrigin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'body-secret', children: 0 }),
      });
      const requestId = response.headers.get('x-request-id');
      const lines = portal.logs.lines.filter((line) => line.reqId === requestId);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: 'request', method: 'POST', path: '/test/echo', status: 200 });
      expect(typeof lines[0]!.durationMs).toBe('number');
      expect(lines[0]!.ip).toBe('127.0.0.1');
      expect(portal.logs.raw()).not.toContain('body-secret');
      expect(portal.logs.raw()).not.toContain('query-secret');
    });

    it('ignores a client-chosen X-Request-Id when no trusted proxy is configured', async () => {
      const response = await fetch(`${portal.url}/health`, {
        headers: { 'X-Request-Id': 'chosen-by-client' },
      });
      expect(response.headers.get('x-request-id')).not.toBe('chosen-by-client');
    });

    it('answers 503 unavailable on /health when the database is down, without details', async () => {
      const broken = await startTestPortal(target);
      try {
        await broken.database.close();
        const response = await fetch(`${broken.url}/health`);
        expect(response.status).toBe(503);
        const { error } = failureSchema.parse(await response.json());
        expect(error).toEqual({
          code: 'unavailable',
          message: 'Le portail est momentanément indisponible (base de données injoignable).',
        });
        const logged = broken.logs.lines.find((line) => line.code === 'unavailable');
        expect(logged?.level).toBe(50);
        expect(JSON.stringify(logged?.err)).toBeTruthy();
      } finally {
        await broken.stop();
      }
    });
  },
);

// Never a silent skip: the report names the reason (and dialectTargets() printed it).
if (postgresSkipReason !== undefined) {
  describe.skip(`portal over HTTP with PostgreSQL — skipped: ${postgresSkipReason}`, () => {
    it('runs the same suite as SQLite', () => {});
  });
}

/** POSTs a body with chunked transfer encoding (no Content-Length), as a streaming client would. */
function postChunked(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    // The server may answer 413 and close before reading everything: that is the point.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (let offset = 0; offset < body.length; offset += 16 * 1024)
      request.write(body.slice(offset, offset + 16 * 1024));
    request.end();
  });
}

describe('portal behind a trusted reverse proxy (PORTAL_TRUST_PROXY=true)', () => {
  const sqlite = targets.find((target) => target.name === 'SQLite')!;

  it.each([
    ['false', '127.0.0.1', false, false],
    ['true', '203.0.113.7', true, true],
  ] as const)(
    'with PORTAL_TRUST_PROXY=%s logs the client as %s and believes X-Forwarded-Proto: %s',
    async (trust, ip, https, keepsRequestId) => {
      const portal = await startTestPortal(
        sqlite,
        (app) => app.get('/test/https', (c) => c.json(ok(isHttps(c, trust === 'true')))),
        { PORTAL_TRUST_PROXY: trust },
      );
      try {
        const response = await fetch(`${portal.url}/test/https`, {
          headers: {
            'X-Forwarded-For': '203.0.113.7, 10.0.0.2',
            'X-Forwarded-Proto': 'https',
            'X-Request-Id': 'proxy-id-42',
          },
        });
        expect(await response.json()).toEqual({ ok: true, value: https });
        expect(response.headers.get('x-request-id') === 'proxy-id-42').toBe(keepsRequestId);
        const line = portal.logs.lines.find((entry) => entry.path === '/test/https');
        expect(line?.ip).toBe(ip);
      } finally {
        await portal.stop();
      }
    },
  );
});
