import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fail, type ErrorCode, type Result } from '../../src-shared/result';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { EVERY_CLIENT, type Office, type OfficeEvent } from '../office';

/**
 * Browser mode: the office API and the renderer served over HTTP on 127.0.0.1, for machines without
 * the Electron binary and for Playwright. Three locks keep other pages and other machines out:
 * it listens on loopback only; every request must name this server in `Host` (no DNS rebinding)
 * and API calls must come from this origin; and every API call carries the random token printed
 * at launch (a page on another origin cannot read it). Staff sessions are then tied to an
 * HttpOnly, SameSite=Strict client cookie.
 */

export const TOKEN_HEADER = 'x-alp-token';
const CLIENT_COOKIE = 'alp_client';

const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 423 | 429 | 500 | 503> = {
  invalid_input: 400,
  unknown_operation: 404,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  locked: 423,
  setup_required: 409,
  already_set_up: 409,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

export type BrowserModeServer = { url: string; token: string; port: number; close: () => Promise<void> };

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function buildBrowserModeApp(
  office: Office,
  opts: { rendererDir: string; token: string; port: () => number },
) {
  const app = new Hono();
  const allowedHosts = () => new Set([`127.0.0.1:${opts.port()}`, `localhost:${opts.port()}`]);
  const origins = () => new Set([...allowedHosts()].map((h) => `http://${h}`));
  const refuse = (c: Context, code: ErrorCode, message: string) => c.json(fail(code, message), STATUS[code]);

  app.use('*', async (c, next) => {
    if (!allowedHosts().has(c.req.header('host') ?? '')) return refuse(c, 'forbidden', 'Hôte non autorisé.');
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  });

  const clientId = (c: Context): string => {
    let id = getCookie(c, CLIENT_COOKIE);
    if (!id || !/^[a-f0-9]{32}$/.test(id)) {
      id = randomBytes(16).toString('hex');
      setCookie(c, CLIENT_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
    }
    return id;
  };

  app.post(
    '/api/call/:name',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) => refuse(c, 'payload_too_large', 'Requête trop volumineuse.'),
    }),
    async (c) => {
      if (!origins().has(c.req.header('origin') ?? ''))
        return refuse(c, 'forbidden', 'Origine non autorisée.');
      if (!sameSecret(c.req.header(TOKEN_HEADER), opts.token))
        return refuse(c, 'unauthenticated', 'Jeton absent ou invalide.');
      let input: unknown;
      try {
        const text = await c.req.text();
        input = text === '' ? {} : JSON.parse(text);
      } catch {
        return refuse(c, 'invalid_input', 'Le corps de la requête n’est pas du JSON valide.');
      }
      const result: Result<unknown> = await office.call(
        { clientId: clientId(c) },
        c.req.param('name'),
        input,
      );
      return c.json(result, result.ok ? 200 : STATUS[result.error.code]);
    },
  );

  // EventSource cannot send headers: the token comes in the query string, and the stream only
  // carries this client's events and those meant for every client.
  app.get('/api/events', (c) => {
    if (!sameSecret(c.req.query('token'), opts.token))
      return refuse(c, 'unauthenticated', 'Jeton absent ou invalide.');
    const id = clientId(c);
    return streamSSE(c, async (stream) => {
      const queue: OfficeEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = office.onEvent((event) => {
        if (event.clientId !== id && event.clientId !== EVERY_CLIENT) return;
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ event: event.name, data: JSON.stringify(event.payload) });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 25_000); // a comment line now and then keeps proxies from timing out
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
    });
  });

  app.all('/api/*', (c) => refuse(c, 'not_found', 'Adresse inconnue.'));
  app.use('/*', serveStatic({ root: opts.rendererDir }));
  // Client-side routes fall back to the single page.
  app.get('*', serveStatic({ root: opts.rendererDir, path: 'index.html' }));
  return app;
}

export async function startBrowserMode(
  office: Office,
  opts: { rendererDir: string; port?: number; token?: string },
): Promise<BrowserModeServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const app = buildBrowserModeApp(office, { rendererDir: opts.rendererDir, token, port: () => port });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: opts.port ?? 0 }, () => resolve(s));
    s.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
