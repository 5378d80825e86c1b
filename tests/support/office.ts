import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openOffice, type Office } from '../../src-main/office';

export const OFFICE_MIGRATIONS = fileURLToPath(new URL('../../migrations/office', import.meta.url));

export function tempDir(prefix = 'alp-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-11-27T09:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export type TestOffice = Office & {
  dataDir: string;
  clock: ReturnType<typeof manualClock>;
  delays: number[];
};

/** An office on a fresh database in a temp folder, with a manual clock and no login slow-down. */
export async function testOffice(dataDir = tempDir()): Promise<TestOffice> {
  const clock = manualClock();
  const delays: number[] = [];
  const office = await openOffice({
    dataDir,
    migrationsDir: OFFICE_MIGRATIONS,
    mode: 'browser',
    appVersion: '0.0.0-test',
    now: clock.now,
    loginDelay: async (failures) => {
      delays.push(failures);
    },
    log: () => undefined,
  });
  return Object.assign(office, { dataDir, clock, delays });
}

export const ADMIN = {
  communeName: 'Lapalud',
  displayName: 'Marie Dupont',
  login: 'mdupont',
  password: 'Correct-Horse-42',
};
export const AGENT = {
  displayName: 'Paul Martin',
  login: 'pmartin',
  role: 'agent' as const,
  password: 'Provisoire-2026!',
};
