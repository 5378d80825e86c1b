import type { EventName, EventPayloads, Input, OperationName, Output } from '../src-shared/api/contract';
import type { ApiError, Result } from '../src-shared/result';

/**
 * The typed client of the office API. In Electron the preload's `window.alp` carries calls over
 * IPC; in browser mode the same calls go over HTTP to 127.0.0.1 with the launch token.
 */
type Bridge = {
  invoke: (name: string, input: unknown) => Promise<unknown>;
  on: (event: string, callback: (payload: unknown) => void) => () => void;
};

declare global {
  interface Window {
    alp?: Bridge;
  }
}

const TOKEN_KEY = 'alp.token';

/** Takes the launch token from `#token=…` once, keeps it for the tab, and cleans the address. */
function browserToken(): string | null {
  const match = /^#token=([a-f0-9]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpBridge(): Bridge {
  const token = browserToken();
  return {
    async invoke(name, input) {
      if (!token) {
        return {
          ok: false,
          error: {
            code: 'unauthenticated',
            message: 'Ouvrez l’adresse complète affichée au lancement (avec #token=…).',
          },
        };
      }
      try {
        const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-alp-token': token },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        return await response.json();
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: 'Le service de l’application ne répond pas.' },
        };
      }
    },
    on(event, callback) {
      if (!token) return () => undefined;
      const source = new EventSource(`/api/events?token=${token}`);
      const listener = (e: MessageEvent<string>) => callback(JSON.parse(e.data));
      source.addEventListener(event, listener);
      return () => source.close();
    },
  };
}

const bridge: Bridge = window.alp ?? httpBridge();

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function call<N extends OperationName>(name: N, input: Input<N>): Promise<Output<N>> {
  const result = (await bridge.invoke(name, input)) as Result<Output<N>>;
  if (!result.ok) {
    if (result.error.code === 'unauthenticated') unauthenticatedListeners.forEach((l) => l());
    throw new ApiCallError(result.error);
  }
  return result.value;
}

export function onEvent<E extends EventName>(
  event: E,
  callback: (payload: EventPayloads[E]) => void,
): () => void {
  return bridge.on(event, callback as (payload: unknown) => void);
}

const unauthenticatedListeners = new Set<() => void>();
/** Called whenever the back end says the session is gone, whichever screen made the call. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}
