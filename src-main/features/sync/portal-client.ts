import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { portalApi } from '../../../src-shared/portal/api';
import { failureSchema, resultSchema } from '../../../src-shared/portal/envelope';
import { pushResultSchema, SYNC_PUSH_MEDIA_TYPE } from '../../../src-shared/sync/protocol';

/**
 * The office's HTTP client of the portal's two sync endpoints. Every failure becomes a `SyncError`
 * whose message is French and fit for the sync screen: the portal is on the internet and may be
 * down, slow, misconfigured or answer something unexpected, and staff need to know which.
 */

export type SyncErrorKind = 'unreachable' | 'refused' | 'too_large' | 'protocol' | 'rejected' | 'applier';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export type PushResult = z.infer<typeof pushResultSchema>;
/** Events are checked one by one by the caller, so that one it cannot read stops the pull right there. */
export type EventsPage = { events: unknown[]; hasMore: boolean };

/** A push under way: `sent` settles once the request is out (or failed), `result` with the answer. */
export type PushInFlight = { sent: Promise<void>; result: Promise<PushResult> };

export type PortalClient = {
  /** Sends a push request body (`encodePushBody`'s JSON lines, in UTF-8). */
  push(body: Buffer): PushInFlight;
  events(after: number, limit: number): Promise<EventsPage>;
};

export const PORTAL_TIMEOUT_MS = 30_000;
/** Far more than any answer of the protocol; a server sending more is not the portal. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const pushResponse = resultSchema(pushResultSchema);
const eventsResponse = resultSchema(z.object({ events: z.array(z.unknown()), hasMore: z.boolean() }));

/** Keeps what a remote server says short and on one line before it is shown or stored. */
function clip(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function networkReason(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `aucune réponse en ${Math.round(timeoutMs / 1000)} s`;
  if (error instanceof Error && error.name === 'AbortError') return 'interrompu : fermeture de l’application';
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : '';
  if (text === 'ECONNREFUSED') return 'connexion refusée';
  if (text === 'ENOTFOUND' || text === 'EAI_AGAIN') return 'adresse introuvable';
  if (text === 'ECONNRESET' || text === 'EPIPE') return 'connexion interrompue';
  if (text === 'ETIMEDOUT') return 'délai de connexion dépassé';
  if (text === 'EHOSTUNREACH' || text === 'ENETUNREACH') return 'réseau inaccessible';
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(text)) return `certificat HTTPS refusé : ${text}`;
  return clip(text || (error instanceof Error ? error.message : String(error)), 120);
}

type RawAnswer = { status: number; text: string };

/**
 * One exchange with the portal over node:http(s), which writes a request body in one call and says
 * when it has left (a push lets the office's own database work wait for that: better-sqlite3 blocks
 * the event loop, which would stall the upload). Redirects are not followed (the secret must not go
 * to another address), the answer is capped in size, and `signal` cuts the exchange short.
 */
function exchange(
  url: URL,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: Buffer; signal: AbortSignal },
  onSent: () => void,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: init.method,
      headers: init.body ? { ...init.headers, 'content-length': String(init.body.length) } : init.headers,
      signal: init.signal,
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          request.destroy(Object.assign(new Error('response too large'), { code: 'TOO_LARGE' }));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.end(init.body, onSent);
  });
}

export function portalClient(opts: {
  url: string;
  secret: string;
  timeoutMs?: number;
  /** Aborts requests in flight (the office is closing). */
  signal?: AbortSignal;
}): PortalClient {
  const timeoutMs = opts.timeoutMs ?? PORTAL_TIMEOUT_MS;
  const host = (() => {
    try {
      return new URL(opts.url).host;
    } catch {
      return opts.url;
    }
  })();

  async function request(
    path: string,
    init: { method: 'GET' | 'POST'; body?: Buffer },
    onSent: () => void = () => undefined,
  ): Promise<unknown> {
    let answer: RawAnswer;
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      answer = await exchange(
        new URL(`${opts.url}${path}`),
        {
          method: init.method,
          headers: {
            authorization: `Bearer ${opts.secret}`,
            accept: 'application/json',
            ...(init.body !== undefined ? { 'content-type': SYNC_PUSH_MEDIA_TYPE } : {}),
          },
          ...(init.body !== undefined ? { body: init.body } : {}),
          signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
        },
        onSent,
      );
    } catch (error) {
      if ((error as { code?: unknown }).code === 'TOO_LARGE') {
        throw new SyncError('protocol', `Réponse démesurée de ${host} : vérifiez l’adresse du portail.`);
      }
      throw new SyncError(
        'unreachable',
        `Le portail ne répond pas (${networkReason(error, timeout.aborted, timeoutMs)}, ${host}).`,
      );
    } finally {
      onSent();
    }
    let body: unknown = undefined;
    try {
      body = answer.text === '' ? undefined : JSON.parse(answer.text);
    } catch {
      // Not JSON: a proxy's error page, or not the portal at all; the status says enough below.
    }
    const status = answer.status;
    if (status >= 200 && status < 300) return body;

    const failure = failureSchema.safeParse(body);
    const said = failure.success ? ` : ${clip(failure.data.error.message)}` : '';
    if (status === 401) throw new SyncError('refused', 'Secret de synchronisation refusé par le portail.');
    if (status === 413)
      throw new SyncError('too_large', 'Le portail refuse un lot trop volumineux (HTTP 413).');
    if (status >= 300 && status < 400) {
      throw new SyncError(
        'protocol',
        `Le portail redirige vers une autre adresse (HTTP ${status}) : indiquez son adresse exacte (https://…).`,
      );
    }
    if (status === 404) {
      throw new SyncError(
        'protocol',
        `Adresse de synchronisation introuvable sur ${host} (HTTP 404) : vérifiez l’adresse du portail.`,
      );
    }
    if (status >= 500)
      throw new SyncError('unreachable', `Le portail est en erreur (HTTP ${status})${said}.`);
    throw new SyncError('rejected', `Le portail a refusé la demande (HTTP ${status})${said}.`);
  }

  function unexpected(what: string, issue: string): SyncError {
    return new SyncError('protocol', `Réponse inattendue du portail à ${what} (${clip(issue, 120)}).`);
  }

  return {
    push(requestBody) {
      let onSent!: () => void;
      const sent = new Promise<void>((resolve) => (onSent = resolve));
      const result = (async () => {
        const body = await request(
          portalApi['sync.push'].path,
          { method: 'POST', body: requestBody },
          onSent,
        );
        const parsed = pushResponse.safeParse(body);
        if (!parsed.success) throw unexpected('l’envoi', parsed.error.issues[0]?.message ?? 'format');
        if (!parsed.data.ok) throw unexpected('l’envoi', parsed.data.error.message);
        return parsed.data.value;
      })();
      return { sent, result };
    },
    async events(after, limit) {
      const query = new URLSearchParams({ after: String(after), limit: String(limit) });
      const body = await request(`${portalApi['sync.events'].path}?${query}`, { method: 'GET' });
      const parsed = eventsResponse.safeParse(body);
      if (!parsed.success)
        throw unexpected('la lecture des événements', parsed.error.issues[0]?.message ?? 'format');
      if (!parsed.data.ok) throw unexpected('la lecture des événements', parsed.data.error.message);
      return parsed.data.value;
    },
  };
}
