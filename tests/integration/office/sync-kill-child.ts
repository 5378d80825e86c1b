// An office process that syncs and stops dead at a chosen point, for the parent test to kill it
// there: 'after-pull' (events fetched, none applied) or 'in-apply' (inside an event's transaction,
// after the applier wrote). It tells the parent on stdout, then waits forever.
import { insertAuditEntry } from '../../../src-main/features/audit/audit.repository';
import { runSync } from '../../../src-main/features/sync/sync.service';
import { openOffice } from '../../../src-main/office';
import { OFFICE_MIGRATIONS } from '../../support/office';
import { recordingAppliers } from './sync-support';

const [dataDir, mode] = process.argv.slice(2) as [string, 'after-pull' | 'in-apply'];
const forever = () => {
  setInterval(() => undefined, 60_000);
  return new Promise<never>(() => undefined);
};

const office = await openOffice({
  dataDir,
  migrationsDir: OFFICE_MIGRATIONS,
  mode: 'browser',
  appVersion: '0.0.0-test',
  backgroundWork: false,
  log: () => undefined,
});
const appliers = recordingAppliers();
if (mode === 'in-apply') {
  appliers['account.activated'] = async (trx, event) => {
    await insertAuditEntry(trx, {
      at: new Date(0).toISOString(),
      actor: null,
      action: 'test.event_applied',
      target: event.id,
      details: { seq: event.seq, type: event.type },
    });
    process.stdout.write(`APPLYING ${event.seq}\n`);
    await forever();
  };
}
await runSync(office.ctx, {
  appliers,
  origin: 'manual',
  hooks: {
    afterPull: async (page) => {
      if (mode !== 'after-pull') return;
      process.stdout.write(`PULLED ${page.events.length}\n`);
      await forever();
    },
  },
});
process.stdout.write('DONE\n');
