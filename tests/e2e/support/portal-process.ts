import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SYNC_PUSH_MEDIA_TYPE, type SyncRecord, encodeSyncRecords } from '../../../src-shared/sync/protocol';

export type RunningPortal = { url: string; dataDir: string; stop: () => Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real portal (`src-portal/cli.ts`, as `npm run portal` starts it) on a free port with its
 * public URL, a fresh data folder, and the given environment (sync secret, SMTP…).
 */
export async function startPortal(env: Record<string, string>): Promise<RunningPortal> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alp-e2e-portal-'));
  const child: ChildProcess = spawn(path.resolve('node_modules/.bin/tsx'), ['src-portal/cli.ts'], {
    env: {
      ...process.env,
      PORTAL_PORT: String(port),
      PORTAL_PUBLIC_URL: url,
      PORTAL_DATA_DIR: dataDir,
      PORTAL_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`portal did not start:\n${output}`);
    // Polling a process that is starting: not a sleep in the test's assertions.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the office sends, through the portal's real sync endpoint with the shared secret; throws unless 200. */
export async function pushToPortal(
  portal: RunningPortal,
  secret: string,
  records: Parameters<typeof encodeSyncRecords>[0],
): Promise<void> {
  const response = await fetch(`${portal.url}/sync/push`, {
    method: 'POST',
    headers: { 'Content-Type': SYNC_PUSH_MEDIA_TYPE, Authorization: `Bearer ${secret}` },
    body: encodeSyncRecords(records),
  });
  if (response.status !== 200) throw new Error(`push refused: ${response.status} ${await response.text()}`);
}

/** Lapalud's settings as the office pushes them: the commune's name, the default field rules, the contact. */
export const LAPALUD_SETTINGS: SyncRecord = {
  entity: 'portal_settings',
  id: 'settings',
  version: 1,
  data: {
    communeName: 'Lapalud',
    fieldRules: {
      phones: 'editable',
      address: 'editable',
      authorisedPickups: 'editable',
      schooling: 'readonly',
    },
    contactEmail: 'enfance@mairie-lapalud.example',
    contactPhone: '04 90 40 00 00',
  },
};
