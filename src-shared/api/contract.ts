import type { z } from 'zod';
import { mailOperations } from './mail.contract';
import { familiesOperations } from './families.contract';
import { requestsOperations } from './requests.contract';
import { staffOperations } from './staff.contract';
import { syncOperations, type SyncProgressEvent } from './sync.contract';

export * from './mail.contract';
export * from './families.contract';
export * from './requests.contract';
export * from './staff.contract';
export * from './sync.contract';
export type { Access } from './operation';

/**
 * The office API: one table of named operations, each with its input schema, output schema and the
 * access it requires, assembled from one table per feature. The Electron preload, browser mode and
 * the handlers in src-main all derive from this table; nothing else defines an operation.
 */
export const operations = {
  ...staffOperations,
  ...familiesOperations,
  ...requestsOperations,
  ...syncOperations,
  ...mailOperations,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type Input<N extends OperationName> = z.input<Operations[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type Output<N extends OperationName> = z.output<Operations[N]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}
/** Events main pushes to the UI (`on(name, callback)`). */
export const eventNames = ['session.ended', 'sync.progress', 'mail.changed'] as const;
export type EventName = (typeof eventNames)[number];
export type EventPayloads = {
  'session.ended': { reason: 'inactivity' | 'logout' | 'deactivated' };
  /** Sent to every window while a sync runs, and once at its end. */
  'sync.progress': SyncProgressEvent;
  /** Sent to every window when messages of the mail queue changed state. */
  'mail.changed': Record<string, never>;
};
