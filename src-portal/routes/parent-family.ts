import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Address } from '../../src-shared/families/family';
import { PICKUPS_MAX } from '../../src-shared/portal/parent-forms';
import { AppError } from '../../src-shared/result';
import type { ParentSession } from '../accounts/session.service';
import type { PortalDb } from '../db/database';
import {
  type EditTarget,
  type MyFamily,
  loadEditable,
  loadMyFamily,
  requestChange,
  submitEdit,
} from '../family/family.service';
import { familyMessages } from '../family/family-messages';
import type { PortalEnv } from '../http/env';
import { type RateLimitRule, hitRateLimit } from '../http/rate-limit';
import type { Logger } from '../logger';
import {
  type PickupRowValues,
  renderChangeRequestPage,
  renderEditAddressPage,
  renderEditPhonesPage,
  renderEditPickupsPage,
} from '../pages/parent/family-edit';
import { renderMyFamilyPage } from '../pages/parent/my-family';
import type { FlashMessage, FormErrors } from '../pages/shared/forms';
import { renderMessagePage } from '../pages/shared/message-page';
import { type SiteInfo, loadSiteInfo } from '../pages/shared/site';
import { formErrors, formFields, idParam, isInvalidInput } from './parent-http';

export type ParentFamilyRouteDeps = {
  db: PortalDb;
  logger: Logger;
  clock: () => Date;
};

/** How much one family may send the office in a day: generous for people, a wall for a runaway script. */
export const familyRateLimits = {
  edits: { bucket: 'profile-edit:family', limit: 60, windowMs: 24 * 60 * 60_000 },
  changeRequests: { bucket: 'change-request:family', limit: 20, windowMs: 24 * 60 * 60_000 },
} satisfies Record<string, RateLimitRule>;

/** Flash messages after a redirect to "Ma famille", by query key (fixed texts: nothing echoed). */
const flashes: Record<string, FlashMessage> = {
  bienvenue: { kind: 'success', text: 'Votre accès est activé. Bienvenue sur le portail famille !' },
  'mot-de-passe': { kind: 'success', text: 'Votre nouveau mot de passe est enregistré.' },
  telephones: { kind: 'success', text: familyMessages.phonesSent },
  adresse: { kind: 'success', text: familyMessages.addressSent },
  personnes: { kind: 'success', text: familyMessages.pickupsSent },
  demande: { kind: 'success', text: familyMessages.changeRequested },
};

type Sent = 'telephones' | 'adresse' | 'personnes' | 'demande';

/**
 * "Ma famille" and its edit forms, for a logged-in parent only (others are sent to the login page).
 * Every id in a URL is checked against the session's family: an adult or child of another family is
 * answered exactly like one that does not exist (404), logged as a warning with the two ids only.
 */
