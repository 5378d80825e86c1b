import type { z } from 'zod';
import { staffOperations } from './staff.contract';

export * from './staff.contract';
export type { Access } from './operation';

/**
 * The office API: one table of named operations, each with its input schema, output schema and the
 * access it requires, assembled from one table per feature. The Electron preload, browser mode and
 * the handlers in src-main all derive from this table; nothing else defines an operation.
 */
export const operations = {
  ...staffOperations,
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
export const eventNames = ['session.ended'] as const;
export type EventName = (typeof eventNames)[number];
export type EventPayloads = {
  'session.ended': { reason: 'inactivity' | 'logout' | 'deactivated' };
};
