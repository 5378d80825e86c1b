import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../src-shared/api/contract';
import { call, onEvent, onUnauthenticated } from './api';
import { formatInstant, ROLE_LABELS } from './format';
import { AboutScreen } from './screens/AboutScreen';
import { AuditScreen } from './screens/AuditScreen';
import { ChangePasswordForm } from './screens/ChangePasswordForm';
import { FamiliesScreen } from './screens/families/FamiliesScreen';
import { PortalRulesSection } from './screens/families/PortalRulesSection';
import { LoginScreen } from './screens/LoginScreen';
import { MailScreen } from './screens/mail/MailScreen';
import { RequestsBadge } from './screens/requests/RequestsBadge';
import { RequestsScreen } from './screens/requests/RequestsScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { StaffScreen } from './screens/StaffScreen';
import { SyncScreen } from './screens/sync/SyncScreen';

type Boot =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'login'; communeName: string | null }
  | { kind: 'error'; message: string };

const END_NOTICES = {
  inactivity: 'Vous avez été déconnecté après une période d’inactivité.',
  logout: 'Vous êtes déconnecté.',
  deactivated: 'Votre compte a été désactivé.',
} as const;

export function App() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const start = useCallback(async () => {
    try {
      const status = await call('setup.status', {});
      if (status.needsSetup) return setBoot({ kind: 'setup' });
      setSession(await call('auth.session', {}));
      setBoot({ kind: 'login', communeName: status.communeName });
    } catch (e) {
      setBoot({ kind: 'error', message: (e as Error).message });
    }
  }, []);
  useEffect(() => void start(), [start]);

  useEffect(() => {
    const ended = (message: string) => {
      setSession((current) => {
        if (current) setNotice(message);
        return null;
      });
    };
    const offEvent = onEvent('session.ended', ({ reason }) => ended(END_NOTICES[reason]));
    const offUnauth = onUnauthenticated(() => ended('Votre session a expiré. Reconnectez-vous.'));
    return () => {
      offEvent();
      offUnauth();
    };
  }, []);

  const signedIn = (s: SessionInfo) => {
    // Each sign-in starts on the member's home page, not on the previous member's last screen.
    history.replaceState(null, '', window.location.pathname + '#/');
    setNotice(null);
    setSession(s);
    setBoot({ kind: 'login', communeName: s.communeName });
  };

  if (session) return <Frame session={session} onSession={setSession} onLogout={() => setSession(null)} />;
  switch (boot.kind) {
    case 'loading':
      return <main className="centered">Chargement…</main>;
    case 'error':
      return (
        <main className="centered">
          <div className="alert error" role="alert">
            {boot.message}
          </div>
        </main>
      );
    case 'setup':
      return <SetupScreen onDone={signedIn} />;
    case 'login':
      return <LoginScreen communeName={boot.communeName} notice={notice} onDone={signedIn} />;
  }
}

type Route = { path: string; label: string; admin: boolean; render: () => ReactNode; badge?: ReactNode };