export function parentFamilyRoutes({ db, logger, clock }: ParentFamilyRouteDeps): Hono<PortalEnv> {
  const routes = new Hono<PortalEnv>();

  routes.use('/ma-famille', requireParent);
  routes.use('/ma-famille/*', requireParent);

  routes.get('/ma-famille', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const family = await loadMyFamily(db, session.familyId);
      const flash = Object.keys(flashes)
        .filter((key) => c.req.query(key) !== undefined)
        .map((key) => flashes[key]!);
      return renderMyFamilyPage(c, { site, family, flash });
    }),
  );

  // Phones of one adult.
  routes.get('/ma-famille/responsables/:adultId/telephones', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const target = phonesTarget(c);
      const family = await loadEditable(db, session.familyId, target);
      const adult = family.adults.find((a) => a.id === target.adultId)!;
      const phones = adult.pendingPhones ?? adult.phones;
      return renderEditPhonesPage(c, {
        site,
        version: family.version,
        adult,
        values: { mobile: phones?.mobile ?? '', home: phones?.home ?? '', work: phones?.work ?? '' },
      });
    }),
  );
  routes.post('/ma-famille/responsables/:adultId/telephones', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const target = phonesTarget(c);
      const form = await formFields(c);
      return submitOr(c, session, target, form, 'telephones', async (errors) => {
        const family = await loadEditable(db, session.familyId, target);
        const adult = family.adults.find((a) => a.id === target.adultId)!;
        return renderEditPhonesPage(c, {
          site,
          version: versionOf(form, family),
          adult,
          values: { mobile: form.mobile ?? '', home: form.home ?? '', work: form.work ?? '' },
          errors,
          status: 400,
        });
      });
    }),
  );

  // The family's address.
  routes.get('/ma-famille/adresse', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const family = await loadEditable(db, session.familyId, { kind: 'address' });
      const address: Address = family.pendingAddress ??
        family.address ?? { line1: '', line2: '', postalCode: '', city: '' };
      return renderEditAddressPage(c, { site, version: family.version, values: address });
    }),
  );
  routes.post('/ma-famille/adresse', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const form = await formFields(c);
      return submitOr(c, session, { kind: 'address' }, form, 'adresse', async (errors) => {
        const family = await loadEditable(db, session.familyId, { kind: 'address' });
        return renderEditAddressPage(c, {
          site,
          version: versionOf(form, family),
          values: {
            line1: form.line1 ?? '',
            line2: form.line2 ?? '',
            postalCode: form.postalCode ?? '',
            city: form.city ?? '',
          },
          errors,
          status: 400,
        });
      });
    }),
  );

  // People authorised to pick up one child.
  routes.get('/ma-famille/enfants/:childId/personnes-autorisees', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const target = pickupsTarget(c);
      const family = await loadEditable(db, session.familyId, target);
      const child = family.children.find((ch) => ch.id === target.childId)!;
      return renderEditPickupsPage(c, {
        site,
        version: family.version,
        child,
        rows: child.pendingPickups ?? child.authorisedPickups ?? [],
      });
    }),
  );
  routes.post('/ma-famille/enfants/:childId/personnes-autorisees', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const target = pickupsTarget(c);
      const fields = await formFields(c);
      const rows = pickupRows(fields);
      const form = { version: fields.version, people: rows };
      return submitOr(c, session, target, form, 'personnes', async (errors) => {
        const family = await loadEditable(db, session.familyId, target);
        const child = family.children.find((ch) => ch.id === target.childId)!;
        return renderEditPickupsPage(c, {
          site,
          version: versionOf(fields, family),
          child,
          // Unfiltered: the errors name rows by their index in the form.
          rows,
          errors,
          status: 400,
        });
      });
    }),
  );

  // A message to the office about anything else.
  routes.get('/ma-famille/demande', async (c) =>
    withFamilyErrors(c, async (_session, site) => renderChangeRequestPage(c, { site })),
  );
  routes.post('/ma-famille/demande', async (c) =>
    withFamilyErrors(c, async (session, site) => {
      const form = await formFields(c);
      const now = clock();
      if (!(await hitRateLimit(db, familyRateLimits.changeRequests, String(session.familyId), now)).allowed) {
        return renderChangeRequestPage(c, {
          site,
          message: form.message ?? '',
          errors: { message: familyMessages.tooManyRequests },
          status: 429,
        });
      }
      try {
        await requestChange(db, session.familyId, form, now);
      } catch (error) {
        if (!isInvalidInput(error)) throw error;
        return renderChangeRequestPage(c, {
          site,
          message: form.message ?? '',
          errors: formErrors(error),
          status: 400,
        });
      }
      return c.redirect('/ma-famille?demande', 303);
    }),
  );

  return routes;

  /**
   * Sends the edit to the office and goes back to "Ma famille"; a form with problems is shown again
   * (by `redisplay`) with the values typed and the errors next to their fields.
   */
  async function submitOr(
    c: Context<PortalEnv>,
    session: ParentSession,
    target: EditTarget,
    form: unknown,
    sent: Sent,
    redisplay: (errors: FormErrors) => Promise<Response>,
  ): Promise<Response> {
    const now = clock();
    try {
      // Checked first, so that another family's id is a 404 whatever else the request holds.
      await loadEditable(db, session.familyId, target);
      if (!(await hitRateLimit(db, familyRateLimits.edits, String(session.familyId), now)).allowed) {
        return redisplay({ form: familyMessages.tooManyRequests });
      }
      await submitEdit(db, session.familyId, target, form, now);
    } catch (error) {
      if (!isInvalidInput(error)) throw error;
      return redisplay(formErrors(error));
    }
    return c.redirect(`/ma-famille?${sent}`, 303);
  }

  /**
   * Runs a "Ma famille" handler for the logged-in parent and turns the service's refusals into pages:
   * `not_found` (an id that is not the family's) → 404, logged; `forbidden` (a field the office's rules
   * do not let parents edit, even if posted by hand) → 403.
   */
  async function withFamilyErrors(
    c: Context<PortalEnv>,
    handle: (session: ParentSession, site: SiteInfo) => Promise<Response>,
  ): Promise<Response> {
    const session = c.get('parentSession')!;
    const site = await loadSiteInfo(db);
    try {
      return await handle(session, site);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'not_found') {
        logger.warn(
          { reqId: c.get('requestId'), familyId: session.familyId, requested: c.req.path },
          'a parent asked for something outside their family',
        );
        return renderMessagePage(c, site, {
          title: 'Page introuvable',
          message: error.message,
          status: 404,
          back: { href: '/ma-famille', label: 'Retour à Ma famille' },
        });
      }
      if (error.code === 'forbidden') {
        return renderMessagePage(c, site, {
          title: 'Modification impossible',
          message: error.message,
          status: 403,
          back: { href: '/ma-famille', label: 'Retour à Ma famille' },
        });
      }
      throw error;
    }
  }
}

/**
 * Visitors are sent to the login page (303 so that a refused POST becomes a GET), told why when their
 * session has just ended.
 */
async function requireParent(c: Context<PortalEnv>, next: () => Promise<void>): Promise<Response | void> {
  if (c.get('parentSession') === null) {
    return c.redirect(c.get('parentSessionEnded') ? '/connexion?expire' : '/connexion', 303);
  }
  await next();
}

function phonesTarget(c: Context): Extract<EditTarget, { kind: 'phones' }> {
  const adultId = idParam(c.req.param('adultId'));
  if (adultId === null) throw new AppError('not_found', familyMessages.notFound);
  return { kind: 'phones', adultId };
}

function pickupsTarget(c: Context): Extract<EditTarget, { kind: 'authorisedPickups' }> {
  const childId = idParam(c.req.param('childId'));
  if (childId === null) throw new AppError('not_found', familyMessages.notFound);
  return { kind: 'authorisedPickups', childId };
}

/** The version a redisplayed form keeps: the one it was built from, so the edit stays "based on" it. */
function versionOf(form: Record<string, string>, family: MyFamily): number {
  const posted = Number(form.version);
  return Number.isSafeInteger(posted) && posted >= 0 ? posted : family.version;
}

/** The rows of the pick-up form (`people.<i>.name|relation|phone`), in row order; extra rows ignored. */
function pickupRows(fields: Record<string, string>): PickupRowValues[] {
  const rows: PickupRowValues[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const match = /^people\.(\d{1,2})\.(name|relation|phone)$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index >= PICKUPS_MAX + 5) continue;
    for (let i = rows.length; i <= index; i++) rows.push({ name: '', relation: '', phone: '' });
    rows[index]![match[2] as keyof PickupRowValues] = value;
  }
  return rows;
}
