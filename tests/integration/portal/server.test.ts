import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-portal/logger';
import { shutdownOnSignals, startServer } from '../../../src-portal/server';
import { StartupError } from '../../../src-portal/startup-error';
import { captureLogs, dialectTargets, startTestPortal } from './helpers';

// Shutdown does not depend on the database engine: SQLite only here.
const { targets, cleanup } = await dialectTargets({ postgres: false });
const sqlite = targets[0]!;
afterAll(cleanup);

/** A route that answers only when the test says so, to hold a request in flight. */
function heldRoute() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
  return { release, released, hasArrived, arrived };
}

describe('portal server shutdown', () => {
  it('lets a request in flight finish, then stops accepting connections', async () => {
    const held = heldRoute();
    const portal = await startTestPortal(sqlite, (app) =>
      app.get('/test/slow', async (c) => {
        held.arrived();
        await held.released;
        return c.json({ ok: true, value: 'finished' });
      }),
    );
    // A keep-alive connection left idle must not hold the shutdown open either.
    expect((await fetch(`${portal.url}/health`)).status).toBe(200);

    const inFlight = fetch(`${portal.url}/test/slow`);
    await held.hasArrived;
    const started = Date.now();
    const closing = portal.server.close(5000);
    setTimeout(held.release, 200);

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: 'finished' });
    expect(await closing).toEqual({ forced: false });
    // Closed right after the last response, not after the keep-alive timeout (5 s).
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(fetch(`${portal.url}/health`)).rejects.toThrow();
    await portal.database.close();
  });

  it('cuts requests still running after the timeout and says so', async () => {
    const held = heldRoute();
    const portal = await startTestPortal(sqlite, (app) =>
      app.get('/test/stuck', async (c) => {
        held.arrived();
        await held.released;
        return c.text('too late');
      }),
    );
    const inFlight = fetch(`${portal.url}/test/stuck`);
    await held.hasArrived;
    const started = Date.now();
    expect(await portal.server.close(300)).toEqual({ forced: true });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(inFlight).rejects.toThrow();
    held.release();
    await portal.database.close();
  });

  it('on SIGTERM closes the server, then the database, and exits 0', async () => {
    const portal = await startTestPortal(sqlite);
    const { capture, stream } = captureLogs();
    const order: string[] = [];
    const exited = new Promise<number>((resolve) => {
      const uninstall = shutdownOnSignals({
        server: {
          ...portal.server,
          close: async (timeoutMs) => {
            order.push('server');
            return portal.server.close(timeoutMs);
          },
        },
        closeDatabase: async () => {
          order.push('database');
          await portal.database.close();
        },
        logger: createLogger('info', stream),
        timeoutMs: 2000,
        exit: (code) => {
          uninstall();
          resolve(code);
        },
      });
    });
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(0);
    expect(order).toEqual(['server', 'database']);
    expect(capture.lines.map((line) => line.msg)).toEqual([
      'Arrêt demandé : fin des requêtes en cours / shutting down',
      'shutdown already in progress',
      'Portail arrêté / portal stopped',
    ]);
  });

  it('refuses to start on a port already in use, with a one-line reason', async () => {
    const portal = await startTestPortal(sqlite);
    try {
      const second = startServer(portal.app, { host: '127.0.0.1', port: portal.server.port });
      await expect(second).rejects.toBeInstanceOf(StartupError);
      await expect(second).rejects.toThrow(
        `Cannot listen on 127.0.0.1:${portal.server.port}: the port is already in use (another portal running? set PORTAL_PORT)`,
      );
    } finally {
      await portal.stop();
    }
  });
});
