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
}
