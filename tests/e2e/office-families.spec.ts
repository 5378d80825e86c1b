import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startOffice, type RunningOffice } from './support/office-process';
import { setUpOffice } from './support/office-ui';

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

/** Checks where the focus is, then types there: the journey is done with the keyboard only. */
async function typeIn(page: Page, label: string | RegExp, text: string) {
  await expect(page.locator(':focus')).toHaveAccessibleName(label);
  await page.keyboard.type(text);
}
async function tab(page: Page, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press('Tab');
}
/**
 * A date field, typed the way its locale expects: Chromium's own date format follows the browser's
 * language, not the page's, so the test sets the ISO value on the focused field and then tabs out
 * of its day/month/year segments (each one is a stop for Tab).
 */
async function typeDate(page: Page, label: string, isoDay: string) {
  const field = page.locator(':focus');
  await expect(field).toHaveAccessibleName(label);
  await field.fill(isoDay);
  const id = await field.getAttribute('id');
  for (let i = 0; i < 4 && (await page.evaluate((fid) => document.activeElement?.id === fid, id)); i++) {
    await page.keyboard.press('Tab');
  }
}
async function pressOn(page: Page, name: string | RegExp, key = 'Enter') {
  await expect(page.locator(':focus')).toHaveAccessibleName(name);
  await page.keyboard.press(key);
}

/** Calls the office API from the page, as the screens do (browser mode, launch token). */
async function api(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ([n, i]) => {
      const token = sessionStorage.getItem('alp.token') ?? '';
      const response = await fetch(`/api/call/${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-alp-token': token },
        body: JSON.stringify(i),
      });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    },
    [name, input] as const,
  );
}

/**
 * An account request arriving from the portal, as the sync's applier stores it (the applier itself
 * is tested in tests/integration/office/requests.test.ts): a row written into the running office's
 * database, behind the screens' back.
 */
function receiveAccountRequest(dataDir: string) {
  const db = new Database(path.join(dataDir, 'office.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO account_requests (event_id, received_at, first_name, last_name, email, phone, children,
         message, privacy_accepted_at, email_known_on_portal, status)
       VALUES (?, ?, 'Sophie', 'Bérard', 'sophie.berard@example.fr', '06 44 55 66 77', ?, ?, ?, 0, 'pending')`,
    ).run(
      randomUUID(),
      now,
      JSON.stringify([{ firstName: 'Théo', lastName: 'Bérard', birthDate: '2019-03-14' }]),
      'Bonjour, nous arrivons à Lapalud en janvier. <b>Merci</b>',
      now,
    );
  } finally {
    db.close();
  }
}