function useHashPath(): string {
  const read = () => window.location.hash.replace(/^#/, '') || '/';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const update = () => setPath(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}

/** The application frame: the commune, the navigation, the signed-in member, logout. */
function Frame(props: { session: SessionInfo; onSession: (s: SessionInfo) => void; onLogout: () => void }) {
  const { session } = props;
  const isAdmin = session.staff.role === 'admin';
  const path = useHashPath();
  const routes: Route[] = [
    { path: '/familles', label: 'Familles', admin: false, render: () => <FamiliesScreen path={path} /> },
    {
      path: '/demandes',
      label: 'Demandes de compte',
      admin: false,
      render: () => <RequestsScreen path={path} />,
      badge: <RequestsBadge />,
    },
    { path: '/personnel', label: 'Personnel', admin: true, render: () => <StaffScreen session={session} /> },
    { path: '/journal', label: 'Journal d’audit', admin: true, render: () => <AuditScreen /> },
    {
      path: '/parametres',
      label: 'Paramètres',
      admin: true,
      render: () => (
        <>
          <SettingsScreen
            onSaved={(s) =>
              props.onSession({
                ...session,
                communeName: s.communeName,
                expiresAfterMinutes: s.sessionTimeoutMinutes,
              })
            }
          />
          <PortalRulesSection />
        </>
      ),
    },
    {
      path: '/synchronisation',
      label: 'Synchronisation',
      admin: false,
      render: () => <SyncScreen isAdmin={isAdmin} />,
    },
    { path: '/courriels', label: 'Courriels', admin: false, render: () => <MailScreen isAdmin={isAdmin} /> },
    { path: '/compte', label: 'Mon compte', admin: false, render: () => <AccountScreen {...props} /> },
    { path: '/a-propos', label: 'À propos', admin: false, render: () => <AboutScreen /> },
  ];
  const visible = routes.filter((r) => isAdmin || !r.admin);
  const home = visible[0]!.path;
  // A route owns its sub-paths too (#/familles/12 is the Familles screen's).
  const route = routes.find((r) => r.path === path || path.startsWith(`${r.path}/`));

  const logout = async () => {
    await call('auth.logout', {}).catch(() => undefined);
    props.onLogout();
  };

  if (session.staff.mustChangePassword) {
    return (
      <main className="centered">
        <div className="card narrow">
          <h1>Choisissez votre mot de passe</h1>
          <p className="lead">
            Bonjour {session.staff.displayName}, votre mot de passe est provisoire. Choisissez-en un nouveau
            pour continuer.
          </p>
          <ChangePasswordForm
            session={session}
            onDone={props.onSession}
            submitLabel="Enregistrer et continuer"
          />
          <button type="button" className="link" onClick={() => void logout()}>
            Se déconnecter
          </button>
        </div>
      </main>
    );
  }

  return (
    <div className="frame">
      <header className="topbar">
        <div className="brand">
          <strong>Portail Famille ALP</strong>
          <span className="commune">{session.communeName}</span>
        </div>
        <div className="who">
          <span>
            {session.staff.displayName} <span className="role">({ROLE_LABELS[session.staff.role]})</span>
          </span>
          <button type="button" onClick={() => void logout()}>
            Se déconnecter
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Navigation principale">
        <ul>
          {visible.map((r) => (
            <li key={r.path}>
              <a href={`#${r.path}`} aria-current={(route?.path ?? home) === r.path ? 'page' : undefined}>
                {r.label}
                {r.badge}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        {!route ? (
          visible.find((r) => r.path === home)!.render()
        ) : route.admin && !isAdmin ? (
          <section>
            <h1>Accès réservé</h1>
            <div className="alert error" role="alert">
              Cette page est réservée aux administrateurs.
            </div>
          </section>
        ) : (
          route.render()
        )}
      </main>
    </div>
  );
}

function AccountScreen({
  session,
  onSession,
}: {
  session: SessionInfo;
  onSession: (s: SessionInfo) => void;
}) {
  return (
    <section>
      <h1>Mon compte</h1>
      <dl className="facts card">
        <dt>Nom</dt>
        <dd>{session.staff.displayName}</dd>
        <dt>Identifiant</dt>
        <dd>
          <code>{session.staff.login}</code>
        </dd>
        <dt>Rôle</dt>
        <dd>{ROLE_LABELS[session.staff.role]}</dd>
        <dt>Dernière connexion</dt>
        <dd>{formatInstant(session.staff.lastLoginAt)}</dd>
        <dt>Déconnexion automatique</dt>
        <dd>après {session.expiresAfterMinutes} minutes sans activité</dd>
      </dl>
      <div className="card">
        <h2>Changer de mot de passe</h2>
        <ChangePasswordForm session={session} onDone={onSession} submitLabel="Changer le mot de passe" />
      </div>
    </section>
  );
}
