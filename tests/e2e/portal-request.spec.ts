import { expect, test, type Page } from '@playwright/test';
import { LAPALUD_SETTINGS, pushToPortal, startPortal, type RunningPortal } from './support/portal-process';

/**
 * A parent on a phone asks for a portal account: the empty form, the errors, a fourth child added
 * without JavaScript help, the confirmation; then the office's view of it through the sync API.
 */

const SHOTS = 'test-results/screens';
const SECRET = 'e2e-office-portal-shared-secret-0123456789';
let portal: RunningPortal;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test.beforeAll(async () => {
  portal = await startPortal({ PORTAL_SYNC_SECRET: SECRET });
  // The commune's name comes from the office's settings, as after a first sync.
  await pushToPortal(portal, SECRET, [LAPALUD_SETTINGS]);
});

test.afterAll(async () => {
  await portal.stop();
});

test('a parent on a phone asks for an account and the office receives the request', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    // The form with errors is answered with 400 on purpose; anything else (a CSP refusal, a script
    // error, a missing file) is a problem.
    if (message.type() === 'error' && !message.text().includes('status of 400'))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(`${portal.url}/demande-de-compte`);
  await expect(page.getByRole('heading', { level: 1, name: 'Demander un compte' })).toBeVisible();
  await expect(page.locator('header')).toContainText('Lapalud');
  await expect(
    page.getByRole('link', { name: 'Données personnelles et confidentialité' }).first(),
  ).toBeVisible();
  // The honeypot is neither seen nor reachable.
  await expect(page.locator('input[name="website"]')).not.toBeInViewport();
  await shot(page, 'portal-request-empty');

  // Sent empty: every problem listed at the top (focused) and next to its field.
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'champs sont à corriger' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.locator('#f-adult-email-error')).toHaveText('Indiquez votre adresse e-mail.');
  await shot(page, 'portal-request-errors');

  const responsible = page.getByRole('group', { name: 'Responsable de la famille' });
  await responsible.getByLabel('Prénom').fill('Hélène');
  await responsible.getByLabel(/^Nom/).fill('Durand <Martin>');
  await responsible.getByLabel('Adresse e-mail').fill('Helene.Durand@Example.fr');
  await responsible.getByLabel('Téléphone').fill('06 12 34 56 78');
  const child = (n: number) => page.getByRole('group', { name: `Enfant ${n}`, exact: true });
  await child(1).getByLabel('Prénom').fill('Léa');
  await child(1).getByLabel('Nom', { exact: true }).fill('Durand');
  await child(1).getByLabel('Date de naissance').fill('2018-03-04');
  await child(2).getByLabel('Prénom').fill('Hugo');
  await child(2).getByLabel('Nom', { exact: true }).fill('Durand');
  await child(2).getByLabel('Date de naissance').fill('2020-11-30');
  await child(3).getByLabel('Prénom').fill('Inès');
  await child(3).getByLabel('Nom', { exact: true }).fill('Durand');
  await child(3).getByLabel('Date de naissance').fill('2016-01-15');

  // A fourth child: the form comes back with one more row and everything typed kept.
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  await expect(child(4)).toBeVisible();
  await expect(child(3).getByLabel('Prénom')).toHaveValue('Inès');
  await expect(responsible.getByLabel('Adresse e-mail')).toHaveValue('Helene.Durand@Example.fr');
  await child(4).getByLabel('Prénom').fill('Noé');
  await child(4).getByLabel('Nom', { exact: true }).fill('Durand');
  await child(4).getByLabel('Date de naissance').fill('2021-06-01');
  await page.getByLabel('Message au service (facultatif)').fill('Garde alternée.');
  await page.getByRole('checkbox', { name: /J’ai lu la notice/ }).check();
  await shot(page, 'portal-request-filled');

  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
  await expect(
    page.getByText('Le service enfance-jeunesse étudiera votre demande et vous répondra par e-mail.'),
  ).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/demande-de-compte/envoyee');
  await shot(page, 'portal-request-sent');

  // Reloading the confirmation sends nothing again; the office pulls exactly one request.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
  const pulled = await fetch(`${portal.url}/sync/events?after=0`, {
    headers: { Authorization: `Bearer ${SECRET}` },
  });
  const { value } = (await pulled.json()) as {
    value: {
      events: Array<{
        type: string;
        payload: { adult: Record<string, string>; children: unknown[]; emailKnown: boolean };
      }>;
    };
  };
  expect(value.events).toHaveLength(1);
  expect(value.events[0]!.type).toBe('account.requested');
  expect(value.events[0]!.payload.adult).toEqual({
    firstName: 'Hélène',
    lastName: 'Durand <Martin>',
    email: 'helene.durand@example.fr',
    phone: '06 12 34 56 78',
  });
  expect(value.events[0]!.payload.children).toHaveLength(4);
  expect(value.events[0]!.payload.emailKnown).toBe(false);

  // The privacy notice the form links to.
  await page.goto(`${portal.url}/confidentialite`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Données personnelles et confidentialité' }),
  ).toBeVisible();
  await expect(page.getByText('Le responsable du traitement est le Maire de Lapalud')).toBeVisible();
  await shot(page, 'portal-privacy');

  expect(problems).toEqual([]);
});
