// Builds better-sqlite3 for Electron's ABI into .cache/electron-native/electron-<version>/, once per
// Electron version, leaving node_modules/better-sqlite3 built for Node (tests and browser mode use
// it). The unpackaged Electron app loads this copy (src-main/electron/main.ts, sqliteBinding).
// Installers do not use it: electron-builder rebuilds better-sqlite3 for Electron when packaging.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { electronVersion } from './electron-binary.mjs';

export function ensureElectronSqlite() {
  const version = electronVersion();
  const target = path.resolve('.cache', 'electron-native', `electron-${version}`, 'better_sqlite3.node');
  if (fs.existsSync(target)) return target;
  console.log(
    `Compilation de better-sqlite3 pour Electron ${version} (une seule fois) / building better-sqlite3 for Electron ${version} (once)…`,
  );
  const require = createRequire(import.meta.url);
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'alp-electron-sqlite-'));
  fs.cpSync(source, work, { recursive: true, filter: (f) => !f.includes(`${path.sep}build${path.sep}`) });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  // Electron's headers, not the local Node ones: unset the nodedir this machine's npmrc may set.
  const env = { ...process.env, npm_config_nodedir: '' };
  execFileSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit', env },
  );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}
