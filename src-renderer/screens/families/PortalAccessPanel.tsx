import { useState } from 'react';
import type { FamilyFile } from '../../../src-shared/api/contract';
import { PORTAL_ACCESS_LABELS, type PortalAccessAction } from '../../../src-shared/families/portal-access';
import type { ApiCallError } from '../../api';
import { call } from '../../api';
import { FormError } from '../../components/forms';
import { formatInstant } from '../../format';

const DONE: Record<PortalAccessAction, string> = {
  invite:
    'Accès créé : le portail enverra l’e-mail d’activation à la famille dès la synchronisation (quelques secondes quand elle est active).',
  resend:
    'Nouvelle invitation : le portail l’enverra dès la synchronisation (quelques secondes quand elle est active) ; l’ancien lien ne fonctionnera plus.',
  revoke:
    'Invitation révoquée : le lien d’activation ne fonctionnera plus dès la synchronisation (quelques secondes quand elle est active).',
  disable: 'Accès désactivé : la famille ne peut plus se connecter au portail.',
  enable: 'Accès réactivé : la famille peut de nouveau se connecter.',
};

const CONFIRM: Partial<Record<PortalAccessAction, string>> = {
  revoke: 'Révoquer l’invitation ? Le lien d’activation envoyé à la famille ne fonctionnera plus.',
  disable: 'Désactiver l’accès au portail ? La famille ne pourra plus se connecter jusqu’à sa réactivation.',
};

/**
 * The state of the family's portal access and what staff may do with it. The office only decides;
 * the portal sends the activation e-mail itself (one-time link, valid 7 days) when it receives the
 * new invitation. Actions apply to the saved file, so they wait until the form is saved.
 */
export function PortalAccessPanel(props: {
  file: FamilyFile;
  dirty: boolean;
  onChanged: (f: FamilyFile) => void;
}) {
  const { file } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = async (action: PortalAccessAction) => {
    const question = CONFIRM[action];
    if (question && !window.confirm(question)) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      props.onChanged(await call('families.setPortalAccess', { id: file.id, action }));
      setNotice(DONE[action]);
    } catch (e) {
      setError(e as ApiCallError);
    } finally {
      setBusy(false);
    }
  };
  const button = (action: PortalAccessAction, label: string, primary = false) => (
    <button
      type="button"
      className={primary ? 'primary' : ''}
      disabled={busy || props.dirty}
      onClick={() => void act(action)}
    >
      {label}
    </button>
  );
  const since = file.portalAccessChangedAt ? ` depuis le ${formatInstant(file.portalAccessChangedAt)}` : '';

  return (
    <div className="portal-access" role="group" aria-label="État de l’accès au portail">
      <p>
        <span className={`badge access-${file.portalAccess}`}>{PORTAL_ACCESS_LABELS[file.portalAccess]}</span>
        {file.portalAccess === 'invited' ? (
          <span className="hint">
            {' '}
            Invitation envoyée le {formatInstant(file.portalAccessChangedAt)} à {file.email} ; le lien
            d’activation est valable 7 jours.
          </span>
        ) : file.portalAccess === 'none' ? null : (
          <span className="hint">
            {since}
            {file.email ? ` · identifiant : ${file.email}` : ''}
          </span>
        )}
      </p>
      {notice ? (
        <div className="alert success" role="status">
          {notice}
        </div>
      ) : null}
      <FormError error={error} />
      <div className="buttons start">
        {file.portalAccess === 'none' ? button('invite', 'Créer l’accès au portail', true) : null}
        {file.portalAccess === 'invited' ? (
          <>
            {button('resend', 'Renvoyer l’invitation')}
            {button('revoke', 'Révoquer l’invitation')}
          </>
        ) : null}
        {file.portalAccess === 'active' ? button('disable', 'Désactiver l’accès') : null}
        {file.portalAccess === 'disabled' ? button('enable', 'Réactiver l’accès') : null}
      </div>
      {props.dirty ? (
        <p className="hint">Enregistrez d’abord vos modifications pour agir sur l’accès au portail.</p>
      ) : file.portalAccess === 'none' && !file.email ? (
        <p className="hint">L’accès au portail demande l’adresse e-mail de la famille.</p>
      ) : null}
    </div>
  );
}
