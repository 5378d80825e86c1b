import { AppError } from '../../../src-shared/result';
import type { EventAppliers } from './appliers';

const refuse = async () => {
  throw new AppError(
    'conflict',
    'cette version de l’application ne sait pas encore traiter ce type d’événement ; il sera repris après sa mise à jour.',
  );
};

/**
 * Appliers for an office without the families feature: each event is refused, so the pull stops on
 * it with a French reason and the event waits on the portal; none is skipped.
 */
export const unsupportedEventAppliers: EventAppliers = {
  'account.requested': refuse,
  'account.activated': refuse,
  'profile.updated': refuse,
  'profile.change_requested': refuse,
};
