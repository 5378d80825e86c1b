import type {
  SyncLogEntry,
  SyncProgress,
  SyncRunSummary,
  SyncStatus,
} from '../../../src-shared/api/sync.contract';
import { AppError } from '../../../src-shared/result';
import {
  encodePushBody,
  portalEventSchema,
  syncRecordSchema,
  SYNC_BATCH_MAX,
  type PortalEvent,
} from '../../../src-shared/sync/protocol';
import type { OfficeContext } from '../../context';
import type { EventAppliers, EventApplier } from './appliers';
import { portalClient, SyncError, type EventsPage, type PortalClient } from './portal-client';
import { isSyncConfigured, readSyncSettings } from './sync-settings.service';
import {
  advanceCursor,
  countPendingRecords,
  deletePushedBefore,
  insertSyncLog,
  isEventApplied,
  lastSyncLog,
  listSyncLog,
  markPushed,
  pendingBatch,
  pendingChanges,
  readSyncState,
  recordAppliedEvent,
  recordSyncFailure,
  updateSyncState,
  type OutboxRow,
  type SyncLogRow,
} from './sync.repository';

/**
 * One sync run: push the outbox to the portal, then pull and apply the portal's events. Each step
 * commits on its own (a batch marked pushed, an event applied with the cursor), so a run cut short
 * by an outage or a crash resumes where it stopped and never applies an event twice.
 */

/** Events asked for per request. */
export const EVENTS_PAGE = 200;
/** Pushed outbox rows are kept this long (for inspection), then forgotten. */
const PUSHED_RETENTION_MS = 30 * 24 * 60 * 60_000;

export type SyncOrigin = 'schedule' | 'manual';

/** Points a test can stop at, to kill the process there and check nothing is lost. */
export type SyncHooks = {
  afterPull?: (page: EventsPage) => Promise<void> | void;
};

export type RunSyncOptions = {
  appliers: EventAppliers;
  origin: SyncOrigin;
  onProgress?: (progress: SyncProgress) => void;
  hooks?: SyncHooks;
  /** For tests: a client other than HTTP to the configured portal. */
  client?: PortalClient;
  /** Cuts the run's requests short (the office is closing). */
  signal?: AbortSignal;
};

