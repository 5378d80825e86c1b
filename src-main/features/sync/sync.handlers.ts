import type { SyncOperationName } from '../../../src-shared/api/sync.contract';
import type { Handlers } from '../../api/handlers';
import type { StaffRow } from '../staff/staff.repository';
import { getSyncSettings, updateSyncSettings } from './sync-settings.service';
import { listSyncLogEntries, requestSyncNow, syncStatus } from './sync.service';

const actor = (staff: StaffRow) => ({ id: staff.id, name: staff.display_name });

/** The sync screen's operations; access (staff / admin) is checked by the dispatcher from the contract. */
export const syncHandlers: Pick<Handlers, SyncOperationName> = {
  'sync.status': (_input, { ctx }) => syncStatus(ctx, ctx.sync.live()),
  'sync.log': (input, { ctx }) => listSyncLogEntries(ctx, input),
  'sync.runNow': (_input, { ctx }) => requestSyncNow(ctx),
  'sync.getSettings': (_input, { ctx }) => getSyncSettings(ctx),
  'sync.updateSettings': (input, { ctx, staff }) => updateSyncSettings(ctx, actor(staff), input),
};
