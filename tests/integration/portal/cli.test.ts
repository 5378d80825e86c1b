import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationTable } from '../../../src-portal/db/migrate';
import { openDatabase } from '../../../src-portal/db/open';
import { failureSchema } from '../../../src-shared/portal/envelope';
import { dialectTargets } from './helpers';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const tsxBin = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-cli-'));
const { targets, postgresSkipReason, cleanup } = await dialectTargets();
afterAll(async () => {
  await cleanup();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/** The environment of a spawned portal: ours minus any PORTAL_* of the developer's shell. */
function portalEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('PORTAL_')) env[name] = value;
  return {
    ...env,
    PORTAL_DATA_DIR: path.join(tempDir, `data-${Math.random().toString(36).slice(2)}`),
    ...extra,
  };
}

type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function finished(child: ChildProcess, output: { stdout: string; stderr: string }): Promise<Finished> {
  return new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr }),
    ),
  );
}

function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return output;
}

/** Runs `npx tsx src-portal/cli.ts` (what `npm run portal` runs) to completion. */
async function runCliToEnd(env: Record<string, string>): Promise<Finished> {
  const child = spawn('npx', ['tsx', 'src-portal/cli.ts'], { cwd: repoRoot, env: portalEnv(env) });
  return finished(child, collect(child));
}

/** Waits for the portal's "listening" log line and returns the URL it names. */
function listeningUrl(output: { stdout: string; stderr: string }, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      for (const line of output.stdout.split('\n')) {
        if (!line.includes('"url"')) continue;
        clearInterval(timer);
        resolve((JSON.parse(line) as { url: string }).url);
        return;
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`portal exited with ${child.exitCode}: ${output.stderr}${output.stdout}`));
      }
    }, 50);
  });
}

function expectOneCleanLine(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^portal: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('Error:');
}

// Each start costs a second or two of npx + tsx start-up; the refusals are independent, run them together.
describe.concurrent('the portal command line refusing to start', () => {
  it('refuses a bad PORTAL_DATABASE_URL with one line on stderr and exit code 2', async () => {
    const result = await runCliToEnd({ PORTAL_DATABASE_URL: 'mysql://root:hunter2@db/portal' });
    expect(result.code).toBe(2);
    expectOneCleanLine(result.stderr);
    expect(result.stderr.trim()).toBe(
      'portal: PORTAL_DATABASE_URL must start with sqlite: or postgres:// (got "mysql://root:***@db/portal")',
    );
    expect(result.stdout).toBe('');
  });

  it('refuses a bad PORTAL_PORT with one line and exit code 2', async () => {
    const result = await runCliToEnd({ PORTAL_PORT: 'http' });
    expect(result.code).toBe(2);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain('PORTAL_PORT must be an integer between 0 and 65535 (got "http")');
  });

  it('stops with one line and exit code 1 when the SQLite file cannot be created', async () => {
    const notAFolder = path.join(tempDir, 'a-file');
    fs.writeFileSync(notAFolder, '');
    const result = await runCliToEnd({ PORTAL_DATABASE_URL: `sqlite:${notAFolder}/portal.sqlite` });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain(`Cannot create the folder of the SQLite database ${notAFolder}`);
  });

  it('stops with one line and exit code 1 when PostgreSQL is unreachable, password masked', async () => {
    const result = await runCliToEnd({ PORTAL_DATABASE_URL: 'postgres://portal:hunter2@127.0.0.1:1/portal' });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain(
      'Cannot connect to PostgreSQL at postgres://portal:***@127.0.0.1:1/portal',
    );
    expect(result.stderr).not.toContain('hunter2');
  });

  it('refuses to open a database created by a newer version, with one line and exit code 1', async () => {
    const file = path.join(tempDir, 'future', 'portal.sqlite');
    const database = await openDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(database.db);
    await sql`insert into ${sql.table(migrationTable)} (name, timestamp) values ('0999_later', '2030-01-01T00:00:00.000Z')`.execute(
      database.db,
    );
    await database.close();

    const result = await runCliToEnd({ PORTAL_DATABASE_URL: `sqlite:${file}` });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain(
      'created by a newer version of the portal (unknown migrations: 0999_later)',
    );
  });
});

describe('the portal command line running', () => {
  it('starts, answers /health, and exits 0 on SIGTERM', async () => {
    // The tsx binary itself, as `npx tsx` would resolve it: npm does not forward SIGTERM to its child
    // (it dies with 143 and leaves the portal orphaned), so a supervisor must signal the portal itself.
    const child = spawn(tsxBin, ['src-portal/cli.ts'], {
      cwd: repoRoot,
      env: portalEnv({ PORTAL_PORT: '0' }),
    });
    const output = collect(child);
    const done = finished(child, output);
    const url = await listeningUrl(output, child);

    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { status: 'ok', database: 'ok' } });

    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('"signal":"SIGTERM"');
    expect(result.stdout).toContain('"exitCode":0');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('stops cleanly on Ctrl-C under `npm run portal` (SIGINT to the whole process group)', async () => {
    const child = spawn('npm', ['run', '-s', 'portal'], {
      cwd: repoRoot,
      env: portalEnv({ PORTAL_PORT: '0' }),
      detached: true,
    });
    const output = collect(child);
    const done = finished(child, output);
    const url = await listeningUrl(output, child);
    expect(output.stdout).toContain('Portail Famille ALP');
    expect(output.stdout).toMatch(/"dataDir":"[^"]+portal-cli-[^"]+"/);

    process.kill(-child.pid!, 'SIGINT');
    const result = await done;
    // npm itself reports the interrupt (130); the portal under it shut down cleanly, once.
    expect(result.stdout).toContain('"signal":"SIGINT"');
    expect(result.stdout.match(/"exitCode":0/g)).toHaveLength(1);
    expect(result.stdout).not.toContain('shutdown already in progress');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it.each(targets.map((target) => [target.name, target] as const))(
    'serves /health from %s when started on it',
    async (_, target) => {
      const child = spawn(tsxBin, ['src-portal/cli.ts'], {
        cwd: repoRoot,
        env: portalEnv({ PORTAL_PORT: '0', PORTAL_DATABASE_URL: await target.newDatabaseUrl() }),
      });
      const output = collect(child);
      const done = finished(child, output);
      const url = await listeningUrl(output, child);
      const response = await fetch(`${url}/health`);
      expect(response.status).toBe(200);
      const missing = await fetch(`${url}/nothing-here`);
      expect(failureSchema.parse(await missing.json()).error.code).toBe('not_found');
      child.kill('SIGTERM');
      expect((await done).code).toBe(0);
    },
  );

  if (postgresSkipReason !== undefined) {
    it.skip(`serves /health from PostgreSQL when started on it — skipped: ${postgresSkipReason}`, () => {});
  }
});
