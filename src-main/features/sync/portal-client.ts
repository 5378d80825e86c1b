import { z } from 'zod';
import { portalApi } from '../../../src-shared/portal/api';
import { failureSchema, resultSchema } from '../../../src-shared/portal/envelope';
import { pushResultSchema } from '../../../src-shared/sync/protocol';

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

export type PortalClient = {
  /** Sends a push request body (`{"records": [...]}`, see `pushRequestSchema`). */
  push(body: string): Promise<PushResult>;
  events(after: number, limit: number): Promise<EventsPage>;
};

export const PORTAL_TIMEOUT_MS = 30_000;

const pushResponse = resultSchema(pushResultSchema);
const eventsResponse = resultSchema(z.object({ events: z.array(z.unknown()), hasMore: z.boolean() }));

/** Keeps what a remote server says short and on one line before it is shown or stored. */
function clip(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `aucune réponse en ${Math.round(timeoutMs / 1000)} s`;
  }
  if (error instanceof Error && error.name === 'AbortError') return 'interrompu : fermeture de l’application';
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'connexion refusée';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'adresse introuvable';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connexion interrompue';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'délai de connexion dépassé';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'réseau inaccessible';
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) return `certificat HTTPS refusé : ${code}`;
  return clip(code || cause?.message || (error instanceof Error ? error.message : String(error)), 120);
}

export function portalClient(opts: {
  url: string;
  secret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Aborts requests in flight (the office is closing). */
  signal?: AbortSignal;
}): PortalClient {
  const timeoutMs = opts.timeoutMs ?? PORTAL_TIMEOUT_MS;
  const doFetch = opts.fetch ?? fetch;
  const host = (() => {
    try {
      return new URL(opts.url).host;
    } catch {
      return opts.url;
    }
  })();

  async function request(path: string, init: { method: 'GET' | 'POST'; body?: string }): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${opts.url}${path}`, {
        method: init.method,
        headers: {
          authorization: `Bearer ${opts.secret}`,
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(init.body !== undefined ? { body: init.body } : {}),
        // The secret must not follow a redirect to another address; an endpoint never redirects.
        redirect: 'manual',
        signal: opts.signal
          ? AbortSignal.any([opts.signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new SyncError(
        'unreachable',
        `Le portail ne répond pas (${networkReason(error, timeoutMs)}, ${host}).`,
      );
    }
    let body: unknown = undefined;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: a proxy's error page, or not the portal at all; the status says enough below.
    }
    if (response.ok) return body;

    const failure = failureSchema.safeParse(body);
    const said = failure.success ? ` : ${clip(failure.data.error.message)}` : '';
    const status = response.status;
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
    async push(requestBody) {
      const body = await request(portalApi['sync.push'].path, { method: 'POST', body: requestBody });
      const parsed = pushResponse.safeParse(body);
      if (!parsed.success) throw unexpected('l’envoi', parsed.error.issues[0]?.message ?? 'format');
      if (!parsed.data.ok) throw unexpected('l’envoi', parsed.data.error.message);
      return parsed.data.value;
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