const EVENT_LABELS: Record<PortalEvent['type'], string> = {
  'account.requested': 'demande de compte',
  'account.activated': 'activation de compte',
  'profile.updated': 'modification de profil',
  'profile.change_requested': 'demande de modification',
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/**
 * The push body, written from the stored JSON of each row rather than parsed and serialised again:
 * the rows were serialised by `recordChange` from typed records (in ASCII), and this is the hot path
 * of a large push. The portal validates every record it receives.
 */
function pushBody(rows: OutboxRow[]): Buffer {
  return Buffer.from(
    encodePushBody(
      rows.map((row) => ({
        entity: row.entity,
        id: row.entity_id,
        version: row.version,
        dataJson: row.payload ?? 'null',
      })),
    ),
    'utf8',
  );
}

/**
 * When the portal refuses a batch as invalid: the first row the protocol does not allow, named in
 * French (a feature wrote it wrongly; skipping it would lose a change, so the push stops there).
 */
function firstNonConformingRow(rows: OutboxRow[]): SyncError | null {
  for (const row of rows) {
    let data: unknown;
    try {
      data = row.payload === null ? null : JSON.parse(row.payload);
    } catch {
      data = undefined;
    }
    const parsed = syncRecordSchema.safeParse({
      entity: row.entity,
      id: row.entity_id,
      version: row.version,
      data,
    });
    if (parsed.success) continue;
    const issue = parsed.error.issues[0];
    return new SyncError(
      'protocol',
      `Modification n°${row.seq} (${row.entity} ${row.entity_id}) non conforme au protocole : ` +
        `${issue ? `${issue.path.join('.')} ${issue.message}` : 'format'}. Signalez-le au support.`,
    );
  }
  return null;
}

async function push(
  ctx: OfficeContext,
  client: PortalClient,
  onProgress: (p: SyncProgress) => void,
): Promise<number> {
  let total = await countPendingRecords(ctx.db);
  let done = 0;
  let batchSize = SYNC_BATCH_MAX;
  onProgress({ phase: 'push', done, total });
  const read = async (afterSeq = 0) => {
    const rows = await pendingBatch(ctx.db, batchSize, afterSeq);
    return { rows, body: pushBody(rows) };
  };
  const mark = async (rows: OutboxRow[]) => {
    const at = ctx.now().toISOString();
    await markPushed(ctx.db, rows, at);
    done += rows.length;
    total = Math.max(total, done);
    onProgress({ phase: 'push', done, total });
  };
  // The office's own work overlaps the portal's: while the portal stores a batch, the office marks
  // the previous one pushed and reads the next one. That work starts once the batch's request is
  // out (better-sqlite3 holds the event loop, which would stall the upload). The portal still
  // receives the batches one at a time and in order, and a batch is marked only after its answer.
  let batch = await read();
  let unmarked: OutboxRow[] | null = null;
  while (batch.rows.length > 0) {
    const { rows } = batch;
    const previous = unmarked;
    const { sent, result } = client.push(batch.body);
    // Awaited below whatever happens; handled now so that a failure meanwhile is not "unhandled".
    result.catch(() => undefined);
    const work = sent.then(() => (previous ? mark(previous) : undefined));
    const next = work.then(() => read(rows.at(-1)!.seq));
    next.catch(() => undefined);
    try {
      await result;
    } catch (error) {
      await work;
      // The portal's body limit is its own business: halve the batch until it fits.
      if (error instanceof SyncError && error.kind === 'too_large' && rows.length > 1) {
        batchSize = Math.max(1, Math.floor(rows.length / 2));
        unmarked = null;
        batch = await read();
        continue;
      }
      if (error instanceof SyncError && error.kind === 'rejected') throw firstNonConformingRow(rows) ?? error;
      throw error;
    }
    unmarked = rows;
    batch = await next;
    if (batch.rows.length === 0) {
      // `next` was read while this batch was in flight: once it is marked, look again for rows
      // committed since.
      await mark(rows);
      unmarked = null;
      batch = await read();
    }
  }
  return done;
}

function describeApplierError(ctx: OfficeContext, event: PortalEvent, error: unknown): SyncError {
  const what = `L’événement n°${event.seq} du portail (${EVENT_LABELS[event.type]})`;
  if (error instanceof AppError) {
    return new SyncError('applier', `${what} n’a pas pu être pris en compte : ${error.message}`);
  }
  ctx.log('error', `sync: applying portal event ${event.seq} (${event.type}) failed`, error);
  return new SyncError(
    'applier',
    `${what} n’a pas pu être pris en compte (erreur interne, détails dans le journal de l’application).`,
  );
}

/**
 * Applies one event in one transaction with its record as applied and the cursor move: an event
 * already applied (pulled twice) only moves the cursor. Returns whether it was applied now.
 */
export async function applyPortalEvent(
  ctx: OfficeContext,
  appliers: EventAppliers,
  event: PortalEvent,
): Promise<boolean> {
  const at = ctx.now().toISOString();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const fresh = !(await isEventApplied(trx, event.id));
      if (fresh) {
        // TypeScript cannot tie the applier's event type to this event's: the table is keyed by type.
        const applier = appliers[event.type] as EventApplier<PortalEvent['type']>;
        await applier(trx, event as never, ctx);
        await recordAppliedEvent(trx, event, at);
      }
      await advanceCursor(trx, event.seq);
      return fresh;
    });
  } catch (error) {
    throw describeApplierError(ctx, event, error);
  }
}

async function pull(
  ctx: OfficeContext,
  client: PortalClient,
  appliers: EventAppliers,
  onProgress: (p: SyncProgress) => void,
  hooks: SyncHooks | undefined,
): Promise<number> {
  let cursor = (await readSyncState(ctx.db)).events_cursor;
  let applied = 0;
  onProgress({ phase: 'pull', done: 0, total: null });
  for (;;) {
    const page = await client.events(cursor, EVENTS_PAGE);
    await hooks?.afterPull?.(page);
    for (const raw of page.events) {
      const parsed = portalEventSchema.safeParse(raw);
      if (!parsed.success) {
        const seq = (raw as { seq?: unknown } | null)?.seq;
        const type = (raw as { type?: unknown } | null)?.type;
        throw new SyncError(
          'protocol',
          `Événement n°${typeof seq === 'number' ? seq : '?'} du portail illisible` +
            `${typeof type === 'string' ? ` (type « ${type.slice(0, 60)} »)` : ''} : ` +
            'mettez à jour l’application du bureau. Les événements suivants attendent.',
        );
      }
      const event = parsed.data;
      if (event.seq <= cursor) continue;
      if (await applyPortalEvent(ctx, appliers, event)) applied += 1;
      cursor = event.seq;
      onProgress({ phase: 'pull', done: applied, total: null });
    }
    // An empty page that claims more would loop forever: treat it as the end.
    if (!page.hasMore || page.events.length === 0) break;
  }
  return applied;
}

