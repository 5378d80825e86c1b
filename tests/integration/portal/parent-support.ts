import type { Hono } from 'hono';
import { createApp } from '../../../src-portal/app';
import { loadConfig } from '../../../src-portal/config';
import type { PortalDatabaseHandle, PortalDb } from '../../../src-portal/db/database';
import { migrateToLatest } from '../../../src-portal/db/migrate';
import { openDatabase } from '../../../src-portal/db/open';
import type { PortalEnv } from '../../../src-portal/http/env';
import { createLogger } from '../../../src-portal/logger';
import type { PortalFieldRules } from '../../../src-shared/families/family';
import { DEFAULT_PORTAL_FIELD_RULES } from '../../../src-shared/families/family';
import {
  type PortalFamilyRecord,
  SYNC_PUSH_MEDIA_TYPE,
  type SyncRecord,
  encodeSyncRecords,
} from '../../../src-shared/sync/protocol';
import { type DialectTarget, type LogCapture, captureLogs } from './helpers';

/**
 * Test support for the parent pages: the real portal app (createApp) on a fresh database of a
 * target, driven in process with `app.request()` under a manual clock; a small browser with a cookie
 * jar that submits forms the way a page does (same origin, the page's CSRF token); the office's side
 * played through the real `POST /sync/push` with the shared secret.
 */

export const PUBLIC_URL = 'https://portal.test';
export const SYNC_SECRET = 'parent-tests-sync-secret-0123456789abcdef';
export const START = new Date('2026-11-02T08:00:00.000Z');

export type ParentPortal = {
  app: Hono<PortalEnv>;
  db: PortalDb;
  database: PortalDatabaseHandle;
  logs: LogCapture;
  /** The portal's current instant; move it with `advance`. */
  now(): Date;
  advance(ms: number): void;
  /** POST /sync/push as the office does; throws unless 200. */
  push(records: SyncRecord[]): Promise<{ applied: number; ignored: number }>;
  /** Pushes a family record at `version` (the office's version counter). */
  pushFamily(record: PortalFamilyRecord, version: number): Promise<void>;
  pushSettings(fieldRules: Partial<PortalFieldRules>, version: number): Promise<void>;
  newBrowser(options?: { ip?: string }): Browser;
  /** The e-mails queued so far, oldest first. */
  mails(): Promise<Array<{ to: string; kind: string; subject: string; text: string; html: string }>>;
  /** Rows of a table, to prove something did or did not change. */
  count(
    table: 'events' | 'pending_changes' | 'parent_sessions' | 'parent_accounts' | 'mail_queue',
  ): Promise<number>;
  close(): Promise<void>;
};

export async function startParentPortal(
  target: DialectTarget,
  env: Record<string, string> = {},
): Promise<ParentPortal> {
  const { config } = loadConfig({
    PORTAL_DATABASE_URL: await target.newDatabaseUrl(),
    PORTAL_PUBLIC_URL: PUBLIC_URL,
    PORTAL_SYNC_SECRET: SYNC_SECRET,
    PORTAL_LOG_LEVEL: 'info',
    // Behind a (pretend) proxy: the tests choose each browser's IP with X-Forwarded-For.
    PORTAL_TRUST_PROXY: 'true',
    ...env,
  });
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const { capture, stream } = captureLogs();
  let current = START.getTime();
  const clock = () => new Date(current);
  const app = createApp({
    config,
    db: database.db,
    logger: createLogger('info', stream),
    version: 'test',
    clock,
  });
  const base = config.publicUrl;

  const push = async (records: SyncRecord[]) => {
    const response = await app.request(`${base}/sync/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SYNC_SECRET}`, 'Content-Type': SYNC_PUSH_MEDIA_TYPE },
      body: encodeSyncRecords(records),
    });
    const body = (await response.json()) as { ok: boolean; value: { applied: number; ignored: number } };
    if (response.status !== 200 || !body.ok) throw new Error(`push refused: ${JSON.stringify(body)}`);
    return body.value;
  };

  return {
    app,
    db: database.db,
    database,
    logs: capture,
    now: clock,
    advance: (ms) => {
      current += ms;
    },
    push,
    pushFamily: async (record, version) => {
      await push([{ entity: 'family', id: String(record.id), version, data: record }]);
    },
    pushSettings: async (rules, version) => {
      await push([
        {
          entity: 'portal_settings',
          id: 'settings',
          version,
          data: {
            communeName: 'Lapalud',
            fieldRules: { ...DEFAULT_PORTAL_FIELD_RULES, ...rules },
            contactEmail: 'enfance@lapalud.example',
            contactPhone: '04 90 00 00 00',
          },
        },
      ]);
    },
    newBrowser: (options = {}) => new Browser(app, base, options.ip ?? '203.0.113.10'),
    mails: async () =>
      (
        await database.db
          .selectFrom('mail_queue')
          .select(['to_address', 'kind', 'subject', 'text_body', 'html_body'])
          .orderBy('id')
          .execute()
      ).map((row) => ({
        to: row.to_address,
        kind: row.kind,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
      })),
    count: async (table) => {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    close: () => database.close(),
  };
}

