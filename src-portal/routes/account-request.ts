import { Hono } from 'hono';
import { parisDay, parseInstant } from '../../src-shared/domain/paris-time';
import {
  ACCOUNT_REQUEST_FIRST_ROWS,
  ACCOUNT_REQUEST_MAX_CHILDREN,
  type AccountRequestInput,
  accountRequestSchema,
} from '../../src-shared/portal/account-request';
import type { PortalDb } from '../db/database';
import { clientIp } from '../http/client';
import { csrfField } from '../http/csrf';
import type { PortalEnv } from '../http/env';
import { renderMessagePage } from '../pages/shared/message-page';
import type { FormErrors } from '../pages/shared/forms';
import { loadSiteInfo } from '../pages/shared/site';
import {
  ADD_CHILD_ACTION,
  type AccountRequestValues,
  HONEYPOT_FIELD,
  renderAccountRequestForm,
  renderAccountRequestSent,
} from '../requests/account-request.page';
import { AccountRequestRateLimited, submitAccountRequest } from '../requests/account-request.service';

export type AccountRequestRouteDeps = { db: PortalDb; trustProxy: boolean; now?: () => Date };

const FORM_PATH = '/demande-de-compte';
const SENT_PATH = '/demande-de-compte/envoyee';

/**
 * The public "Demander un compte" page. `GET` shows the form; `POST` either adds a child row (the
 * no-JavaScript way), or validates and records the request, then redirects to the confirmation page
 * (so reloading it does not send the request again). A filled honeypot gets the same redirect and
 * nothing is stored. CSRF is checked by the app-wide middleware before this runs.
 */
export function accountRequestRoutes({
  db,
  trustProxy,
  now = () => new Date(),
}: AccountRequestRouteDeps): Hono<PortalEnv> {
  const routes = new Hono<PortalEnv>();

  routes.get(FORM_PATH, async (c) =>
    renderAccountRequestForm(c, {
      site: await loadSiteInfo(db),
      values: {},
      errors: {},
      rows: ACCOUNT_REQUEST_FIRST_ROWS,
      today: today(now()),
      csrf: csrfField(c),
    }),
  );

  routes.post(FORM_PATH, async (c) => {
    const values = formValues(await c.req.parseBody());
    const at = now();
    const submittedRows = clampRows(Number(values.rows));
    const form = async (rows: number, errors: FormErrors, status: 200 | 400) =>
      renderAccountRequestForm(
        c,
        { site: await loadSiteInfo(db), values, errors, rows, today: today(at), csrf: csrfField(c) },
        status,
      );

    if (values.action === ADD_CHILD_ACTION) return form(clampRows(submittedRows + 1), {}, 200);

    // A robot filled the field no person sees: it gets what a person would get, and nothing is kept.
    if ((values[HONEYPOT_FIELD] ?? '') !== '') return c.redirect(SENT_PATH, 303);

    const parsed = accountRequestSchema(today(at)).safeParse(toInput(values, submittedRows));
    if (!parsed.success) {
      const errors: FormErrors = {};
      for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
      return form(submittedRows, errors, 400);
    }

    try {
      await submitAccountRequest(db, parsed.data, { clientIp: clientIp(c, trustProxy), now: at });
    } catch (error) {
      if (!(error instanceof AccountRequestRateLimited)) throw error;
      c.header('Retry-After', String(error.retryAfterSeconds));
      return renderMessagePage(c, await loadSiteInfo(db), {
        title: 'Trop de demandes',
        message: error.message,
        status: 429,
      });
    }
    return c.redirect(SENT_PATH, 303);
  });

  routes.get(SENT_PATH, async (c) => renderAccountRequestSent(c, await loadSiteInfo(db)));

  return routes;
}

function today(at: Date): string {
  return parisDay(parseInstant(at.toISOString()));
}

function clampRows(rows: number): number {
  if (!Number.isInteger(rows)) return ACCOUNT_REQUEST_FIRST_ROWS;
  return Math.min(ACCOUNT_REQUEST_MAX_CHILDREN, Math.max(ACCOUNT_REQUEST_FIRST_ROWS, rows));
}

/** The text fields of a posted form (a file or a repeated field counts as absent / its first value). */
function formValues(body: Record<string, string | File | (string | File)[]>): AccountRequestValues {
  const values: AccountRequestValues = {};
  for (const [name, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

function toInput(values: AccountRequestValues, rows: number): AccountRequestInput {
  const value = (name: string) => values[name] ?? '';
  return {
    adult: {
      firstName: value('adult.firstName'),
      lastName: value('adult.lastName'),
      email: value('adult.email'),
      phone: value('adult.phone'),
    },
    children: Array.from({ length: rows }, (_, row) => ({
      firstName: value(`children.${row}.firstName`),
      lastName: value(`children.${row}.lastName`),
      birthDate: value(`children.${row}.birthDate`),
    })),
    message: value('message'),
    privacyAccepted: value('privacyAccepted') === 'yes',
  };
}
