/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { assetUrl } from '../static/assets';
import { type FlashMessage, FlashMessages } from './shared/forms';
import { type SiteInfo, portalName } from './shared/site';

export type { SiteInfo } from './shared/site';

export type LayoutProps = {
  /** The page's own title, first in the browser tab: "Demander un compte". */
  title: string;
  site: SiteInfo;
  /** Messages shown above the content (after a redirect, an error of the whole form, …). */
  flash?: FlashMessage[];
  /** Links or forms in the header, e.g. "Ma famille" and the logout button for a logged-in parent. */
  headerNav?: Child;
  /** Scripts of this page (served from `/static/`, never inline), e.g. the password-strength meter. */
  scripts?: Array<'password-strength.js'>;
  children?: Child;
};

/**
 * The frame of every portal page: the commune's name in the header, a `<main>` for the content, the
 * footer with the privacy notice and the service's contact. Mobile first: one column, big touch
 * targets, readable without zoom. Server-rendered with hono/jsx, which escapes every value; there is
 * no inline script or style (the CSP forbids them).
 */
export function Layout({ title, site, flash = [], headerNav, scripts = [], children }: LayoutProps) {
  const name = portalName(site);
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{`${title} — ${name}`}</title>
        {/* No favicon request (and no 404 in the log for each page). */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('portal.css')} />
        {scripts.map((script) => (
          <script src={assetUrl(script)} defer></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="site-header__brand" href="/">
              {site.communeName !== null ? (
                <>
                  <span class="site-header__kicker">Portail famille</span>
                  <span class="site-header__commune">{site.communeName}</span>
                </>
              ) : (
                <span class="site-header__commune">Portail famille</span>
              )}
            </a>
            {headerNav !== undefined && (
              <nav class="site-header__nav" aria-label="Compte">
                {headerNav}
              </nav>
            )}
          </div>
        </header>
        <main id="contenu" class="container" tabindex={-1}>
          <FlashMessages messages={flash} />
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              {site.communeName !== null
                ? `Service enfance-jeunesse — Mairie de ${site.communeName}`
                : 'Service enfance-jeunesse de la mairie'}
            </p>
            {(site.contactEmail !== null || site.contactPhone !== null) && (
              <p>
                Contact :{' '}
                {site.contactEmail !== null && (
                  <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>
                )}
                {site.contactEmail !== null && site.contactPhone !== null && ' · '}
                {site.contactPhone !== null && (
                  <a href={`tel:${site.contactPhone.replace(/[^\d+]/g, '')}`}>{site.contactPhone}</a>
                )}
              </p>
            )}
            <p>
              <a href="/confidentialite">Données personnelles et confidentialité</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a whole page as an HTML response (doctype included), with `status`. */
export async function renderPage(
  c: Context,
  props: LayoutProps,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const html = await (<Layout {...props} />).toString();
  return c.html(`<!doctype html>${html}`, status);
}
