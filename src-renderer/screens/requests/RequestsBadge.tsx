import { useEffect, useState } from 'react';
import { call } from '../../api';

const POLL_MS = 30_000;

/**
 * The count beside "Demandes de compte" in the navigation: account requests and change requests
 * waiting for the office. Refreshed every 30 seconds (the sync brings new ones in the background)
 * and at once when a screen handles one.
 */
export function RequestsBadge() {
  const [counts, setCounts] = useState<{ accountRequests: number; changeRequests: number } | null>(null);
  useEffect(() => {
    let current = true;
    const refresh = () =>
      call('requests.counts', {}).then(
        (c) => current && setCounts(c),
        () => undefined,
      );
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    // Also on each navigation: the sync may have brought requests since the last poll.
    window.addEventListener('alp:requests-changed', refresh);
    window.addEventListener('hashchange', refresh);
    return () => {
      current = false;
      clearInterval(timer);
      window.removeEventListener('alp:requests-changed', refresh);
      window.removeEventListener('hashchange', refresh);
    };
  }, []);
  const total = counts ? counts.accountRequests + counts.changeRequests : 0;
  if (!counts || total === 0) return null;
  const parts = [
    counts.accountRequests ? `${counts.accountRequests} demande(s) de compte` : '',
    counts.changeRequests ? `${counts.changeRequests} demande(s) de modification` : '',
  ].filter(Boolean);
  return (
    <span className="nav-badge" title={parts.join(', ')}>
      {total}
      <span className="sr-only"> en attente : {parts.join(', ')}</span>
    </span>
  );
}
