/**
 * A PostgreSQL server for tests, from the first of:
 *
 * 1. `PORTAL_TEST_POSTGRES_URL` (or `PORTAL_TEST_PG_URL`): a server the tests may create databases
 *    in, e.g. `postgres://postgres@127.0.0.1:5432/postgres`. If it is set but unreachable the tests
 *    fail: whoever set it expects them to run.
 * 2. A throwaway local cluster from the Debian server binaries (/usr/lib/postgresql/<version>/bin):
 *    `initdb --auth=trust` into a temp folder (owned by `postgres` when we are root, since the server
 *    refuses to run as root), started on a free loopback port with a private socket folder and no
 *    fsync, stopped and deleted by `stop()` (or at process exit).
 *
 * When neither is possible, `getTestPostgres()` says exactly why, for the caller to skip its
 * PostgreSQL tests with that reason. `PORTAL_TEST_POSTGRES=off` skips them on purpose (quick runs).
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type TestPostgres = {
  /** Where the server came from, for test names and logs. */
  source: string;
  /** Creates a fresh, empty database and returns its URL (`portal_test_<random>`). */
  createDatabase(): Promise<string>;
  /** Drops the databases created here and stops the local cluster, if any. */
  stop(): Promise<void>;
};

export type TestPostgresResult = { pg: TestPostgres; reason?: undefined } | { pg: null; reason: string };

export async function getTestPostgres(): Promise<TestPostgresResult> {
  if (process.env.PORTAL_TEST_POSTGRES === 'off') {
    return { pg: null, reason: 'PORTAL_TEST_POSTGRES=off' };
  }
  const fromEnv = process.env.PORTAL_TEST_POSTGRES_URL || process.env.PORTAL_TEST_PG_URL;
  if (fromEnv) return { pg: await serverAt(fromEnv, 'PORTAL_TEST_POSTGRES_URL', async () => undefined) };

  const bin = findServerBinaries();
  if (!bin) {
    return {
      pg: null,
      reason:
        'PORTAL_TEST_POSTGRES_URL is not set and no PostgreSQL server binaries were found in /usr/lib/postgresql/*/bin (apt-get install postgresql, or set PORTAL_TEST_POSTGRES_URL)',
    };
  }
  try {
    return { pg: await startLocalCluster(bin) };
  } catch (error) {
    return {
      pg: null,
      reason: `could not start a throwaway PostgreSQL cluster from ${bin}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** A server we may create databases in, reached through `adminUrl`. */
async function serverAt(
  adminUrl: string,
  source: string,
  shutdown: () => Promise<void>,
): Promise<TestPostgres> {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await admin((client) => client.query('select 1'));
  return {
    source,
    async createDatabase() {
      const name = `portal_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      await admin((client) => client.query(`CREATE DATABASE "${name}"`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await admin(async (client) => {
        for (const name of created.splice(0)) {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }
      }).catch(() => undefined);
      await shutdown();
    },
  };
}

function findServerBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

async function startLocalCluster(bin: string): Promise<TestPostgres> {
  const asRoot = process.getuid?.() === 0;
  // The server refuses to run as root: then every server command runs as the `postgres` user.
  let runAs: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.mkdirSync(socketDir);
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(ids.stdout.trim());
    if (ids.status !== 0 || !Number.isInteger(uid)) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error('running as root and there is no "postgres" user to run the server as');
    }
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    for (const owned of [dir, dataDir, socketDir]) fs.chownSync(owned, uid, gid);
    runAs = ['-u', 'postgres', '--'];
  }
  const commandLine = (file: string, args: string[]): [string, string[]] =>
    runAs.length === 0 ? [file, args] : ['runuser', [...runAs, file, ...args]];
  const asServerUser = (file: string, args: string[]) => {
    const [command, commandArgs] = commandLine(file, args);
    return run(command, commandArgs, { timeout: 60_000 });
  };

  let running = false;
  const stopCluster = async () => {
    if (running) {
      running = false;
      await asServerUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']).catch(
        () => undefined,
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // If the test process ends without calling stop(), do not leave a server running.
  const onExit = () => {
    if (!running) return;
    const [command, args] = commandLine(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
    spawnSync(command, args);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  try {
    await asServerUser(path.join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    // A free port can be taken between our probe and the server's bind: try a few.
    let port = 0;
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && !running; attempt++) {
      port = await freePort();
      try {
        await asServerUser(path.join(bin, 'pg_ctl'), [
          '-D',
          dataDir,
          '-l',
          path.join(dir, 'server.log'),
          '-w',
          '-t',
          '30',
          'start',
          '-o',
          `-c listen_addresses=127.0.0.1 -p ${port} -k ${socketDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
        ]);
        running = true;
      } catch (error) {
        lastError = error;
      }
    }
    if (!running) {
      const log = fs.existsSync(path.join(dir, 'server.log'))
        ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8').trim().split('\n').slice(-3).join(' | ')
        : '';
      throw new Error(
        `pg_ctl start failed: ${lastError instanceof Error ? lastError.message : String(lastError)} ${log}`,
      );
    }
    return await serverAt(
      `postgres://postgres@127.0.0.1:${port}/postgres`,
      `local cluster (${bin})`,
      async () => {
        process.removeListener('exit', onExit);
        await stopCluster();
      },
    );
  } catch (error) {
    process.removeListener('exit', onExit);
    await stopCluster();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
