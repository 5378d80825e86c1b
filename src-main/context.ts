import type { EventName, EventPayloads } from '../src-shared/api/contract';
import type { OfficeDb } from './db/database';
import type { SessionStore } from './features/auth/sessions';
import type { MailWorker } from './features/mail/mail.worker';
import type { SyncScheduler } from './features/sync/sync.scheduler';

/** What every service of the office gets: the database, the clock and the shared in-memory state. */
export type OfficeContext = {
  db: OfficeDb;
  now: () => Date;
  sessions: SessionStore;
  emit: <E extends EventName>(clientId: string, event: E, payload: EventPayloads[E]) => void;
  /** Sends an event to every connected window (sync progress, mail queue changes). */
  broadcast: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
  /** The sync with the portal: runs on demand, its schedule, its live state. */
  sync: SyncScheduler;
  /** The mail sender: nudged when a message is queued, told when its settings change. */
  mail: MailWorker;
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
