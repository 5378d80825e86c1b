import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRunSummary, SyncStatus } from '../../../src-shared/api/sync.contract';
import {
  activationEvent,
  appliedEventSeqs,
  call,
  configureSync,
  signInAdmin,
  startRealPortal,
  syncTestOffice,
  type PortalUnderTest,
  type SyncTestOffice,
} from './sync-support';

const CHILD = fileURLToPath(new URL('./sync-kill-child.ts', import.meta.url));

let portal: PortalUnderTest;
let office: SyncTestOffice | null = null;

beforeEach(async () => {
  portal = await startRealPortal();
});
afterEach(async () => {
  await office?.close();
  office = null;
  await portal.stop();
});

/** Runs the child office until it prints `signal`, then kills it without warning. */
async function killAt(dataDir: string, mode: 'after-pull' | 'in-apply', signal: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(signal)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before ${signal}: ${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return output;
}

describe('an office killed in the middle of a pull', () => {
  for (const [mode, signal] of [
    ['after-pull', 'PULLED 2'],
    ['in-apply', 'APPLYING 1'],
  ] as const) {
    it(`applies each event exactly once after a restart (killed ${mode === 'after-pull' ? 'between pulling and applying' : 'inside an event’s transaction'})`, async () => {
      const first = await syncTestOffice();
      await configureSync(first, portal.url);
      const dataDir = first.dataDir;
      await first.close();
      await portal.addEvent(activationEvent(1));
      await portal.addEvent(activationEvent(2));

      const output = await killAt(dataDir, mode, signal);
      expect(output).not.toContain('DONE');

      office = await syncTestOffice({ dataDir });
      await signInAdmin(office);
      expect(await appliedEventSeqs(office)).toEqual([]);
      expect((await call<SyncStatus>(office, 'sync.status')).eventsCursor).toBe(0);

      expect(await call<SyncRunSummary>(office, 'sync.runNow')).toMatchObject({ ok: true, pulled: 2 });
      expect(await call<SyncRunSummary>(office, 'sync.runNow')).toMatchObject({ ok: true, pulled: 0 });
      expect(await appliedEventSeqs(office)).toEqual([1, 2]);
      expect((await call<SyncStatus>(office, 'sync.status')).eventsCursor).toBe(2);
    });
  }
});
