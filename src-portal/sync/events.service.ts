import type { z } from 'zod';
import type { eventsQuerySchema, eventsResultSchema } from '../../src-shared/sync/protocol';
import type { PortalDb } from '../db/database';
import { listEventsAfter } from './event-log.repository';

/**
 * The page of events after the office's cursor. One more row than asked is read to say whether
 * another page follows. Every event returned is committed and none before it can still appear
 * (see `appendEvent`), so the office may move its cursor to the last seq it receives.
 */
export async function readEvents(
  db: PortalDb,
  { after, limit }: z.infer<typeof eventsQuerySchema>,
): Promise<z.infer<typeof eventsResultSchema>> {
  const events = await listEventsAfter(db, after, limit + 1);
  return { events: events.slice(0, limit), hasMore: events.length > limit };
}
