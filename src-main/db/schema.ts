import type { Generated } from 'kysely';

/** Row types of the office database, as the migrations in migrations/office create them. */
export interface OfficeDatabase {
  commune: { id: number; name: string; created_at: string };
  staff: {
    id: Generated<number>;
    login: string;
    display_name: string;
    role: 'admin' | 'agent';
    password_hash: string;
    active: number;
    must_change_password: number;
    failed_logins: number;
    locked_until: string | null;
    last_login_at: string | null;
    created_at: string;
    updated_at: string;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_id: number | null;
    actor_name: string | null;
    action: string;
    target: string | null;
    details: string | null;
  };
  settings: { key: string; value: string };
  sync_outbox: {
    seq: Generated<number>;
    entity: string;
    entity_id: string;
    version: number;
    payload: string | null;
    created_at: string;
    pushed_at: string | null;
  };
  sync_applied_events: { event_id: string; seq: number; type: string; applied_at: string };
  sync_state: {
    id: number;
    events_cursor: number;
    last_success_at: string | null;
    last_attempt_at: string | null;
    last_error: string | null;
    consecutive_failures: number;
  };
  sync_log: {
    id: Generated<number>;
    at: string;
    level: 'info' | 'error';
    message: string;
    pushed: number;
    pulled: number;
  };
  mail_queue: {
    id: Generated<number>;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string;
    kind: string;
    state: 'queued' | 'sent' | 'failed';
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    created_at: string;
    sent_at: string | null;
  };
}
