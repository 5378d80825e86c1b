import type { Handlers } from '../../api/handlers';
import { listAuditEntries } from '../audit/audit.repository';
import {
  changeOwnPassword,
  completeSetup,
  currentSession,
  login,
  logout,
  setupStatus,
} from '../auth/auth.service';
import { getSettings, updateSettings } from '../settings/settings.service';
import type { StaffRow } from './staff.repository';
import { createStaffMember, listStaffMembers, resetStaffPassword, setStaffActive } from './staff.service';
import type { StaffOperationName } from '../../../src-shared/api/staff.contract';

const actor = (staff: StaffRow) => ({ id: staff.id, name: staff.display_name });

/**
 * One handler per operation of the contract. Access (public / staff / admin) is enforced by the
 * dispatcher from the contract before a handler runs; for public operations `staff` may be absent,
 * which the handlers of those operations do not read.
 */
export const staffHandlers: Pick<Handlers, StaffOperationName> = {
  'setup.status': (_input, { ctx }) => setupStatus(ctx),
  'setup.create': (input, { ctx, caller }) => completeSetup(ctx, caller, input),
  'auth.login': (input, { ctx, caller }) => login(ctx, caller, input),
  'auth.logout': (_input, { ctx, caller }) => logout(ctx, caller),
  'auth.session': (_input, { ctx, caller }) => currentSession(ctx, caller),
  'auth.changePassword': (input, { ctx, staff }) => changeOwnPassword(ctx, staff, input),
  'staff.list': (_input, { ctx }) => listStaffMembers(ctx),
  'staff.create': (input, { ctx, staff }) => createStaffMember(ctx, staff, input),
  'staff.resetPassword': (input, { ctx, staff }) => resetStaffPassword(ctx, staff, input),
  'staff.setActive': (input, { ctx, staff }) => setStaffActive(ctx, staff, input),
  'audit.list': (input, { ctx }) => listAuditEntries(ctx.db, input),
  'settings.get': (_input, { ctx }) => getSettings(ctx),
  'settings.update': (input, { ctx, staff }) => updateSettings(ctx, actor(staff), input),
  'about.info': async (_input, { ctx }) => ctx.about,
};
