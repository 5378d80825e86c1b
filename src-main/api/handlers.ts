import type { OperationName, Output, ParsedInput } from '../../src-shared/api/contract';
import type { Caller, OfficeContext } from '../context';
import type { StaffRow } from '../features/staff/staff.repository';
import { mailHandlers } from '../features/mail/mail.handlers';
import { familiesHandlers } from '../features/families/families.handlers';
import { requestsHandlers } from '../features/requests/requests.handlers';
import { staffHandlers } from '../features/staff/staff.handlers';
import { syncHandlers } from '../features/sync/sync.handlers';

/** A call as a handler sees it: validated input, the caller, and the staff member when signed in. */
export type Call = { ctx: OfficeContext; caller: Caller; staff: StaffRow | null };
type SignedInCall = Call & { staff: StaffRow };

export type Handler<N extends OperationName> = (
  input: ParsedInput<N>,
  call: SignedInCall,
) => Promise<Output<N>>;
export type Handlers = { [N in OperationName]: Handler<N> };

/**
 * One handler per operation of the contract, assembled from one table per feature. Access
 * (public / staff / admin) is enforced by the dispatcher from the contract before a handler runs;
 * for public operations `staff` may be absent, which the handlers of those operations do not read.
 */
export const handlers: Handlers = {
  ...staffHandlers,
  ...familiesHandlers,
  ...requestsHandlers,
  ...syncHandlers,
  ...mailHandlers,
};
