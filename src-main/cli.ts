import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserMode } from './browser-mode/server';
import { parseArgs, resolveDataDir } from './data-dir';
import { NewerDatabaseError } from './db/migrate';
import { DEMO_ACCOUNTS, DEMO_FAMILIES, demoDataDir, seedDemo } from './demo';
import { findProjectRoot, openOffice } from './office';

/**
 * Browser mode entry point (`npm start` on a machine without the Electron binary):
 *   node dist/main/cli.js [--data-dir DIR] [--port N] [--demo]
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['data-dir', 'port'], flags: ['demo'] });
  const root = findProjectRoot(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const demo = args.flags.has('demo');
  const realDataDir = resolveDataDir({ flag: args.values['data-dir'], env: process.env.ALP_DATA_DIR });
  // The demo never touches real data: its own folder, unless one is named explicitly.
  const dataDir = demo && !args.values['data-dir'] ? demoDataDir(realDataDir) : realDataDir;
  const port = args.values.port === undefined ? 0 : Number(args.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: numéro de port invalide / invalid port: ${args.values.port}`);

  const office = await openOffice({
    dataDir,
    migrationsDir: path.join(root, 'migrations', 'office'),
    mode: 'browser',
    appVersion: pkg.version,
  });
  const demoLines: string[] = [];
  if (demo) {
    const { seeded } = await seedDemo(office);
    demoLines.push(
      seeded
        ? `  Démonstration : ${DEMO_FAMILIES} familles fictives créées.`
        : '  Démonstration : base déjà remplie.',
      `  Comptes : ${DEMO_ACCOUNTS.admin.login} / ${DEMO_ACCOUNTS.admin.password} (administrateur), ` +
        `${DEMO_ACCOUNTS.agent.login} / ${DEMO_ACCOUNTS.agent.password} (agent)`,
    );
  }
  const server = await startBrowserMode(office, { rendererDir: path.join(root, 'dist', 'renderer'), port });
  console.log(
    [
      '',
      'Portail Famille ALP — mode navigateur (browser mode)',
      `  Données / data folder : ${dataDir}`,
      ...demoLines,
      '  Ouvrez cette adresse dans un navigateur / open this address in a browser:',
      `  ${server.url}`,
      '  (Ctrl+C pour arrêter / to stop)',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await server.close();
    await office.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message =
    error instanceof NewerDatabaseError || error instanceof Error ? error.message : String(error);
  console.error(`Portail Famille ALP : ${message}`);
  process.exit(error instanceof NewerDatabaseError ? 3 : 1);
});
