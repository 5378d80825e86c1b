import { z } from 'zod';
import type { PortalAccess } from './family';

/**
 * The life of a family's portal access, as staff drive it from the family file. The office only
 * decides the state and a fresh invitation id; the portal mails the one-time activation link
 * itself when it receives a new invitation id, and reports the parent's activation as an event.
 *
 *   none ──invite──▶ invited ──(parent activates on the portal)──▶ active ──disable──▶ disabled
 *     ▲                │  └─resend (new link)                          ▲                  │
 *     └────revoke──────┘                                               └─────enable───────┘
 */
export const portalAccessActionSchema = z.enum(['invite', 'resend', 'revoke', 'disable', 'enable']);
export type PortalAccessAction = z.infer<typeof portalAccessActionSchema>;

export type PortalAccessTransition =
  { ok: true; next: PortalAccess; newInvitation: boolean } | { ok: false; message: string };

const refuse = (message: string): PortalAccessTransition => ({ ok: false, message });

export function portalAccessTransition(
  current: PortalAccess,
  action: PortalAccessAction,
  family: { hasEmail: boolean },
): PortalAccessTransition {
  switch (action) {
    case 'invite':
      if (!family.hasEmail)
        return refuse(
          'Renseignez d’abord l’adresse e-mail de la famille : c’est son identifiant de connexion.',
        );
      if (current !== 'none')
        return refuse(
          current === 'invited'
            ? 'L’invitation a déjà été envoyée : utilisez « Renvoyer l’invitation ».'
            : 'La famille a déjà un accès au portail.',
        );
      return { ok: true, next: 'invited', newInvitation: true };
    case 'resend':
      if (!family.hasEmail) return refuse('Renseignez d’abord l’adresse e-mail de la famille.');
      if (current !== 'invited') return refuse('Aucune invitation en attente à renvoyer.');
      return { ok: true, next: 'invited', newInvitation: true };
    case 'revoke':
      if (current !== 'invited') return refuse('Aucune invitation en attente à révoquer.');
      return { ok: true, next: 'none', newInvitation: false };
    case 'disable':
      if (current !== 'active') return refuse('Seul un accès actif peut être désactivé.');
      return { ok: true, next: 'disabled', newInvitation: false };
    case 'enable':
      if (current !== 'disabled') return refuse('Cet accès n’est pas désactivé.');
      if (!family.hasEmail) return refuse('Renseignez d’abord l’adresse e-mail de la famille.');
      return { ok: true, next: 'active', newInvitation: false };
  }
}

/**
 * Whether staff may remove the family's e-mail: not while it is a parent's login (active or
 * disabled account, which "Réactiver" would need) or the address of a pending invitation.
 */
export function emailRequiredFor(access: PortalAccess): boolean {
  return access !== 'none';
}

export const PORTAL_ACCESS_LABELS: Record<PortalAccess, string> = {
  none: 'Pas d’accès',
  invited: 'Invitation envoyée',
  active: 'Accès actif',
  disabled: 'Accès désactivé',
};

export const PORTAL_ACCESS_ACTION_LABELS: Record<PortalAccessAction, string> = {
  invite: 'Accès au portail créé (invitation envoyée)',
  resend: 'Invitation renvoyée',
  revoke: 'Invitation révoquée',
  disable: 'Accès au portail désactivé',
  enable: 'Accès au portail réactivé',
};
