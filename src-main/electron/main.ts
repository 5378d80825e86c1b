import { app, BrowserWindow, ipcMain, net, protocol, session, webContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail } from '../../src-shared/result';
import { PRODUCT_NAME, readFlag, resolveDataDir } from '../data-dir';
import { demoDataDir, seedDemo } from '../demo';
import { EVERY_CLIENT, openOffice, type Office } from '../office';
import { APP_HOST, APP_SCHEME, APP_URL, hardenSession, hardenWebContents, isTrustedSender } from './security';

/** The Electron shell: one window, the app:// protocol, IPC to the office API. Nothing else. */

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.setName(PRODUCT_NAME);
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');

/**
 * better-sqlite3 is a native module built for one ABI. Tests and browser mode run it in Node;
 * `npm start` builds a second copy for Electron's ABI into .cache/ (scripts/electron-native.mjs)
 * and the unpackaged app loads that one. Installers rebuild it for Electron at packaging time.
 */
function sqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(
    appRoot,
    '.cache',
    'electron-native',
    `electron-${process.versions.electron}`,
    'better_sqlite3.node',
  );
  return fs.existsSync(file) ? file : undefined;
}

function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname)));
  if (url.host !== APP_HOST || !file.startsWith(rendererDir + path.sep)) {
    return Promise.resolve(new Response('Not found', { status: 404 }));
  }
  const target = fs.existsSync(file) ? file : path.join(rendererDir, 'index.html');
  return net.fetch(pathToFileURL(target).href);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    webPreferences: {
      preload: path.join(appRoot, 'dist', 'main', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

async function start(): Promise<void> {
  // Electron and Chromium put their own switches in argv: pick ours out, ignore the rest.
  const dataDirFlag = readFlag(process.argv, 'data-dir');
  const demo = process.argv.includes('--demo');
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, serveRenderer);

  const binding = sqliteBinding();
  let office: Office;
  try {
    const dataDir = resolveDataDir({
      flag: dataDirFlag,
      env: process.env.ALP_DATA_DIR,
      electronUserData: app.getPath('userData'),
    });
    office = await openOffice({
      dataDir: demo && !dataDirFlag ? demoDataDir(dataDir) : dataDir,
      migrationsDir: app.isPackaged
        ? path.join(process.resourcesPath, 'migrations', 'office')
        : path.join(appRoot, 'migrations', 'office'),
      mode: 'electron',
      appVersion: app.getVersion(),
      versions: { electron: process.versions.electron, chrome: process.versions.chrome },
      ...(binding ? { nativeBinding: binding } : {}),
    });
    if (demo) await seedDemo(office);
  } catch (error) {
    const { dialog } = await import('electron');
    dialog.showErrorBox(PRODUCT_NAME, error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }

  ipcMain.handle('alp:invoke', (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return fail('forbidden', 'Appel refusé : origine inconnue.');
    return office.call({ clientId: `window-${event.sender.id}` }, name, input);
  });
  office.onEvent((event) => {
    if (event.clientId === EVERY_CLIENT) {
      for (const window of BrowserWindow.getAllWindows()) {
        window.webContents.send('alp:event', event.name, event.payload);
      }
      return;
    }
    const id = Number(event.clientId.replace('window-', ''));
    webContents.fromId(id)?.send('alp:event', event.name, event.payload);
  });

  createWindow();
  app.on('window-all-closed', () => {
    void office.close().then(() => app.quit());
  });
}

void start();
