import { expect, test, type Page } from '@playwright/test';
import { startOffice, type RunningOffice } from './support/office-process';
import { setUpOffice } from './support/office-ui';
import { startPortal, type RunningPortal } from './support/portal-process';
import { portalLink, startInbox, type Inbox } from './support/smtp-inbox';

/**
 * Issue 4's journey across every part, as people do it: a parent asks for an account on the portal
 * (phone), the office syncs and an agent turns the request into a family file and opens the portal
 * access, the portal mails the activation link (real SMTP on loopback), the parent activates, edits
 * a phone, the office applies it and the portal's "en attente" clears, then the parent forgets the
 * password and resets it by e-mail. The office runs in browser mode, the portal as its own process.
 */

const SHOTS = 'test-results/screens';
const SECRET = 'journey-shared-sync-secret-0123456789-abcdef';
const FAMILY_EMAIL = 'helene.durand@example.fr';
let office: RunningOffice;
let portal: RunningPortal;
let inbox: Inbox;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/journey-${name}.png`, fullPage: true });
}

async function syncNow(page: Page) {
  await page.getByRole('link', { name: 'Synchronisation' }).click();
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Synchronisation réussie' })).toBeVisible();
}

test.beforeAll(async () => {
  inbox = await startInbox();
  office = await startOffice();
  portal = await startPortal({
    PORTAL_SYNC_SECRET: SECRET,
    PORTAL_SMTP_HOST: '127.0.0.1',
    PORTAL_SMTP_PORT: String(inbox.port),
    PORTAL_MAIL_FROM: 'Portail famille <no-reply@lapalud.example>',
  });
});

test.afterAll(async () => {
  await office?.stop();
  await portal?.stop();
  await inbox?.stop();
});

test('a family asks for an account, the office creates it, the parent activates, edits and resets the password', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const staff = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const parent = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  ).newPage();

  // The office: first start, then connected to the portal.
  await setUpOffice(staff, office.url);
  await staff.getByRole('link', { name: 'Synchronisation' }).click();
  await staff.getByLabel('Adresse du portail').fill(portal.url);
  await staff.getByLabel('Secret de synchronisation').fill(SECRET);
  await staff.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(staff.getByText('Paramètres de synchronisation enregistrés.')).toBeVisible();
  // What parents may change on the portal, and how they reach the service.
  await staff.getByRole('link', { name: 'Paramètres' }).click();
  const rules = staff.getByRole('form', { name: 'Portail — informations modifiables par les familles' });
  await rules.getByLabel('E-mail de contact affiché aux familles').fill('enfance@mairie-lapalud.example');
  await rules.getByRole('button', { name: 'Enregistrer les règles du portail' }).click();
  await expect(rules.getByRole('status')).toContainText('Règles enregistrées');
  await syncNow(staff);

  // 1. The parent asks for an account.
  await parent.goto(`${portal.url}/demande-de-compte`);
  await expect(parent.locator('header')).toContainText('Lapalud');
  const responsible = parent.getByRole('group', { name: 'Responsable de la famille' });
  await responsible.getByLabel('Prénom').fill('Hélène');
  await responsible.getByLabel(/^Nom/).fill('Durand');
  await responsible.getByLabel('Adresse e-mail').fill(' Helene.Durand@Example.fr ');
  await responsible.getByLabel('Téléphone').fill('06 12 34 56 78');
  const child = parent.getByRole('group', { name: 'Enfant 1', exact: true });
  await child.getByLabel('Prénom').fill('Léa');
  await child.getByLabel('Nom', { exact: true }).fill('Durand');
  await child.getByLabel('Date de naissance').fill('2018-03-04');
  await parent.getByRole('checkbox', { name: /J’ai lu la notice/ }).check();
  await shot(parent, '01-portal-request');
  await parent.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
  await shot(parent, '02-portal-request-sent');

  // 2. The office pulls it into the inbox; the agent creates the family from it.
  await syncNow(staff);
  await staff.getByRole('link', { name: /Demandes de compte/ }).click();
  await expect(staff.locator('.nav-badge')).toHaveText(/^1/);
  await staff
    .getByRole('row', { name: /Hélène Durand/ })
    .getByRole('link', { name: 'Hélène Durand' })
    .click();
  await expect(staff.getByRole('heading', { name: 'Demande de Hélène Durand' })).toBeVisible();
  await shot(staff, '03-office-request');
  await staff.getByRole('button', { name: 'Créer la famille à partir de la demande' }).click();
  await expect(staff.getByLabel('E-mail de la famille (identifiant du portail)')).toHaveValue(FAMILY_EMAIL);
  await staff.getByRole('group', { name: 'Responsable 1' }).getByLabel('Lien avec l’enfant').fill('mère');
  await staff.getByRole('button', { name: 'Créer la famille et clore la demande' }).first().click();
  await expect(staff.getByRole('heading', { name: 'DURAND Hélène' })).toBeVisible();

  // 4. Portal access: the portal mails the one-time activation link.
  await staff.getByRole('button', { name: 'Créer l’accès au portail' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Accès créé' })).toBeVisible();
  await shot(staff, '04-office-family-invited');
  const familyUrl = staff.url();
  // No click: the office syncs on its own a few seconds after a change for the portal.
  const invitation = await inbox.waitFor('Votre accès au portail famille');
  expect(invitation.to && 'text' in invitation.to ? invitation.to.text : '').toBe(FAMILY_EMAIL);

  // 5. The parent activates the account and sees "Ma famille".
  await parent.goto(portalLink(invitation));
  await expect(parent.getByRole('heading', { level: 1, name: 'Activer votre accès' })).toBeVisible();
  await parent.getByLabel('Mot de passe (obligatoire)').fill('Soleil-Lapalud-2026');
  await parent.getByLabel('Confirmation').fill('Soleil-Lapalud-2026');
  await shot(parent, '05-portal-activation');
  await parent.getByRole('button', { name: 'Activer mon accès' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Ma famille' })).toBeVisible();
  await expect(parent.getByRole('heading', { name: 'Léa Durand' })).toBeVisible();
  await shot(parent, '06-portal-my-family');

  // The parent changes a phone: pending until the office's version comes back.
  await parent.getByRole('link', { name: 'Modifier les téléphones de Hélène Durand' }).click();
  await parent.getByLabel('Portable').fill('07 11 22 33 44');
  await parent.getByRole('button', { name: 'Envoyer les téléphones' }).click();
  await expect(parent.getByText('en attente de prise en compte')).toBeVisible();
  await shot(parent, '07-portal-pending');

  // The office applies it (and learns the account is active); the file says what changed, from where.
  await syncNow(staff);
  await staff.goto(familyUrl);
  await expect(staff.getByRole('heading', { name: 'DURAND Hélène' })).toBeVisible();
  await expect(
    staff.getByRole('group', { name: 'Responsable 1' }).getByLabel('Téléphone mobile'),
  ).toHaveValue('07 11 22 33 44');
  const history = staff.getByRole('region', { name: 'Historique' });
  await expect(history).toContainText('07 11 22 33 44');
  await expect(history).toContainText(/portail/i);
  await expect(staff.getByRole('group', { name: 'État de l’accès au portail' })).toContainText(/[Aa]ctif/);
  await shot(staff, '08-office-family-updated');

  // The next push brings the office's version back: nothing is pending any more.
  await syncNow(staff);
  await parent.reload();
  await expect(parent.getByText('07 11 22 33 44')).toBeVisible();
  await expect(parent.getByText('en attente de prise en compte')).toHaveCount(0);

  // 6. Logout, forgotten password, reset link by e-mail, signed in again.
  await parent.getByRole('button', { name: 'Se déconnecter' }).click();
  await parent.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await parent.getByLabel('Adresse e-mail de la famille').fill(FAMILY_EMAIL);
  await parent.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Vérifiez vos e-mails' })).toBeVisible();
  const reset = await inbox.waitFor('Réinitialisation de votre mot de passe');
  await parent.goto(portalLink(reset));
  await parent.getByLabel('Mot de passe (obligatoire)').fill('Lune-Lapalud-2027');
  await parent.getByLabel('Confirmation').fill('Lune-Lapalud-2027');
  await parent.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(parent.getByText('Votre nouveau mot de passe est enregistré.')).toBeVisible();
  await parent.getByRole('button', { name: 'Se déconnecter' }).click();
  await parent.getByLabel('Adresse e-mail de la famille').fill(FAMILY_EMAIL);
  await parent.getByLabel('Mot de passe (obligatoire)').fill('Lune-Lapalud-2027');
  await parent.getByRole('button', { name: 'Se connecter' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Ma famille' })).toBeVisible();
  await shot(parent, '09-portal-signed-in-again');
});
