import { expect, test, type Page } from '@playwright/test';
import { startOffice, type RunningOffice } from './support/office-process';

const SHOTS = 'test-results/screens';
let office: RunningOffice;

test.beforeAll(async () => {
  office = await startOffice();
});
test.afterAll(async () => {
  await office.stop();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function login(page: Page, login: string, password: string) {
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('first-run set-up, agent management, audit log, and an agent kept out of admin screens', async ({
  page,
}) => {
  await page.goto(office.url);
  await expect(page.getByRole('heading', { name: 'Première mise en service' })).toBeVisible();
  // The launch token leaves the address bar once read.
  await expect(page).not.toHaveURL(/token=/);
  await shot(page, '01-setup');

  await page.getByLabel('Nom de la commune').fill('Lapalud');
  await page.getByLabel('Votre nom (administrateur)').fill('Marie Dupont');
  await page.getByLabel('Identifiant de connexion').fill('mdupont');
  await page.getByLabel('Mot de passe', { exact: true }).fill('court');
  await expect(page.getByText('Au moins 10 caractères.')).toBeVisible();
  await page.getByLabel('Mot de passe', { exact: true }).fill('Correct-Horse-42');
  await page.getByLabel('Confirmer le mot de passe').fill('Correct-Horse-42');
  await page.getByRole('button', { name: 'Créer le compte et commencer' }).click();

  // Staff land on the families screen, the one they use all day.
  await expect(page.getByRole('heading', { name: 'Familles' })).toBeVisible();
  await page.getByRole('link', { name: 'Personnel' }).click();
  await expect(page.getByRole('heading', { name: 'Personnel' })).toBeVisible();
  await expect(page.locator('.topbar')).toContainText('Lapalud');
  await expect(page.locator('.topbar')).toContainText('Marie Dupont');

  await page.getByLabel('Nom et prénom').fill('Paul Martin');
  await page.getByLabel('Identifiant', { exact: true }).fill('pmartin');
  await page.getByLabel('Mot de passe provisoire').fill('Provisoire-2026!');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('status')).toContainText('Compte de Paul Martin créé');
  const row = page.getByRole('row', { name: /Paul Martin/ });
  await expect(row).toContainText('Agent');
  await expect(row).toContainText('Mot de passe provisoire');
  await shot(page, '02-staff');

  await page.getByRole('link', { name: 'Journal d’audit' }).click();
  await expect(page.getByRole('heading', { name: 'Journal d’audit' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Compte créé/ })).toContainText('pmartin');
  await expect(page.getByRole('row', { name: /Mise en service/ })).toContainText('Marie Dupont');
  await shot(page, '03-audit');

  await page.getByRole('link', { name: 'Paramètres' }).click();
  await expect(page.getByLabel('Déconnexion après inactivité (minutes)')).toHaveValue('15');
  await shot(page, '04-settings');

  await page.getByRole('link', { name: 'À propos' }).click();
  await expect(page.getByText(office.dataDir, { exact: true })).toBeVisible();
  await shot(page, '05-about');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await shot(page, '06-login');

  await login(page, 'pmartin', 'Mauvais-Mot-2026');
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');
  await shot(page, '07-login-wrong-password');

  await login(page, 'pmartin', 'Provisoire-2026!');
  await expect(page.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();
  await shot(page, '08-first-login-password');
  await page.getByLabel('Mot de passe actuel').fill('Provisoire-2026!');
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Ete-Soleil-2027!');
  await page.getByLabel('Confirmer le nouveau mot de passe').fill('Ete-Soleil-2027!');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  await expect(page.getByRole('heading', { name: 'Familles' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  // No admin screen in an agent's navigation.
  await expect(nav.getByRole('link')).toHaveText([
    'Familles',
    /^Demandes de compte/,
    'Synchronisation',
    'Courriels',
    'Mon compte',
    'À propos',
  ]);
  await shot(page, '09-agent-home');

  for (const path of ['#/personnel', '#/journal', '#/parametres']) {
    await page.goto(`${office.origin}/${path}`);
    await expect(page.getByRole('heading', { name: 'Accès réservé' })).toBeVisible();
  }
  await shot(page, '10-agent-denied');

  // The back end refuses too, whatever the page shows.
  const direct = await page.evaluate(async () => {
    const token = sessionStorage.getItem('alp.token') ?? '';
    const response = await fetch('/api/call/staff.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alp-token': token },
      body: '{}',
    });
    return { status: response.status, body: (await response.json()) as unknown };
  });
  expect(direct).toEqual({
    status: 403,
    body: {
      ok: false,
      error: { code: 'forbidden', message: 'Cette action est réservée aux administrateurs.' },
    },
  });
});
