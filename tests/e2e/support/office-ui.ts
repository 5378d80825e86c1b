import type { Page } from '@playwright/test';

/**
 * The office's first-run screen filled in and sent: commune Lapalud, administrator Marie Dupont
 * (`mdupont`, password `Correct-Horse-42`). Returns once the button is clicked; the caller waits
 * on what its journey shows next.
 */
export async function setUpOffice(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Nom de la commune').fill('Lapalud');
  await page.getByLabel('Votre nom (administrateur)').fill('Marie Dupont');
  await page.getByLabel('Identifiant de connexion').fill('mdupont');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Correct-Horse-42');
  await page.getByLabel('Confirmer le mot de passe').fill('Correct-Horse-42');
  await page.getByRole('button', { name: 'Créer le compte et commencer' }).click();
}
