import type { Generated, Kysely } from 'kysely';

/**
 * The portal's tables as the application sees them after every migration of `migrations/portal` has
 * run. Each migration describes its own frozen snapshot instead of importing this, so a later change
 * here never rewrites history. Instants are UTC ISO-8601 strings (`text`), the same on SQLite and
 * PostgreSQL.
 */
export interface PortalDatabase {
  portal_meta: PortalMetaTable;
  families: FamilyTable;
  portal_settings: PortalSettingsTable;
  sync_tombstones: SyncTombstoneTable;
  events: EventTable;
  mail_queue: MailQueueTable;
  rate_limits: RateLimitTable;
  parent_accounts: ParentAccountTable;
  auth_tokens: AuthTokenTable;
  parent_sessions: ParentSessionTable;
  pending_changes: PendingChangeTable;
}

/** Facts about this portal database itself, one row per key. */
export interface PortalMetaTable {
  key: PortalMetaKey;
  value: string;
}

/** Keys of `portal_meta`: `schema_created_at` is when migration 0001 created the schema (UTC ISO). */
export type PortalMetaKey = 'schema_created_at';

export type PortalDb = Kysely<PortalDatabase>;

/** An open portal database and how to release it. */
export type PortalDatabaseHandle = {
  db: PortalDb;
  dialect: 'sqlite' | 'postgres';
  /** How to name it in logs: `sqlite:/path` or the URL with its password masked. */
  label: string;
  /** Closes the file or the connection pool; safe to call twice. */
  close(): Promise<void>;
};

/** A family's portal password and lockout state (migration 0005); the login is `families.email`. */
export interface ParentAccountTable {
  family_id: number;
  /** `scrypt$N$r$p$salt$hash`, see `src-portal/accounts/password-hash.ts`. */
  password_hash: string;
  activated_at: string;
  /** The invitation this account was activated with (lets the parent in before the office syncs). */
  activated_invitation_id: string | null;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
}

export type AuthTokenPurpose = 'activation' | 'reset';

/** One-time links mailed to parents; only the SHA-256 of the token is stored (migration 0006). */
export interface AuthTokenTable {
  hash: string;
  family_id: number;
  purpose: AuthTokenPurpose;
  expires_at: string;
  /** Set when the link was used, or revoked. */
  used_at: string | null;
  created_at: string;
}

/** A logged-in parent; `id` is the SHA-256 of the cookie value (migration 0007). */
export interface ParentSessionTable {
  id: string;
  family_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** A "Ma famille" edit sent to the office and not applied yet (migration 0008). */
export interface PendingChangeTable {
  event_id: string;
  family_id: number;
  kind: 'phones' | 'address' | 'authorisedPickups';
  /** JSON of the submitted values. */
  data: string;
  event_seq: number;
  created_at: string;
}

/**
 * An office family as the portal may show it (migration 0002). `data` is the JSON
 * `PortalFamilyRecord`; `email`, `portal_access` and `invitation_id` are copies of its fields for
 * indexed look-ups. Read it through `src-portal/sync/families.repository.ts`.
 */
export interface FamilyTable {
  /** The office's family id. */
  id: number;
  /** Normalised, unique; null when the family has no portal e-mail. */
  email: string | null;
  portal_access: 'none' | 'invited' | 'active' | 'disabled';
  invitation_id: string | null;
  /** The office's version of the record. */
  version: number;
  data: string;
  last_applied_event_seq: number;
  updated_at: string;
}

/** The office's settings for the portal, one row with id 'settings' (migration 0002). */
export interface PortalSettingsTable {
  id: 'settings';
  version: number;
  /** JSON `PortalSettingsRecord`. */
  data: string;
  updated_at: string;
}

/** The version at which the office deleted a record, so an older replay cannot revive it (0002). */
export interface SyncTombstoneTable {
  entity: string;
  entity_id: string;
  version: number;
  deleted_at: string;
}

/** The portal's event log the office pulls (migration 0002); append with `appendEvent`. */
export interface EventTable {
  seq: Generated<number>;
  /** uuid */
  id: string;
  type: string;
  family_id: number | null;
  /** JSON of the event's payload. */
  payload: string;
  occurred_at: string;
}

export type MailState = 'queued' | 'sent' | 'failed';

/** The portal's outgoing e-mails (migration 0003); enqueue with `enqueueMail`. */
export interface MailQueueTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  kind: string;
  state: MailState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  /** A worker holds the message until then (several instances). */
  claimed_until: string | null;
  claim_id: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Fixed-window rate-limit counters (migration 0004); `id` = SHA-256 of bucket and key. */
export interface RateLimitTable {
  id: string;
  bucket: string;
  hits: number;
  window_started_at: string;
  expires_at: string;
}
