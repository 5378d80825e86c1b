/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PortalDb } from '../../db/database';
import { type CsrfFailure, csrfMessages } from '../../http/csrf';
import { renderPage } from '../layout';
import { type SiteInfo, loadSiteInfo } from './site';

/**
 * A page with a title and a message, for refusals a person may meet (form expired, too many
 * requests): French, in the portal's frame, with a way back.
 */
export function renderMessagePage(
  c: Context,
  site: SiteInfo,
  {
    title,
    message,
    status,
    back,
  }: { title: string; message: string; status: ContentfulStatusCode; back?: { href: string; label: string } },
): Promise<Response> {
  return renderPage(
    c,
    {
      title,
      site,
      children: (
        <>
          <h1>{title}</h1>
          <p>{message}</p>
          {back && (
            <p>
              <a class="button button--secondary" href={back.href}>
                {back.label}
              </a>
            </p>
          )}
        </>
      ),
    },
    status,
  );
}

/** The page a browser gets when `csrfProtection` refuses its form (403, nothing changed). */
export function csrfRefusalPage(db: PortalDb) {
  return async (c: Context, reason: CsrfFailure): Promise<Response> =>
    renderMessagePage(c, await loadSiteInfo(db), {
      title: 'Demande refusée',
      message: csrfMessages[reason],
      status: 403,
    });
}
