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
    origin: Generated<'schedule' | 'manual'>;
    duration_ms: number | null;
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
    resent_from: Generated<number | null>;
  };
  // Family files and account requests (migrations/office/0003_families.sql).
  families: {
    id: Generated<number>;
    version: number;
    email: string | null;
    address_line1: string;
    address_line2: string;
    postal_code: string;
    city: string;
    qf_value: number | null;
    qf_valid_until: string | null;
    qf_source: 'CAF' | 'MSA' | 'avis_imposition' | 'declaration' | null;
    notes: string;
    portal_access: 'none' | 'invited' | 'active' | 'disabled';
    invitation_id: string | null;
    portal_access_changed_at: string | null;
    last_applied_event_seq: number;
    archived: number;
    search_text: string;
    sort_key: string;
    created_at: string;
    updated_at: string;
  };
  family_adults: {
    id: Generated<number>;
    family_id: number;
    position: number;
    first_name: string;
    last_name: string;
    relation: string;
    phone_mobile: string | null;
    phone_home: string | null;
    phone_work: string | null;
    email: string | null;
  };
  children: {
    id: Generated<number>;
    family_id: number;
    position: number;
    first_name: string;
    last_name: string;
    birth_date: string;
    school: string;
    class_name: string;
    health_notes: string;
    pai: number;
  };
  child_pickups: {
    id: Generated<number>;
    child_id: number;
    position: number;
    name: string;
    relation: string;
    phone: string;
  };
  account_requests: {
    id: Generated<number>;
    event_id: string;
    received_at: string;
    first_name: string;
    last_name: string;
    email: string;
    phone: string;
    children: string;
    message: string;
    privacy_accepted_at: string;
    email_known_on_portal: number;
    status: 'pending' | 'created' | 'linked' | 'rejected';
    family_id: number | null;
    rejection_reason: string | null;
    handled_at: string | null;
    handled_by_id: number | null;
    handled_by_name: string | null;
  };
  family_change_requests: {
    id: Generated<number>;
    event_id: string;
    family_id: number;
    received_at: string;
    message: string;
    handled_at: string | null;
    handled_by_id: number | null;
    handled_by_name: string | null;
  };
}
