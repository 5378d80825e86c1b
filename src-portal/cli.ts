/**
 * Entry point of the portal (`npm run portal`): reads the configuration from the environment, opens
 * and migrates the database, serves HTTP until SIGINT/SIGTERM. A start-up failure prints one line on
 * stderr, without a stack trace, and exits 2 for a bad configuration, 1 for anything else.
 */
import { createApp } from './app';
import { loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { openDatabase } from './db/open';
import { createLogger } from './logger';
import { createMailWorker } from './mail/mail.worker';
import { createSmtpSender } from './mail/smtp-sender';
import { shutdownOnSignals, startServer } from './server';
import { StartupError, describeError } from './startup-error';
import { portalVersion } from './version';

const MAIL_WORKER_INTERVAL_MS = 5_000;

async function main(): Promise<void> {
  const { config, warnings } = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  for (const warning of warnings) logger.warn(`configuration: ${warning}`);

  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });

  const database = await openDatabase(config.database, { logger });
  try {
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, `migrations applied: ${applied.join(', ')}`);
    const app = createApp({ config, db: database.db, logger, version: portalVersion });
    const server = await startServer(app, { host: config.host, port: config.port });
    // The mail queue is drained every few seconds; it stops (and finishes the message in hand) before
    // the database closes on shutdown.
    const mailWorker = createMailWorker({
      db: database.db,
      sender: config.smtp ? createSmtpSender(config.smtp) : null,
      logger,
    });
    mailWorker.start(MAIL_WORKER_INTERVAL_MS);
    shutdownOnSignals({
      server,
      closeDatabase: async () => {
        await mailWorker.stop();
        await database.close();
      },
      logger,
      timeoutMs: config.shutdownTimeoutMs,
    });
    logger.info(
      {
        url: server.url,
        version: portalVersion,
        dataDir: config.dataDir,
        database: database.label,
        publicUrl: config.publicUrl,
      },
      `Portail Famille ALP ${portalVersion} à l'écoute sur ${server.url} (données : ${config.dataDir}, base : ${database.label})`,
    );
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    // The one place the portal writes to the console: a person reads this line, not a log collector.
    console.error(`portal: ${error.message}`);
    process.exit(error.exitCode);
  }
  // A bug rather than a situation: its stack helps, but only when asked for.
  const verbose = ['debug', 'trace'].includes(process.env.PORTAL_LOG_LEVEL ?? '');
  console.error(
    verbose && error instanceof Error && error.stack
      ? `portal: unexpected error at start-up: ${error.stack}`
      : `portal: unexpected error at start-up: ${describeError(error)} (PORTAL_LOG_LEVEL=debug shows details)`,
  );
  process.exit(1);
});
