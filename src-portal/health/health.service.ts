import type { Health } from '../../src-shared/portal/health';
import { AppError } from '../../src-shared/result';
import type { PortalDb } from '../db/database';
import { httpMessages } from '../http/messages';
import { findMeta } from '../meta/meta.repository';

export type HealthDeps = {
  db: PortalDb;
  version: string;
  /** A probe must get an answer even when the database hangs (network partition): 503 after this. */
  timeoutMs?: number;
};

/**
 * Checks that the portal can serve: the database answers a trivial query on the portal's own schema
 * (so a database without the schema fails too). Throws an `unavailable` AppError, its cause kept for
 * the log, when it does not.
 */
export async function checkHealth({ db, version, timeoutMs = 3000 }: HealthDeps): Promise<Health> {
  try {
    const createdAt = await withTimeout(findMeta(db, 'schema_created_at'), timeoutMs);
    if (createdAt === undefined) throw new Error('portal_meta has no schema_created_at row');
  } catch (cause) {
    const error = new AppError('unavailable', httpMessages.databaseUnavailable);
    error.cause = cause;
    throw error;
  }
  return { status: 'ok', database: 'ok', version };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
