/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { DeadLinkReason } from '../../accounts/activation.service';
import { accountMessages } from '../../accounts/account-messages';
import { renderPage } from '../layout';
import type { SiteInfo } from '../shared/site';

const reasons: Record<DeadLinkReason, string> = {
  used: accountMessages.linkUsed,
  expired: accountMessages.linkExpired,
  unknown: accountMessages.linkUnknown,
};

/**
 * An invitation or reset link that no longer works (used, replaced, expired, mistyped): what happened
 * and how to get a new one. 410 Gone for a link that existed, 404 for one that never did.
 */
export function renderDeadLinkPage(
  c: Context,
  { site, purpose, reason }: { site: SiteInfo; purpose: 'activation' | 'reset'; reason: DeadLinkReason },
) {
  return renderPage(
    c,
    {
      title: 'Lien plus valable',
      site,
      children: (
        <>
          <h1>Ce lien n’est plus valable</h1>
          <p>{reasons[reason]}</p>
          {purpose === 'activation' ? (
            <>
              <p>
                Pour recevoir un nouveau lien d’activation, contactez le service enfance-jeunesse
                {site.contactPhone !== null ? ` (${site.contactPhone})` : ''}
                {site.contactEmail !== null ? ` ou écrivez à ${site.contactEmail}` : ''} : il vous enverra un
                nouvel e-mail. Si vous avez déjà choisi votre mot de passe, connectez-vous simplement.
              </p>
              <div class="actions">
                <a class="button button--primary" href="/connexion">
                  Se connecter
                </a>
              </div>
            </>
          ) : (
            <>
              <p>Demandez un nouveau lien : il arrivera par e-mail et restera valable 1 heure.</p>
              <div class="actions">
                <a class="button button--primary" href="/mot-de-passe-oublie">
                  Recevoir un nouveau lien
                </a>
                <a class="button button--secondary" href="/connexion">
                  Se connecter
                </a>
              </div>
            </>
          )}
        </>
      ),
    },
    reason === 'unknown' ? 404 : 410,
  );
}
