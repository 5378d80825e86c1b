import { expect, test, type Page } from '@playwright/test';
import type { PortalFamilyRecord } from '../../src-shared/sync/protocol';
import { LAPALUD_SETTINGS, pushToPortal, startPortal, type RunningPortal } from './support/portal-process';
import { portalLink, startInbox, type Inbox } from './support/smtp-inbox';

/**
 * A parent on a phone, from the invitation e-mail to "Ma famille" and back: the office invites the
 * family (through the real `/sync/push`), the invitation arrives on a loopback SMTP server, the parent
 * follows its link, chooses a password, sees the family, edits a phone (pending until the office
 * applies it), logs out, gets a reset link by e-mail, chooses a new password and logs in with it.
 */

const SHOTS = 'test-results/screens';
const SECRET = 'e2e-parent-portal-shared-secret-0123456789';
const FAMILY_EMAIL = 'helene.durand@example.fr';
const FIRST_PASSWORD = 'Tournesol-Bleu-42';
const NEW_PASSWORD = 'Colibri#Vert-2027';

let portal: RunningPortal;
let inbox: Inbox;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** What the office sends, through the real sync endpoint with the shared secret. */
const push = (records: Parameters<typeof pushToPortal>[2]) => pushToPortal(portal, SECRET, records);

const ADULTS: PortalFamilyRecord['adults'] = [
  {
    id: 4101,
    firstName: 'Hélène',
    lastName: 'Durand',
    relation: 'mère',
    phones: { mobile: '06 12 34 56 78', home: null, work: null },
    email: null,
  },
  {
    id: 4102,
    firstName: 'Karim',
    lastName: 'Benali',
    relation: 'père',
    phones: { mobile: '07 98 76 54 32', home: '04 90 40 12 34', work: null },
    email: 'karim.benali@example.fr',
  },
];

const CHILDREN: PortalFamilyRecord['children'] = [
  {
    id: 4111,
    firstName: 'Léa',
    lastName: 'Benali',
    birthDate: '2018-03-04',
    school: 'École Jules Ferry',
    className: 'CE2',
    authorisedPickups: [{ name: 'Josette Martin', relation: 'grand-mère', phone: '06 55 44 33 22' }],
  },
  {
    id: 4112,
    firstName: 'Yanis',
    lastName: 'Benali',
    birthDate: '2020-09-17',
    school: 'École maternelle Les Lilas',
    className: 'MS',
    authorisedPickups: [],
  },
];

