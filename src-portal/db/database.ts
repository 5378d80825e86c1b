import type { Kysely } from 'kysely';

/**
 * The portal's tables as the application sees them after every migration of `migrations/portal` has
 * run. Each migration describes its own frozen snapshot instead of importing this, so a later change
 * here never rewrites history. Instants are UTC ISO-8601 strings (`text`), the same on SQLite and
 * PostgreSQL.
 */
export interface PortalDatabase {
  portal_meta: PortalMetaTable;
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
