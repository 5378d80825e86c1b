import { z } from 'zod';
import { SYNC_SECRET_MIN_LENGTH } from '../sync/protocol';
import { empty, idSchema as id, isoInstantSchema as isoInstant, op } from './operation';

/** The office's side of the sync with the portal: its settings, its state, its log, a run on demand. */

export const SYNC_DEFAULT_INTERVAL_MINUTES = 2;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The portal's base address. The bearer secret and children's data travel to it, so it must be
 * https; plain http is accepted only on this machine (a portal started locally to try things out).
 */
export const portalUrlSchema = z
  .string()
  .trim()
  .min(1, 'L’adresse du portail est obligatoire.')
  .max(500, 'Adresse trop longue.')
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Adresse invalide (ex. https://portail.commune.fr).' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
      ctx.addIssue({
        code: 'custom',
        message: 'L’adresse doit commencer par https:// (http:// seulement pour un portail sur ce poste).',
      });
      return z.NEVER;
    }
    if (url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'L’adresse ne doit contenir ni paramètres, ni identifiants.' });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  });

export const syncSecretSchema = z
  .string()
  .trim()
  .min(SYNC_SECRET_MIN_LENGTH, `Le secret doit faire au moins ${SYNC_SECRET_MIN_LENGTH} caractères.`)
  .max(256, 'Le secret doit faire au plus 256 caractères.')
  .regex(/^[\x21-\x7e]+$/, 'Le secret ne peut contenir que des caractères ASCII visibles, sans espace.');

/** The settings as the office shows them back: never the secret, only its last four characters. */
export const syncSettingsSchema = z.object({
  portalUrl: z.string().nullable(),
  secretHint: z.string().nullable(),
  intervalMinutes: z.number().int(),
  enabled: z.boolean(),
});
export type SyncSettingsView = z.infer<typeof syncSettingsSchema>;

export const syncSettingsInputSchema = z
  .object({
    portalUrl: portalUrlSchema,
    /** A new secret; absent or empty keeps the one saved. */
    secret: z.union([z.literal('').transform(() => undefined), syncSecretSchema]).optional(),
    intervalMinutes: z
      .number()
      .int('Un nombre entier de minutes.')
      .min(1, 'Au moins 1 minute.')
      .max(1440, 'Au plus 1440 minutes (une journée).'),
    enabled: z.boolean(),
  })
  .strict();
export type SyncSettingsInput = z.output<typeof syncSettingsInputSchema>;

export const syncPhaseSchema = z.enum(['push', 'pull']);
export type SyncPhase = z.infer<typeof syncPhaseSchema>;

/** Where a running sync is: records pushed / events applied so far, and the total when known. */
export const syncProgressSchema = z.object({
  phase: syncPhaseSchema,
  done: z.number().int(),
  total: z.number().int().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncStatusSchema = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  portalUrl: z.string().nullable(),
  intervalMinutes: z.number().int(),
  running: z.boolean(),
  progress: syncProgressSchema.nullable(),
  lastSuccessAt: isoInstant.nullable(),
  lastAttemptAt: isoInstant.nullable(),
  /** The last run's error, in French; null after a success. */
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  /** When the schedule runs next (after the backoff when runs fail); null when sync is off. */
  nextRunAt: isoInstant.nullable(),
  /** Office → portal: outbox rows not pushed yet, and the oldest one's date. */
  pendingPush: z.number().int(),
  oldestPendingAt: isoInstant.nullable(),
  /** Portal → office: the last portal event applied, and how many the last run applied. */
  eventsCursor: z.number().int(),
  lastRun: z
    .object({ at: isoInstant, pushed: z.number().int(), pulled: z.number().int(), ok: z.boolean() })
    .nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncRunSummarySchema = z.object({
  ok: z.boolean(),
  pushed: z.number().int(),
  pulled: z.number().int(),
  error: z.string().nullable(),
  startedAt: isoInstant,
  finishedAt: isoInstant,
});
export type SyncRunSummary = z.infer<typeof syncRunSummarySchema>;

export const syncLogEntrySchema = z.object({
  id,
  at: isoInstant,
  level: z.enum(['info', 'error']),
  message: z.string(),
  pushed: z.number().int(),
  pulled: z.number().int(),
  origin: z.enum(['schedule', 'manual']),
  durationMs: z.number().int().nullable(),
});
export type SyncLogEntry = z.infer<typeof syncLogEntrySchema>;

export const syncOperations = {
  'sync.status': op('staff', empty, syncStatusSchema),
  'sync.log': op(
    'staff',
    z.object({ beforeId: id.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.object({ entries: z.array(syncLogEntrySchema), hasMore: z.boolean() }),
  ),
  /** "Synchroniser maintenant": ignores the backoff; joins the run in progress if there is one. */
  'sync.runNow': op('staff', empty, syncRunSummarySchema),
  'sync.getSettings': op('admin', empty, syncSettingsSchema),
  'sync.updateSettings': op('admin', syncSettingsInputSchema, syncSettingsSchema),
} as const;

export type SyncOperationName = keyof typeof syncOperations;

/** What main tells every window while a sync runs; `running: false` closes the run. */
export type SyncProgressEvent =
  (SyncProgress & { running: true }) | { running: false; ok: boolean; error: string | null };
