/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { csrfField } from '../../http/csrf';

/** The header links of a logged-in parent: "Ma famille" and the logout button (a POST, CSRF-checked). */
export function ParentNav({ c }: { c: Context }) {
  return (
    <>
      <a href="/ma-famille">Ma famille</a>
      <form method="post" action="/deconnexion">
        {csrfField(c)}
        <button type="submit" class="button--secondary">
          Se déconnecter
        </button>
      </form>
    </>
  );
}
