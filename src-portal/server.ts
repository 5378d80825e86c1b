import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Logger } from './logger';
import { StartupError, describeError } from './startup-error';

/** Anything with a web-standard fetch handler: the portal's hono app. */
export type FetchApp = { fetch: Parameters<typeof createAdaptorServer>[0]['fetch'] };

export type RunningServer = {
  host: string;
  /** The port actually bound (useful when 0 was asked for). */
  port: number;
  /** http://host:port, for logs and tests. */
  url: string;
  /**
   * Stops accepting connections, closes idle keep-alive ones, and waits for in-flight requests to
   * finish; after `timeoutMs` it cuts the remaining connections. Resolves with `forced: true` then.
   */
  close(timeoutMs: number): Promise<{ forced: boolean }>;
};

/**
 * Serves `app` on host:port over HTTP/1.1 and resolves once listening. A port already taken or an
 * address that cannot be bound is a `StartupError` with a one-line message.
 */
export function startServer(
  app: FetchApp,
  { host, port }: { host: string; port: number },
): Promise<RunningServer> {
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: host,
    serverOptions: {
      // A client gets 15 s to send its headers and 30 s for the whole request: slow-loris clients do
      // not hold sockets for Node's default five minutes.
      headersTimeout: 15_000,
      requestTimeout: 30_000,
    },
  }) as Server;

  return new Promise<RunningServer>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? 'the port is already in use (another portal running? set PORTAL_PORT)'
          : error.code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : error.code === 'EADDRNOTAVAIL'
              ? 'this machine has no such address (check PORTAL_HOST)'
              : describeError(error);
      reject(new StartupError(`Cannot listen on ${host}:${port}: ${reason}`, 1, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        host: address.address,
        port: address.port,
        url: `http://${urlHost}:${address.port}`,
        close: (timeoutMs) => closeGracefully(server, timeoutMs),
      });
    });
  });
}

function closeGracefully(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    let forced = false;
    // Keep-alive connections hold close() open: close them as soon as they have no request in flight
    // (now, and again as in-flight requests end) rather than waiting for the keep-alive timeout.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ forced });
    });
  });
}

export type ShutdownDeps = {
  server: RunningServer;
  /** Releases the database once no request can use it any more. */
  closeDatabase: () => Promise<void>;
  logger: Logger;
  timeoutMs: number;
  /** Ends the process; injectable for tests. */
  exit?: (code: number) => void;
};

/**
 * On SIGINT (Ctrl-C) or SIGTERM (systemd, a container runtime): stop accepting connections, let
 * in-flight requests finish, close the database and exit 0. Requests still running after
 * `timeoutMs` are cut and the exit code is 1, so a supervisor sees the shutdown was not clean. A
 * repeated signal does not cut short a shutdown in progress (a terminal's Ctrl-C can reach the process
 * twice, once directly and once relayed by tsx or npm); the timeout bounds it anyway.
 *
 * Returns a function removing the signal handlers (for tests).
 */
export function shutdownOnSignals({
  server,
  closeDatabase,
  logger,
  timeoutMs,
  exit = (code) => process.exit(code),
}: ShutdownDeps): () => void {
  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.info({ signal }, 'shutdown already in progress');
      return;
    }
    shuttingDown = true;
    logger.info({ signal }, 'Arrêt demandé : fin des requêtes en cours / shutting down');
    // Whatever hangs (a database that does not answer its close), the process ends.
    const lastResort = setTimeout(() => {
      logger.error('shutdown did not complete in time, exiting');
      exit(1);
    }, timeoutMs + 5_000);
    lastResort.unref();

    const { forced } = await server.close(timeoutMs);
    if (forced) logger.warn({ timeoutMs }, 'requests still running after the shutdown timeout were cut');
    let code = forced ? 1 : 0;
    try {
      await closeDatabase();
    } catch (error) {
      logger.error({ err: error }, 'closing the database failed');
      code = 1;
    }
    clearTimeout(lastResort);
    logger.info({ exitCode: code }, 'Portail arrêté / portal stopped');
    exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
