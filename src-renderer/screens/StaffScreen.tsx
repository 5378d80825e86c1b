import { useCallback, useEffect, useRef, useState } from 'react';
import type { Role, SessionInfo, StaffMember } from '../../src-shared/api/contract';
import type { ApiCallError } from '../api';
import { call } from '../api';
import { Field, FormError, FormFeedback, NewPasswordFields, useSubmit } from '../components/forms';
import { formatInstant, ROLE_LABELS } from '../format';

/** Staff accounts (admins only): create agents, reset passwords, deactivate and reactivate. */
export function StaffScreen({ session }: { session: SessionInfo }) {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<StaffMember | null>(null);
  const reload = useCallback(() => {
    call('staff.list', {}).then(setStaff, (e: ApiCallError) => setLoadError(e));
  }, []);
  useEffect(reload, [reload]);

  const [actionError, setActionError] = useState<ApiCallError | null>(null);
  const setActive = async (member: StaffMember, active: boolean) => {
    if (
      !active &&
      !window.confirm(`Désactiver le compte de ${member.displayName} ? Il ne pourra plus se connecter.`)
    )
      return;
    setActionError(null);
    try {
      await call('staff.setActive', { id: member.id, active });
      setNotice(`Compte de ${member.displayName} ${active ? 'réactivé' : 'désactivé'}.`);
      reload();
    } catch (e) {
      setActionError(e as ApiCallError);
    }
  };

  return (
    <section>
      <h1>Personnel</h1>
      <FormFeedback error={loadError ?? actionError} notice={notice} tone="success" />
      <table className="data">
        <caption className="sr-only">Comptes du personnel</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Identifiant</th>
            <th scope="col">Rôle</th>
            <th scope="col">État</th>
            <th scope="col">Dernière connexion</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff?.map((m) => (
            <tr key={m.id} className={m.active ? '' : 'inactive'}>
              <td>{m.displayName}</td>
              <td>
                <code>{m.login}</code>
              </td>
              <td>{ROLE_LABELS[m.role]}</td>
              <td>
                {!m.active ? (
                  <span className="badge muted">Désactivé</span>
                ) : m.lockedUntil && m.lockedUntil > new Date().toISOString() ? (
                  <span className="badge warn">Verrouillé</span>
                ) : m.mustChangePassword ? (
                  <span className="badge">Mot de passe provisoire</span>
                ) : (
                  <span className="badge ok">Actif</span>
                )}
              </td>
              <td>{formatInstant(m.lastLoginAt)}</td>
              <td className="actions">
                <button type="button" onClick={() => setResetting(m)}>
                  Réinitialiser le mot de passe
                </button>
                {m.id !== session.staff.id ? (
                  <button type="button" onClick={() => void setActive(m, !m.active)}>
                    {m.active ? 'Désactiver' : 'Réactiver'}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {staff === null && !loadError ? <p>Chargement…</p> : null}
      <CreateStaffForm
        onCreated={(m) => {
          setNotice(
            `Compte de ${m.displayName} créé. Communiquez-lui son mot de passe provisoire : il devra le changer à sa première connexion.`,
          );
          reload();
        }}
      />
      {resetting ? (
        <ResetPasswordDialog
          member={resetting}
          onClose={(done) => {
            setResetting(null);
            if (done) {
              setNotice(`Mot de passe de ${resetting.displayName} réinitialisé.`);
              reload();
            }
          }}
        />
      ) : null}
    </section>
  );
}

function CreateStaffForm({ onCreated }: { onCreated: (m: StaffMember) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [login, setLogin] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const { busy, error, submit, fieldErrors } = useSubmit(
    () => call('staff.create', { displayName, login, role, password }),
    (m) => {
      setDisplayName('');
      setLogin('');
      setRole('agent');
      setPassword('');
      onCreated(m);
    },
  );
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-staff-title">
      <h2 id="new-staff-title">Nouveau compte</h2>
      <FormError error={error} />
      <div className="grid2">
        <Field
          label="Nom et prénom"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
          errors={fieldErrors('displayName')}
        />
        <Field
          label="Identifiant"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          required
          autoComplete="off"
          errors={fieldErrors('login')}
        />
        <div className="field">
          <label htmlFor="new-staff-role">Rôle</label>
          <select id="new-staff-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="agent">Agent</option>
            <option value="admin">Administrateur</option>
          </select>
        </div>
        <NewPasswordFields
          label="Mot de passe provisoire"
          password={password}
          onPasswordChange={setPassword}
          errors={fieldErrors('password')}
          login={login}
          name={displayName}
        />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        Créer le compte
      </button>
    </form>
  );
}

function ResetPasswordDialog({ member, onClose }: { member: StaffMember; onClose: (done: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  useEffect(() => ref.current?.showModal(), []);
  const { busy, error, submit, fieldErrors } = useSubmit(
    () => call('staff.resetPassword', { id: member.id, password }),
    () => onClose(true),
  );
  return (
    <dialog ref={ref} onCancel={() => onClose(false)} aria-labelledby="reset-title">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="reset-title">Réinitialiser le mot de passe de {member.displayName}</h2>
        <p>
          Le compte sera déverrouillé ; un mot de passe provisoire devra être changé à la prochaine connexion.
        </p>
        <FormError error={error} />
        <NewPasswordFields
          label="Mot de passe provisoire"
          password={password}
          onPasswordChange={setPassword}
          errors={fieldErrors('password')}
          login={member.login}
          name={member.displayName}
          autoFocus
        />
        <div className="buttons">
          <button type="button" onClick={() => onClose(false)}>
            Annuler
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Réinitialiser
          </button>
        </div>
      </form>
    </dialog>
  );
}
