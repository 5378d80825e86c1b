import type { FamiliesOperationName } from '../../../src-shared/api/families.contract';
import type { Handlers } from '../../api/handlers';
import {
  createFamily,
  familyHistory,
  findFamilyByEmail,
  getFamily,
  searchFamilies,
  setArchived,
  setChangeRequestHandled,
  setPortalAccess,
  staffActor,
  updateFamily,
} from './families.service';
import { readPortalSettings, updatePortalSettings } from './portal-settings.service';

/** The family files' operations: each validates nothing more than the contract did and calls one service. */
export const familiesHandlers: Pick<Handlers, FamiliesOperationName> = {
  'families.search': (input, { ctx }) => searchFamilies(ctx, input),
  'families.get': (input, { ctx }) => getFamily(ctx, input.id),
  'families.create': (input, { ctx, staff }) => createFamily(ctx, staff, input),
  'families.update': (input, { ctx, staff }) => updateFamily(ctx, staff, input),
  'families.setPortalAccess': (input, { ctx, staff }) => setPortalAccess(ctx, staff, input),
  'families.setArchived': (input, { ctx, staff }) => setArchived(ctx, staff, input),
  'families.history': (input, { ctx }) => familyHistory(ctx, input),
  'families.findByEmail': (input, { ctx }) => findFamilyByEmail(ctx, input),
  'families.setChangeRequestHandled': (input, { ctx, staff }) => setChangeRequestHandled(ctx, staff, input),
  'portal.getSettings': (_input, { ctx }) => readPortalSettings(ctx.db),
  'portal.updateSettings': (input, { ctx, staff }) => updatePortalSettings(ctx, staffActor(staff), input),
};
