import type { RequestsOperationName } from '../../../src-shared/api/requests.contract';
import type { Handlers } from '../../api/handlers';
import {
  createFamilyFromRequest,
  getRequest,
  linkRequest,
  listPendingChanges,
  listRequests,
  rejectRequest,
  requestCounts,
} from './requests.service';

/** The account requests inbox's operations. */
export const requestsHandlers: Pick<Handlers, RequestsOperationName> = {
  'requests.list': (input, { ctx }) => listRequests(ctx, input),
  'requests.get': (input, { ctx }) => getRequest(ctx, input.id),
  'requests.createFamily': (input, { ctx, staff }) => createFamilyFromRequest(ctx, staff, input),
  'requests.link': (input, { ctx, staff }) => linkRequest(ctx, staff, input),
  'requests.reject': (input, { ctx, staff }) => rejectRequest(ctx, staff, input),
  'requests.listChanges': (_input, { ctx }) => listPendingChanges(ctx),
  'requests.counts': (_input, { ctx }) => requestCounts(ctx),
};