/** A page as a browser got it. */
export type Page = { status: number; location: string | null; html: string; response: Response };

/**
 * A browser: keeps cookies (by name, as the portal sets them), follows nothing by itself (the tests
 * look at each redirect), and posts forms from the portal's origin with the token the page carried.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** The last page fetched: where `submit` takes the CSRF token from. */
  last: Page | null = null;

  constructor(
    private readonly app: Hono<PortalEnv>,
    private readonly base: string,
    private readonly ip: string,
  ) {}

  async get(path: string): Promise<Page> {
    return this.request(path, { method: 'GET' });
  }

  /** Follows one redirect of `page` (a GET), or returns `page` when it is not one. */
  async follow(page: Page): Promise<Page> {
    return page.location === null ? page : this.get(page.location);
  }

  /**
   * Posts `fields` to `action` with the CSRF token of the last page fetched (`csrf: 'page'`), none,
   * or a given value; from the portal's own origin unless `origin` says otherwise.
   */
  async post(
    action: string,
    fields: Record<string, string> | Array<[string, string]>,
    { csrf = 'page', origin = this.base }: { csrf?: 'page' | 'none' | string; origin?: string | null } = {},
  ): Promise<Page> {
    const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
    const token = csrf === 'page' ? this.pageToken() : csrf === 'none' ? null : csrf;
    if (token !== null) body.set('_csrf', token);
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (origin !== null) headers.Origin = origin;
    return this.request(action, { method: 'POST', headers, body: body.toString() });
  }

  /** GET the page holding the form, then post it: what a person does. */
  async submit(
    pagePath: string,
    fields: Record<string, string> | Array<[string, string]>,
    action = pagePath,
  ): Promise<Page> {
    const page = await this.get(pagePath);
    if (page.status !== 200) throw new Error(`GET ${pagePath} answered ${page.status}`);
    return this.post(action, fields);
  }

  pageToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.last?.html ?? '');
    if (!match) throw new Error('the last page has no CSRF field');
    return match[1]!;
  }

  private async request(path: string, init: RequestInit): Promise<Page> {
    const headers = new Headers(init.headers);
    headers.set('X-Forwarded-For', this.ip);
    if (this.cookies.size > 0) {
      headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await this.app.request(`${this.base}${path}`, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const page: Page = {
      status: response.status,
      location: response.headers.get('Location'),
      html: await response.clone().text(),
      response,
    };
    if (init.method === 'GET') this.last = page;
    return page;
  }
}

/** A family as the office pushes it; ids are derived from `id` so families never share one. */
export function familyRecord(id: number, overrides: Partial<PortalFamilyRecord> = {}): PortalFamilyRecord {
  return {
    id,
    email: `famille${id}@example.fr`,
    portalAccess: 'invited',
    invitationId: `invitation-${id}-1`,
    adults: [
      {
        id: id * 100 + 1,
        firstName: 'Hélène',
        lastName: 'Durand',
        relation: 'mère',
        phones: { mobile: '06 12 34 56 78', home: null, work: null },
        email: null,
      },
      {
        id: id * 100 + 2,
        firstName: 'Marc',
        lastName: 'Durand',
        relation: 'père',
        phones: { mobile: null, home: '04 90 11 22 33', work: null },
        email: 'marc@example.fr',
      },
    ],
    address: { line1: '1 rue des Écoles', line2: '', postalCode: '84840', city: 'Lapalud' },
    children: [
      {
        id: id * 100 + 11,
        firstName: 'Léa',
        lastName: 'Durand',
        birthDate: '2018-03-04',
        school: 'École Jules Ferry',
        className: 'CE2',
        authorisedPickups: [{ name: 'Josette Martin', relation: 'grand-mère', phone: '06 98 76 54 32' }],
      },
    ],
    lastAppliedEventSeq: 0,
    ...overrides,
  };
}

/** The path of the link a mail carries (`/activation/…` or `/reinitialisation/…`), from its text. */
export function linkPath(mail: { text: string }, kind: 'activation' | 'reinitialisation'): string {
  const match = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}(/${kind}/[A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} link in the mail: ${mail.text}`);
  return match[1]!;
}

/** A password the shared policy accepts and that has nothing to do with the family. */
export const GOOD_PASSWORD = 'Tournesol-Bleu-42';
export const OTHER_PASSWORD = 'Colibri#Vert-2027';
