import type { SyncProgress, SyncRunSummary } from '../../../src-shared/api/sync.contract';
import type { OfficeContext } from '../../context';
import type { EventAppliers } from './appliers';
import { isSyncConfigured, readSyncSettings } from './sync-settings.service';
import { onRecordQueued } from './outbox';
import { nextScheduledRun } from './sync.schedule';
import { pendingChanges, readSyncState } from './sync.repository';
import { runSync, type SyncHooks, type SyncOrigin } from './sync.service';

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed when they end. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * How long after a change for the portal the sync runs (when it is on and not backing off): the
 * changes staff make in a few seconds (a family saved, then its access created) leave in one run.
 */
export const SYNC_SOON_MS = 3_000;

/**
 * Runs the sync on its schedule and on demand, one run at a time: a request while a run is in
 * progress gets that run's outcome. After each run, and whenever the settings change, the next run
 * is planned from the state (interval, or backoff while runs fail). A change queued for the portal
 * (an invitation, a family edited) brings the run forward to a few seconds later, so a parent does
 * not wait for the interval. Progress goes to every window.
 */
export class SyncScheduler {
  private current: Promise<SyncRunSummary> | null = null;
  private progress: SyncProgress | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soonTimer: NodeJS.Timeout | null = null;
  /** A change was queued during a run (perhaps after it read the outbox): run again after it. */
  private soonAfterRun = false;
  private unsubscribe: (() => void) | null = null;
  private next: Date | null = null;
  private planning: Promise<void> = Promise.resolve();
  private generation = 0;
  private started = false;
  private closed = false;
  /** Aborts the requests of the run in progress when the office closes, instead of waiting 30 s. */
  private readonly closing = new AbortController();

  constructor(
    private readonly context: () => OfficeContext,
    private readonly opts: { appliers: EventAppliers; hooks?: SyncHooks },
  ) {}

  /** Starts the schedule (the office's background work; tests may leave it off). */
  start(): void {
    this.started = true;
    this.unsubscribe = onRecordQueued(() => this.soon());
    this.plan();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.generation += 1;
    this.unsubscribe?.();
    this.clearTimer();
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.closing.abort();
    await this.planning;
    await this.current?.catch(() => undefined);
  }

  /** The settings were saved: plan again at once (a first configuration runs right away). */
  settingsChanged(): void {
    if (this.started) this.plan();
  }

  /** Runs now, whatever the backoff; joins the run in progress if there is one. */
  runNow(origin: SyncOrigin = 'manual'): Promise<SyncRunSummary> {
    if (this.current) return this.current;
    const ctx = this.context();
    this.clearTimer();
    const run = runSync(ctx, {
      appliers: this.opts.appliers,
      origin,
      signal: this.closing.signal,
      ...(this.opts.hooks ? { hooks: this.opts.hooks } : {}),
      onProgress: (p) => {
        this.progress = p;
        ctx.broadcast('sync.progress', { ...p, running: true });
      },
    });
    this.current = run.finally(() => {
      this.current = null;
      this.progress = null;
      if (!this.closed && this.started) this.plan();
      if (this.soonAfterRun) {
        this.soonAfterRun = false;
        this.soon();
      }
    });
    void run.then(
      (summary) => ctx.broadcast('sync.progress', { running: false, ok: summary.ok, error: summary.error }),
      () => undefined,
    );
    return this.current;
  }

  /**
   * A change for the portal was queued: run `SYNC_SOON_MS` later if the sync is on, not backing off
   * (the planned retry carries it) and the change is still waiting. Changes queued meanwhile join
   * that run.
   */
  soon(): void {
    if (!this.started || this.closed) return;
    if (this.current) {
      this.soonAfterRun = true;
      return;
    }
    if (this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      void this.runIfOn();
    }, SYNC_SOON_MS);
    this.soonTimer.unref();
  }

  private async runIfOn(): Promise<void> {
    if (this.closed) return;
    const ctx = this.context();
    try {
      const [settings, state, pending] = await Promise.all([
        readSyncSettings(ctx.db),
        readSyncState(ctx.db),
        pendingChanges(ctx.db),
      ]);
      if (this.closed || !isSyncConfigured(settings) || !settings.enabled) return;
      // Backing off: the planned retry carries the change. Nothing left: a run already sent it.
      if (state.consecutive_failures > 0 || pending.count === 0) return;
      await this.runNow('schedule');
    } catch (error) {
      if (!this.closed) ctx.log('error', 'sync: the run after a change failed to start', error);
    }
  }

  /** What the state in the database does not say: whether a run is going on, and the next one. */
  live(): { running: boolean; progress: SyncProgress | null; nextRunAt: Date | null } {
    return { running: this.current !== null, progress: this.progress, nextRunAt: this.next };
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Plans the next scheduled run; the latest call wins over any still reading the database. */
  private plan(): void {
    const generation = ++this.generation;
    this.planning = this.planning.then(async () => {
      if (this.closed || generation !== this.generation) return;
      const ctx = this.context();
      try {
        const [settings, state] = await Promise.all([readSyncSettings(ctx.db), readSyncState(ctx.db)]);
        if (this.closed || generation !== this.generation) return;
        const now = ctx.now();
        this.next = nextScheduledRun(
          {
            configured: isSyncConfigured(settings),
            enabled: settings.enabled,
            intervalMinutes: settings.intervalMinutes,
            lastAttemptAt: state.last_attempt_at,
            consecutiveFailures: state.consecutive_failures,
          },
          now,
        );
        this.clearTimer();
        if (this.next === null || this.current) return;
        const wait = this.next.getTime() - now.getTime();
        this.timer = setTimeout(
          () => {
            this.timer = null;
            if (wait > MAX_TIMER_MS) this.plan();
            else void this.runNow('schedule');
          },
          Math.max(0, Math.min(wait, MAX_TIMER_MS)),
        );
        this.timer.unref();
      } catch (error) {
        if (!this.closed) ctx.log('error', 'sync: planning the next run failed', error);
      }
    });
  }
}
