import type { MailOperationName } from '../../../src-shared/api/mail.contract';
import type { Handlers } from '../../api/handlers';
import type { StaffRow } from '../staff/staff.repository';
import { getSmtpSettings, updateSmtpSettings } from './mail-settings.service';
import { getMail, listMail, resendMail, sendTestMail } from './mail.service';

const actor = (staff: StaffRow) => ({ id: staff.id, name: staff.display_name });

/** The mail screen's operations; access (staff / admin) is checked by the dispatcher from the contract. */
export const mailHandlers: Pick<Handlers, MailOperationName> = {
  'mail.list': (input, { ctx }) => listMail(ctx, input),
  'mail.get': (input, { ctx }) => getMail(ctx, input.id),
  'mail.resend': (input, { ctx, staff }) => resendMail(ctx, actor(staff), input.id),
  'mail.getSettings': (_input, { ctx }) => getSmtpSettings(ctx),
  'mail.updateSettings': (input, { ctx, staff }) => updateSmtpSettings(ctx, actor(staff), input),
  'mail.sendTest': (input, { ctx, staff }) => sendTestMail(ctx, actor(staff), input.to),
};
