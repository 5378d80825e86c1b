import { isOperationName, operations, type OperationName } from '../../src-shared/api/contract';
import { AppError, fail, ok, type Result } from '../../src-shared/result';
import { parseOrThrow } from '../../src-shared/validation';
import type { Caller, OfficeContext } from '../context';
import { currentStaff } from '../features/auth/auth.service';
import { handlers, type Handler } from './handlers';

/** Operations a member whose password was reset may still call before choosing a new one. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<OperationName>([
  'auth.changePassword',
  'auth.logout',
  'auth.session',
  'about.info',
]);

/**
 * The single entry of the office API, whatever the transport (Electron IPC, browser-mode HTTP,
 * tests): checks the name against the contract, validates the input, enforces the operation's
 * access, runs its handler, and returns the result envelope. Unexpected errors are logged and
 * reported without their details.
 */
export async function dispatch(
  ctx: OfficeContext,
  caller: Caller,
  name: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    return fail('unknown_operation', `Opération inconnue : ${String(name).slice(0, 80)}`);
  }
  try {
    const operation = operations[name];
    // Who may call comes before what they sent: a caller without access learns nothing more.
    const staff = await currentStaff(ctx, caller, name !== 'auth.session');
    if (operation.access !== 'public') {
      if (!staff) return fail('unauthenticated', 'Votre session a expiré. Reconnectez-vous.');
      if (operation.access === 'admin' && staff.role !== 'admin') {
        return fail('forbidden', 'Cette action est réservée aux administrateurs.');
      }
      if (staff.must_change_password && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(name)) {
        return fail('forbidden', 'Choisissez d’abord un nouveau mot de passe.');
      }
    }
    const parsed = parseOrThrow(operation.input, input ?? {});
    // The handler table is keyed by the same names; TypeScript cannot correlate the union here.
    const handler = handlers[name] as Handler<OperationName>;
    const value = await handler(parsed as never, { ctx, caller, staff: staff as NonNullable<typeof staff> });
    return ok(value);
  } catch (error) {
    if (error instanceof AppError)
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      };
    ctx.log('error', `operation ${name} failed`, error);
    return fail('internal', 'Une erreur inattendue est survenue. Elle a été enregistrée dans le journal.');
  }
}