test('families: create with the keyboard, find “helene”, edit, open the portal access, and the requests inbox', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await setUpOffice(page, office.url);

  // Familles is the home page; the search box has the focus.
  await page.goto(`${office.origin}/#/familles`);
  await expect(page.getByRole('heading', { name: 'Familles' })).toBeVisible();
  const search = page.getByRole('combobox', { name: 'Rechercher une famille' });
  await expect(search).toBeFocused();
  await expect(page.getByText('Aucune famille pour l’instant.')).toBeVisible();
  await shot(page, 'families-01-empty');

  // Some neighbours, so the search has something to sort.
  for (const [first, last, child] of [
    ['Jérôme', 'Dupré', 'Chloé'],
    ['Anaïs', 'Martinez', 'Inès'],
    ['Hélène', 'Roux', 'Maël'],
  ] as const) {
    await api(page, 'families.create', {
      email: `${first}.${last}@example.org`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
      adults: [{ firstName: first, lastName: last, relation: 'mère', phones: { mobile: '07 12 12 12 12' } }],
      address: { line1: '3 rue des Écoles', postalCode: '84840', city: 'Lapalud' },
      quotientFamilial: {},
      children: [{ firstName: child, lastName: last, birthDate: '2018-06-01' }],
    });
  }

  // "Nouvelle famille", then the whole file with the keyboard.
  await page.keyboard.press('Shift+Tab');
  await pressOn(page, 'Nouvelle famille');
  await expect(page.getByRole('heading', { name: 'Nouvelle famille' })).toBeVisible();
  await typeIn(page, 'Nom', 'Martin');
  await tab(page);
  await typeIn(page, 'Prénom', 'Hélène');
  await tab(page);
  await typeIn(page, 'Lien avec l’enfant', 'mère');
  await tab(page);
  await typeIn(page, 'Téléphone mobile', '06 12 34 56 78');
  await tab(page, 4);
  await pressOn(page, 'Ajouter un second responsable', 'Tab');
  await typeIn(page, 'Adresse', '12 rue des Écoles');
  await tab(page, 2);
  await typeIn(page, 'Code postal', '84840');
  await tab(page);
  await typeIn(page, 'Commune', 'Lapalud');
  await tab(page);
  await pressOn(page, 'Ajouter un enfant');
  await typeIn(page, 'Prénom', 'Léa');
  await tab(page);
  await expect(page.locator(':focus')).toHaveValue('Martin');
  await tab(page);
  await typeDate(page, 'Date de naissance', '2018-04-12');
  await typeIn(page, 'École', 'École élémentaire Jean Moulin');
  await tab(page);
  await typeIn(page, 'Classe', 'CE2');
  await tab(page);
  await typeIn(page, /^Santé/, 'Allergie aux arachides');
  await tab(page);
  await pressOn(page, /PAI/, 'Space');
  await tab(page);
  await pressOn(page, 'Ajouter une personne autorisée');
  await typeIn(page, 'Nom et prénom', 'Josette Martin');
  await tab(page);
  await typeIn(page, 'Lien', 'grand-mère');
  await tab(page);
  await typeIn(page, 'Téléphone', '0698765432');
  await tab(page, 4);
  await pressOn(page, 'Ajouter un enfant');
  await typeIn(page, 'Prénom', 'Noé');
  await tab(page, 2);
  await typeDate(page, 'Date de naissance', '2021-09-30');
  await typeIn(page, 'École', 'École maternelle Les Lavandes');
  await tab(page);
  await typeIn(page, 'Classe', 'PS');
  await tab(page, 6);
  await typeIn(page, 'Quotient familial (€)', '742');
  await tab(page);
  await typeDate(page, 'Valable jusqu’au', '2027-07-31');
  await typeIn(page, 'Source', 'C');
  await tab(page);
  await typeIn(page, 'E-mail de la famille (identifiant du portail)', 'Helene.Martin@example.fr');
  await shot(page, 'families-02-new-family-form');
  await page.keyboard.press('Control+s');

  await expect(page.getByRole('heading', { name: 'MARTIN Hélène' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Famille MARTIN Hélène créée.');
  await expect(
    page.getByRole('group', { name: 'Enfant 1 — Léa' }).getByLabel('Date de naissance'),
  ).toHaveValue('2018-04-12');
  await expect(page.getByRole('group', { name: 'Enfant 2 — Noé' })).toBeVisible();
  await expect(page.getByLabel('E-mail de la famille (identifiant du portail)')).toHaveValue(
    'helene.martin@example.fr',
  );
  await expect(page.getByRole('group', { name: 'Personne autorisée 1' }).getByLabel('Téléphone')).toHaveValue(
    '06 98 76 54 32',
  );
  await expect(page.getByRole('group', { name: 'Enfant 1 — Léa' }).getByLabel(/PAI/)).toBeChecked();

  // Find it again by typing "helene" (no accent), choose it with the arrows, open it with Entrée.
  await page.getByRole('link', { name: '← Familles' }).click();
  await expect(search).toBeFocused();
  await search.fill('');
  await page.keyboard.type('helene');
  const options = page.getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.first()).toContainText('MARTIN Hélène');
  await expect(options.nth(1)).toContainText('ROUX Hélène');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await shot(page, 'families-03-search-helene');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'MARTIN Hélène' })).toBeVisible();

  // A bad phone number is refused next to its field, in French.
  const adult1 = page.getByRole('group', { name: 'Responsable 1' });
  await adult1.getByLabel('Téléphone domicile').fill('04 90');
  await page.keyboard.press('Control+s');
  await expect(adult1.getByText('Numéro de téléphone invalide (ex. 06 12 34 56 78).')).toBeVisible();
  await shot(page, 'families-04-field-error');

  // Edit: a home phone and a second adult, saved with Ctrl+S, shown in the history.
  await adult1.getByLabel('Téléphone domicile').fill('04 90 40 20 20');
  await page.getByRole('button', { name: 'Ajouter un second responsable' }).press('Enter');
  await expect(page.locator(':focus')).toHaveAccessibleName('Nom');
  await expect(page.locator(':focus')).toHaveValue('Martin');
  await tab(page);
  await typeIn(page, 'Prénom', 'Paul');
  await tab(page);
  await typeIn(page, 'Lien avec l’enfant', 'père');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Modifications enregistrées.');
  await expect(page.getByRole('heading', { name: 'MARTIN Hélène et Paul' })).toBeVisible();
  const history = page.getByRole('region', { name: 'Historique' });
  await expect(history.getByRole('listitem').first()).toContainText('Fiche modifiée');
  await expect(history).toContainText('Hélène Martin — téléphone domicile : — → 04 90 40 20 20');
  await expect(history).toContainText('Responsable ajouté : Paul Martin');

  // Portal access: invitation (the portal mails the activation link), then the state shown.
  await page.getByRole('button', { name: 'Créer l’accès au portail' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accès créé' })).toBeVisible();
  const access = page.getByRole('group', { name: 'État de l’accès au portail' });
  await expect(access).toContainText('Invitation envoyée');
  await expect(access.getByRole('button', { name: 'Renvoyer l’invitation' })).toBeVisible();
  await expect(history.getByRole('listitem').first()).toContainText('Accès au portail créé (invitation)');
  await shot(page, 'families-05-file-portal-invited');

  // An account request arrives from the portal: the badge counts it, the inbox suggests families.
  receiveAccountRequest(office.dataDir);
  await page.getByRole('link', { name: /Demandes de compte/ }).click();
  await expect(page.getByRole('heading', { name: 'Demandes de compte' })).toBeVisible();
  const row = page.getByRole('row', { name: /Sophie Bérard/ });
  await expect(row).toContainText('Théo Bérard');
  await expect(page.locator('.nav-badge')).toHaveText(/^1/);
  await shot(page, 'families-06-requests-inbox');
  await row.getByRole('link', { name: 'Sophie Bérard' }).click();
  await expect(page.getByRole('heading', { name: 'Demande de Sophie Bérard' })).toBeVisible();
  await expect(page.getByText('Bonjour, nous arrivons à Lapalud en janvier. <b>Merci</b>')).toBeVisible();
  await shot(page, 'families-07-request');
  await page.getByRole('button', { name: 'Créer la famille à partir de la demande' }).click();
  await expect(page.getByLabel('E-mail de la famille (identifiant du portail)')).toHaveValue(
    'sophie.berard@example.fr',
  );
  await expect(
    page.getByRole('group', { name: 'Enfant 1 — Théo' }).getByLabel('Date de naissance'),
  ).toHaveValue('2019-03-14');
  await page.getByRole('group', { name: 'Responsable 1' }).getByLabel('Lien avec l’enfant').fill('mère');
  await shot(page, 'families-08-create-from-request');
  await page.getByRole('button', { name: 'Créer la famille et clore la demande' }).first().click();
  await expect(page.getByRole('heading', { name: 'BÉRARD Sophie' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Famille BÉRARD Sophie créée à partir de la demande.');
  await expect(page.locator('.nav-badge')).toHaveCount(0);

  // The portal rules, in the settings.
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const rules = page.getByRole('form', { name: 'Portail — informations modifiables par les familles' });
  await rules.getByRole('radio', { name: 'Adresse : Visible, non modifiable' }).check();
  await rules.getByLabel('E-mail de contact affiché aux familles').fill('enfance@mairie-lapalud.fr');
  await rules.getByRole('button', { name: 'Enregistrer les règles du portail' }).click();
  await expect(rules.getByRole('status')).toContainText('Règles enregistrées');
  await shot(page, 'families-09-portal-rules');

  // A fast typist's Entrée waits for the answer to what was typed, never opens the previous list's first.
  await page.getByRole('link', { name: 'Familles', exact: true }).click();
  await expect(search).toBeFocused();
  await search.fill('');
  await expect(page.getByRole('option')).toHaveCount(5);
  await page.keyboard.type('dupre');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'DUPRÉ Jérôme' })).toBeVisible();
});
