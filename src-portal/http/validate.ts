import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../src-shared/result';
import {
  MalformedPushBody,
  type ReceivedRecord,
  SYNC_PUSH_MEDIA_TYPE,
  decodePushBody,
} from '../../src-shared/sync/protocol';
import { parseOrThrow } from '../../src-shared/validation';
import { httpMessages } from './messages';

/**
 * Reads the body of a sync push (`decodePushBody`: JSON lines, validated). A body of another media
 * type, or that is not lines of JSON, is an `invalid_input` error (400); so is a record that does not
 * match the protocol, with the field problems. The size limit has already been enforced.
 */
export async function readPushBody(c: Context): Promise<ReceivedRecord[]> {
  const contentType = c.req.header('Content-Type') ?? '';
  if (contentType.split(';')[0]!.trim().toLowerCase() !== SYNC_PUSH_MEDIA_TYPE) {
    throw new AppError('invalid_input', httpMessages.notPushBody);
  }
  const body = await c.req.text();
  try {
    return decodePushBody(body);
  } catch (error) {
    if (error instanceof MalformedPushBody)
      throw new AppError('invalid_input', httpMessages.malformedPushBody);
    throw error;
  }
}

/**
 * Validates the query string with a shared zod schema (one string per key: a repeated key keeps its
 * first value). A mismatch is an `invalid_input` error (400).
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseOrThrow(schema, c.req.query());
}
