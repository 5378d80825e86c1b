import { expect, test, type Page } from '@playwright/test';
import { startOffice, type RunningOffice } from './support/office-process';
import { setUpOffice } from './support/office-ui';
import { startPortal, type RunningPortal } from './support/portal-process';
import { startInbox, type Inbox } from './support/smtp-inbox';

/**
 * An administrator connects the office to a running portal (generating the shared secret the portal
 * is then started with), synchronises, and sets up outgoing mail with a test e-mail that arrives on a
 * real SMTP server on loopback.
 */

const SHOTS = 'test-results/screens';
let office: RunningOffice;
let portal: RunningPortal | null = null;
let inbox: Inbox;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test.beforeAll(async () => {
  office = await startOffice();
  inbox = await startInbox();
});

test.afterAll(async () => {
  await office.stop();
  await portal?.stop();
  await inbox.stop();
});

test('an admin connects the office to the portal and synchronises, then sets up e-mail and sends a test', async ({
  page,
}) => {
  await setUpOffice(page, office.url);
  await expect(page.locator('.topbar')).toContainText('Marie Dupont');

  // Synchronisation: not configured yet.
  await page.getByRole('link', { name: 'Synchronisation' }).click();
  await expect(page.getByRole('heading', { name: 'Synchronisation avec le portail' })).toBeVisible();
  await expect(page.getByText('La synchronisation n’est pas configurée.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Synchroniser maintenant' })).toBeDisabled();

  // The admin generates the secret, then starts the portal with it (PORTAL_SYNC_SECRET).
  await page.getByRole('button', { name: 'Générer un secret' }).click();
  const secretField = page.getByLabel('Secret de synchronisation');
  await expect(secretField).toHaveAttribute('type', 'text');
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  portal = await startPortal({ PORTAL_SYNC_SECRET: secret });

  await page.getByLabel('Adresse du portail').fill(portal.url);
  await page.getByLabel('Intervalle (minutes)').fill('2');
  await expect(page.getByLabel(/^Synchroniser automatiquement/)).toBeChecked();
  await shot(page, 'office-sync-01-settings');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Paramètres de synchronisation enregistrés.')).toBeVisible();
  // The secret is never shown again, only its end.
  await expect(secretField).toHaveValue('');
  await expect(secretField).toHaveAttribute('placeholder', new RegExp(`^••••${secret.slice(-4)} `));

  await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Synchronisation réussie' })).toBeVisible();
  const state = page.locator('.sync-state');
  await expect(state.getByText('À jour')).toBeVisible();
  await expect(state).toContainText('rien en attente');
  await expect(state).toContainText(portal.url);
  await expect(page.getByRole('row', { name: /À la demande/ }).first()).toContainText(
    'Synchronisation réussie',
  );
  await shot(page, 'office-sync-02-success');

  // Courriels: nothing can leave before a server is set.
  await page.getByRole('link', { name: 'Courriels' }).click();
  await expect(page.getByRole('heading', { name: 'Courriels' })).toBeVisible();
  await expect(page.getByText('Aucun serveur d’envoi n’est configuré')).toBeVisible();
  await page.getByLabel('Serveur', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Port', { exact: true }).fill(String(inbox.port));
  await page.getByLabel('Adresse d’expédition').fill('enfance@lapalud.fr');
  await page.getByLabel('Nom de l’expéditeur').fill('Service enfance-jeunesse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Paramètres d’envoi enregistrés.')).toBeVisible();
  await expect(page.getByText('Aucun serveur d’envoi n’est configuré')).toBeHidden();

  await page.getByLabel('Adresse du destinataire de test').fill('marie.dupont@lapalud.fr');
  await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
  await expect(page.getByText('E-mail de test envoyé à marie.dupont@lapalud.fr.')).toBeVisible();
  expect(inbox.received).toHaveLength(1);
  expect(inbox.received[0]!.subject).toBe('E-mail de test — Lapalud');
  expect(inbox.received[0]!.from?.value[0]).toEqual({
    name: 'Service enfance-jeunesse',
    address: 'enfance@lapalud.fr',
  });
  const row = page.getByRole('row', { name: /marie\.dupont@lapalud\.fr/ });
  await expect(row).toContainText('E-mail de test');
  await expect(row).toContainText('Envoyé');
  await shot(page, 'office-mail-01-test-sent');

  await row.getByRole('button', { name: /^Lire/ }).click();
  const dialog = page.getByRole('dialog', { name: 'E-mail de test — Lapalud' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Texte du message')).toContainText('Ce message de test a été envoyé');
  await shot(page, 'office-mail-02-message');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // "Renvoyer" sends it once more, and the audit log says who did it.
  await row.getByRole('button', { name: /^Renvoyer/ }).click();
  await expect(page.getByText(/^Message renvoyé à marie\.dupont@lapalud\.fr/)).toBeVisible();
  await expect.poll(() => inbox.received.length).toBe(2);
  await expect(page.getByRole('row', { name: /marie\.dupont@lapalud\.fr/ }).first()).toContainText('Envoyé');
  await page.getByRole('link', { name: 'Journal d’audit' }).click();
  await expect(page.getByRole('row', { name: /Courriel renvoyé/ })).toContainText('Marie Dupont');
  await expect(page.getByRole('row', { name: /Synchronisation paramétrée/ })).not.toContainText(secret);
});
