// `npm start`: the desktop app when the Electron binary is installed, browser mode otherwise.
// Arguments after `npm start --` are passed on (e.g. `--data-dir DIR`, `--port N`).
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

const args = process.argv.slice(2);
const binary = electronBinary();
let child;
if (binary) {
  ensureElectronSqlite();
  child = spawn(binary, ['.', ...args], { stdio: 'inherit' });
} else {
  console.log(
    'Electron n’est pas installé sur cette machine : lancement en mode navigateur.\n' +
      'The Electron binary is not installed here: starting browser mode.',
  );
  child = spawn(process.execPath, ['dist/main/cli.js', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
