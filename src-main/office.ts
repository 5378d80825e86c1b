import fs from 'node:fs';
import path from 'node:path';
import type { EventName, EventPayloads } from '../src-shared/api/contract';
import { failedLoginDelayMs } from '../src-shared/staff/login-policy';
import type { Result } from '../src-shared/result';
import { dispatch } from './api/dispatch';
import type { Caller, OfficeContext } from './context';
import { openOfficeDatabase } from './db/database';
import { SessionStore } from './features/auth/sessions';
import { familyEventAppliers } from './features/families/families.events';
import { MailWorker } from './features/mail/mail.worker';
import { readSessionTimeout } from './features/settings/settings.service';
import type { EventAppliers } from './features/sync/appliers';
import { SyncScheduler } from './features/sync/sync.scheduler';

export type OfficeEvent = { clientId: string; name: EventName; payload: EventPayloads[EventName] };

/** The `clientId` of an event meant for every connected window. */
export const EVERY_CLIENT = '*';

export type Office = {
  call: (caller: Caller, name: unknown, input: unknown) => Promise<Result<unknown>>;
  /** Listens to events for every client; returns the unsubscribe function. */
  onEvent: (listener: (event: OfficeEvent) => void) => () => void;
  ctx: OfficeContext;
  close: () => Promise<void>;
};

export type OfficeOptions = {
  dataDir: string;
  migrationsDir: string;
  mode: 'electron' | 'browser';
  appVersion: string;
  versions?: Record<string, string>;
  nativeBinding?: string;
  now?: () => Date;
  loginDelay?: (failures: number) => Promise<void>;
  log?: OfficeContext['log'];
  onMigrationStart?: (pending: string[]) => void;
  /** How portal events are applied (tests pass their own); by default the families feature's. */
  eventAppliers?: EventAppliers;
  /** Starts the sync schedule and the mail worker (default true); tests drive them by hand. */
  backgroundWork?: boolean;
};

const defaultLoginDelay = (failures: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, failedLoginDelayMs(failures)));

const defaultLog: OfficeContext['log'] = (level, message, extra) => {
  const line = `[office] ${level}: ${message}`;
  if (level === 'error') console.error(line, extra ?? '');
  else console.log(line);
};

/** The office back end without any transport: database, services and the API entry point. */
export async function openOffice(opts: OfficeOptions): Promise<Office> {
  const log = opts.log ?? defaultLog;
  const opened = openOfficeDatabase({
    dataDir: opts.dataDir,
    migrationsDir: opts.migrationsDir,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.onMigrationStart ? { onMigrationStart: opts.onMigrationStart } : {}),
  });
  if (opened.migration.applied.length > 0) {
    log('info', `migrations applied: ${opened.migration.applied.join(', ')}`);
    if (opened.migration.backupFile) log('info', `backup taken first: ${opened.migration.backupFile}`);
  }
  const listeners = new Set<(event: OfficeEvent) => void>();
  const emit: OfficeContext['emit'] = (clientId, name, payload) => {
    for (const listener of listeners) listener({ clientId, name, payload });
  };
  const now = opts.now ?? (() => new Date());
  const sessions = new SessionStore(now, 15 * 60_000, (clientId, reason) =>
    emit(clientId, 'session.ended', { reason }),
  );
  const sqliteVersion = (opened.sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  const sync = new SyncScheduler(() => ctx, { appliers: opts.eventAppliers ?? familyEventAppliers });
  const mail = new MailWorker(() => ctx);
  const ctx: OfficeContext = {
    db: opened.db,
    now,
    sessions,
    emit,
    broadcast: (name, payload) => emit(EVERY_CLIENT, name, payload),
    sync,
    mail,
    loginDelay: opts.loginDelay ?? defaultLoginDelay,
    log,
    about: {
      appVersion: opts.appVersion,
      mode: opts.mode,
      versions: { node: process.versions.node, sqlite: sqliteVersion, ...opts.versions },
      dataDir: path.resolve(opts.dataDir),
      databaseFile: opened.file,
      schemaVersion: opened.migration.schemaVersion,
    },
  };
  sessions.setTimeoutMinutes(await readSessionTimeout(ctx));
  const sweeper = setInterval(() => sessions.sweep(), 5_000);
  sweeper.unref();
  if (opts.backgroundWork ?? true) {
    sync.start();
    mail.start();
  }
  return {
    call: (caller, name, input) => dispatch(ctx, caller, name, input),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ctx,
    close: async () => {
      clearInterval(sweeper);
      await Promise.all([sync.stop(), mail.stop()]);
      await opened.close();
    },
  };
}

/** The repository's root, from a file of src-main or of dist/main. */
export function findProjectRoot(from: string): string {
  let dir = path.dirname(from);
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${from}`);
    dir = parent;
  }
  return dir;
}