/** Family 41 as the office pushes it at `version`. */
function family(version: number, overrides: Partial<PortalFamilyRecord> = {}) {
  const data: PortalFamilyRecord = {
    id: 41,
    email: FAMILY_EMAIL,
    portalAccess: 'invited',
    invitationId: '5b0c2f0e-7d1a-4c39-9f0e-2f1b8c7d6a41',
    adults: ADULTS,
    address: { line1: '12 chemin des Oliviers', line2: '', postalCode: '84840', city: 'Lapalud' },
    children: CHILDREN,
    lastAppliedEventSeq: 0,
    ...overrides,
  };
  return { entity: 'family', id: '41', version, data };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** The link of the latest e-mail with this subject start, once it has arrived. */
async function linkFromMail(subject: string, count: number): Promise<string> {
  await expect
    .poll(() => inbox.received.filter((mail) => mail.subject?.startsWith(subject)).length, {
      timeout: 20_000,
    })
    .toBe(count);
  const mail = inbox.received.filter((m) => m.subject?.startsWith(subject)).at(-1)!;
  expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(FAMILY_EMAIL);
  return portalLink(mail);
}

test.beforeAll(async () => {
  inbox = await startInbox();
  portal = await startPortal({
    PORTAL_SYNC_SECRET: SECRET,
    PORTAL_SMTP_HOST: '127.0.0.1',
    PORTAL_SMTP_PORT: String(inbox.port),
    PORTAL_MAIL_FROM: 'Portail famille <no-reply@lapalud.example>',
  });
  await push([LAPALUD_SETTINGS]);
});

test.afterAll(async () => {
  await portal?.stop();
  await inbox?.stop();
});

test('a parent activates the family account from the e-mail, edits a phone, and resets the password', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    // The refusals the test provokes (400, 401, 410 pages) are logged by the browser: not problems.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(portal.url);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bienvenue sur le portail famille' }),
  ).toBeVisible();
  await shot(page, 'portal-parent-home');

  // The office invites the family: the invitation e-mail arrives with its link.
  await push([family(1)]);
  const activation = await linkFromMail('Votre accès au portail famille', 1);
  const invitation = inbox.received.at(-1)!;
  expect(invitation.subject).toBe('Votre accès au portail famille — Lapalud');
  expect(invitation.text).toContain('valable jusqu’au');

  await page.goto(activation);
  await expect(page.getByRole('heading', { level: 1, name: 'Activer votre accès' })).toBeVisible();
  await expect(page.getByText(FAMILY_EMAIL)).toBeVisible();
  await page.getByLabel('Mot de passe (obligatoire)').fill('durand');
  await page.getByLabel('Confirmation').fill('durand');
  await expect(page.getByText('Force : Trop faible.')).toBeVisible();
  await page.getByRole('button', { name: 'Activer mon accès' }).click();
  await expect(page.locator('#f-password-error')).toContainText('Au moins 10 caractères.');
  await shot(page, 'portal-parent-activation-errors');

  await page.getByLabel('Mot de passe (obligatoire)').fill(FIRST_PASSWORD);
  await page.getByLabel('Confirmation').fill(FIRST_PASSWORD);
  await expect(page.getByText(/^Force : (Bon|Excellent)\./)).toBeVisible();
  await shot(page, 'portal-parent-activation');
  await page.getByRole('button', { name: 'Activer mon accès' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Ma famille' })).toBeVisible();
  await expect(page.getByText('Votre accès est activé')).toBeVisible();
  await expect(page.getByText('Josette Martin')).toBeVisible();
  await shot(page, 'portal-parent-my-family');

  // The link was for one use only.
  const reuse = await page.request.get(activation);
  expect(reuse.status()).toBe(410);

  // The office pulls the activation and answers with the 'active' record.
  await push([family(2, { portalAccess: 'active' })]);

  await page.getByRole('link', { name: 'Modifier les téléphones de Hélène Durand' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Téléphones de Hélène Durand' })).toBeVisible();
  await page.getByLabel('Portable').fill('07 11 22 33 44');
  await page.getByLabel('Travail').fill('04 90 99 88 77');
  await shot(page, 'portal-parent-edit-phones');
  await page.getByRole('button', { name: 'Envoyer les téléphones' }).click();
  await expect(page.getByText('Vos numéros de téléphone ont été transmis')).toBeVisible();
  await expect(page.getByText('en attente de prise en compte')).toBeVisible();
  await expect(page.getByText('07 11 22 33 44')).toBeVisible();
  await shot(page, 'portal-parent-pending');

  // The office applies the event and pushes the family back with its sequence number.
  const events = (await (
    await fetch(`${portal.url}/sync/events?after=0`, { headers: { Authorization: `Bearer ${SECRET}` } })
  ).json()) as { value: { events: Array<{ seq: number; type: string }> } };
  const edit = events.value.events.find((event) => event.type === 'profile.updated')!;
  await push([
    family(3, {
      portalAccess: 'active',
      lastAppliedEventSeq: edit.seq,
      adults: [
        { ...ADULTS[0]!, phones: { mobile: '07 11 22 33 44', home: null, work: '04 90 99 88 77' } },
        ADULTS[1]!,
      ],
    }),
  ]);
  await page.reload();
  await expect(page.getByText('07 11 22 33 44')).toBeVisible();
  await expect(page.getByText('en attente de prise en compte')).toHaveCount(0);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByText('Vous êtes déconnecté(e).')).toBeVisible();
  await shot(page, 'portal-parent-logged-out');

  // A wrong password gets the neutral answer.
  await page.getByLabel('Adresse e-mail de la famille').fill(FAMILY_EMAIL);
  await page.getByLabel('Mot de passe (obligatoire)').fill('Pas-le-bon-1');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.')).toBeVisible();
  await shot(page, 'portal-parent-login-refused');

  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await page.getByLabel('Adresse e-mail de la famille').fill(FAMILY_EMAIL.toUpperCase());
  await shot(page, 'portal-parent-forgot-password');
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vérifiez vos e-mails' })).toBeVisible();
  await shot(page, 'portal-parent-reset-requested');

  const reset = await linkFromMail('Réinitialisation de votre mot de passe', 1);
  await page.goto(reset);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }),
  ).toBeVisible();
  await page.getByLabel('Mot de passe (obligatoire)').fill(NEW_PASSWORD);
  await page.getByLabel('Confirmation').fill(NEW_PASSWORD);
  await shot(page, 'portal-parent-reset');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByText('Votre nouveau mot de passe est enregistré.')).toBeVisible();

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByLabel('Adresse e-mail de la famille').fill(FAMILY_EMAIL);
  await page.getByLabel('Mot de passe (obligatoire)').fill(NEW_PASSWORD);
  await shot(page, 'portal-parent-login');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ma famille' })).toBeVisible();

  // The used reset link now says so, in French, with the way to get a new one.
  await page.goto(reset);
  await expect(page.getByRole('heading', { level: 1, name: 'Ce lien n’est plus valable' })).toBeVisible();
  await shot(page, 'portal-parent-dead-link');

  expect(problems).toEqual([]);
});
