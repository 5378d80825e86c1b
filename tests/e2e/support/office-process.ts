import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type RunningOffice = { url: string; origin: string; dataDir: string; stop: () => Promise<void> };

/**
 * Starts the built office in browser mode (`node dist/main/cli.js`) on a fresh data folder, as a
 * newcomer's `npm start` would, and reads the address it prints.
 */
export async function startOffice(): Promise<RunningOffice> {
  const cli = path.resolve('dist/main/cli.js');
  if (!fs.existsSync(cli))
    throw new Error('dist/main/cli.js is missing: run `npm run build` first (npm test does).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alp-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [cli, '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`office did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[a-f0-9]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`office exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