/** Runs push then pull once and records the outcome in the sync state and log. */
export async function runSync(ctx: OfficeContext, opts: RunSyncOptions): Promise<SyncRunSummary> {
  const startedAt = ctx.now().toISOString();
  const startedTick = performance.now();
  const onProgress = opts.onProgress ?? (() => undefined);
  let pushed = 0;
  let pulled = 0;
  let error: string | null = null;
  await updateSyncState(ctx.db, { last_attempt_at: startedAt });
  try {
    const settings = await readSyncSettings(ctx.db);
    let client = opts.client;
    if (!client) {
      if (!isSyncConfigured(settings)) {
        throw new SyncError(
          'refused',
          'La synchronisation n’est pas configurée : un administrateur doit indiquer l’adresse du portail et le secret.',
        );
      }
      client = portalClient({
        url: settings.portalUrl,
        secret: settings.secret,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    }
    // Counted from the progress, which reports what has committed: a failed run keeps its counts.
    await push(ctx, client, (p) => {
      pushed = p.done;
      onProgress(p);
    });
    await pull(
      ctx,
      client,
      opts.appliers,
      (p) => {
        pulled = p.done;
        onProgress(p);
      },
      opts.hooks,
    );
  } catch (e) {
    if (e instanceof SyncError) error = e.message;
    else {
      ctx.log('error', 'sync: unexpected error', e);
      error = 'Erreur inattendue pendant la synchronisation (détails dans le journal de l’application).';
    }
  }

  const finished = ctx.now();
  const finishedAt = finished.toISOString();
  const durationMs = Math.round(performance.now() - startedTick);
  const counts = `${plural(pushed, 'modification envoyée', 'modifications envoyées')}, ${plural(
    pulled,
    'événement reçu',
    'événements reçus',
  )}`;
  await ctx.db.transaction().execute(async (trx) => {
    if (error === null) {
      await updateSyncState(trx, { last_success_at: finishedAt, last_error: null, consecutive_failures: 0 });
    } else {
      await recordSyncFailure(trx, error);
    }
    await insertSyncLog(trx, {
      at: finishedAt,
      level: error === null ? 'info' : 'error',
      message: error ?? `Synchronisation réussie : ${counts}.`,
      pushed,
      pulled,
      origin: opts.origin,
      durationMs,
    });
    if (error === null) {
      await deletePushedBefore(trx, new Date(finished.getTime() - PUSHED_RETENTION_MS).toISOString());
    }
  });
  return { ok: error === null, pushed, pulled, error, startedAt, finishedAt };
}

/** "Synchroniser maintenant": refused with a French reason until the portal is configured. */
export async function requestSyncNow(ctx: OfficeContext): Promise<SyncRunSummary> {
  if (!isSyncConfigured(await readSyncSettings(ctx.db))) {
    throw new AppError(
      'conflict',
      'La synchronisation n’est pas configurée : un administrateur doit indiquer l’adresse du portail et le secret.',
    );
  }
  return ctx.sync.runNow('manual');
}

function toSyncLogEntry(row: SyncLogRow): SyncLogEntry {
  return {
    id: row.id,
    at: row.at,
    level: row.level,
    message: row.message,
    pushed: row.pushed,
    pulled: row.pulled,
    origin: row.origin,
    durationMs: row.duration_ms,
  };
}

export async function listSyncLogEntries(
  ctx: OfficeContext,
  query: { beforeId?: number | undefined; limit: number },
): Promise<{ entries: SyncLogEntry[]; hasMore: boolean }> {
  const { rows, hasMore } = await listSyncLog(ctx.db, query);
  return { entries: rows.map(toSyncLogEntry), hasMore };
}

/** What the sync screen shows: the state, what waits on each side, the schedule. */
export async function syncStatus(
  ctx: OfficeContext,
  live: { running: boolean; progress: SyncProgress | null; nextRunAt: Date | null },
): Promise<SyncStatus> {
  const [settings, state, pending, last] = await Promise.all([
    readSyncSettings(ctx.db),
    readSyncState(ctx.db),
    pendingChanges(ctx.db),
    lastSyncLog(ctx.db),
  ]);
  return {
    configured: isSyncConfigured(settings),
    enabled: settings.enabled,
    portalUrl: settings.portalUrl,
    intervalMinutes: settings.intervalMinutes,
    running: live.running,
    progress: live.progress,
    lastSuccessAt: state.last_success_at,
    lastAttemptAt: state.last_attempt_at,
    lastError: state.last_error,
    consecutiveFailures: state.consecutive_failures,
    nextRunAt: live.nextRunAt?.toISOString() ?? null,
    pendingPush: pending.count,
    oldestPendingAt: pending.oldestAt,
    eventsCursor: state.events_cursor,
    lastRun: last
      ? { at: last.at, pushed: last.pushed, pulled: last.pulled, ok: last.level === 'info' }
      : null,
  };
}
