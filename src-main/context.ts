import type { EventName, EventPayloads } from '../src-shared/api/contract';
import type { OfficeDb } from './db/database';
import type { SessionStore } from './features/auth/sessions';

/** What every service of the office gets: the database, the clock and the shared in-memory state. */
export type OfficeContext = {
  db: OfficeDb;
  now: () => Date;
  sessions: SessionStore;
  emit: <E extends EventName>(clientId: string, event: E, payload: EventPayloads[E]) => void;
  /** Waits before answering a failed login; the n-th consecutive failure waits longer. */
  loginDelay: (failures: number) => Promise<void>;
  about: {
    appVersion: string;
    mode: 'electron' | 'browser';
    versions: Record<string, string>;
    dataDir: string;
    databaseFile: string;
    schemaVersion: string;
  };
  log: (level: 'info' | 'warn' | 'error', message: string, extra?: unknown) => void;
};

/** Who is calling: the client (window or browser) and, once signed in, the staff member. */
export type Caller = { clientId: string };
