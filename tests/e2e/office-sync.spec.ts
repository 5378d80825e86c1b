import { expect, test, type Page } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startOffice, type RunningOffice } from './support/office-process';

/**
 * An administrator connects the office to a running portal (generating the shared secret the portal
 * is then started with), synchronises, and sets up outgoing mail with a test e-mail that arrives on a
 * real SMTP server on loopback.
 */

const SHOTS = 'test-results/screens';
let office: RunningOffice;
let portal: { url: string; child: ChildProcess } | null = null;
let smtp: SMTPServer;
let smtpPort = 0;
const received: ParsedMail[] = [];

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** The real portal (`src-portal/cli.ts`) on a free port, a fresh data folder and the given secret. */
async function startPortal(secret: string): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alp-e2e-portal-'));
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src-portal/cli.ts'], {
    env: {
      ...process.env,
      PORTAL_PORT: '0',
      PORTAL_DATA_DIR: dataDir,
      PORTAL_SYNC_SECRET: secret,
      PORTAL_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`portal exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

test.beforeAll(async () => {
  office = await startOffice();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await office.stop();
  if (portal && portal.child.exitCode === null) {
    const exited = new Promise((resolve) => portal!.child.once('exit', resolve));
    portal.child.kill('SIGTERM');
    await exited;
  }
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

test('an admin connects the office to the portal and synchronises, then sets up e-mail and sends a test', async ({
  page,
}) => {
  await page.goto(office.url);
  await page.getByLabel('Nom de la commune').fill('Lapalud');
  await page.getByLabel('Votre nom (administrateur)').fill('Marie Dupont');
  await page.getByLabel('Identifiant de connexion').fill('mdupont');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Correct-Horse-42');
  await page.getByLabel('Confirmer le mot de passe').fill('Correct-Horse-42');
  await page.getByRole('button', { name: 'Créer le compte et commencer' }).click();
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
  portal = await startPortal(secret);

  await page.getByLabel('Adresse du portail').fill(portal.url);
  await page.getByLabel('Intervalle (minutes)').fill('2');
  await expect(page.getByLabel('Synchroniser automatiquement à cet intervalle')).toBeChecked();
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
  await page.getByLabel('Port', { exact: true }).fill(String(smtpPort));
  await page.getByLabel('Adresse d’expédition').fill('enfance@lapalud.fr');
  await page.getByLabel('Nom de l’expéditeur').fill('Service enfance-jeunesse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Paramètres d’envoi enregistrés.')).toBeVisible();
  await expect(page.getByText('Aucun serveur d’envoi n’est configuré')).toBeHidden();

  await page.getByLabel('Adresse du destinataire de test').fill('marie.dupont@lapalud.fr');
  await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
  await expect(page.getByText('E-mail de test envoyé à marie.dupont@lapalud.fr.')).toBeVisible();
  expect(received).toHaveLength(1);
  expect(received[0]!.subject).toBe('E-mail de test — Lapalud');
  expect(received[0]!.from?.value[0]).toEqual({
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
  await expect.poll(() => received.length).toBe(2);
  await expect(page.getByRole('row', { name: /marie\.dupont@lapalud\.fr/ }).first()).toContainText('Envoyé');
  await page.getByRole('link', { name: 'Journal d’audit' }).click();
  await expect(page.getByRole('row', { name: /Courriel renvoyé/ })).toContainText('Marie Dupont');
  await expect(page.getByRole('row', { name: /Synchronisation paramétrée/ })).not.toContainText(secret);
});
