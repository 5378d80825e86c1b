/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { MyFamily } from '../../family/family.service';
import { familyMessages } from '../../family/family-messages';
import { renderPage } from '../layout';
import type { FlashMessage } from '../shared/forms';
import type { SiteInfo } from '../shared/site';
import { addressLines, birthDateText, phoneKinds, phoneLabels } from './family-format';
import { ParentNav } from './parent-nav';

type Phones = NonNullable<MyFamily['adults'][number]['phones']>;
type People = NonNullable<MyFamily['children'][number]['authorisedPickups']>;

/** The values a parent sent and the office has not applied yet, flagged as such. */
function Pending({ children }: { children: unknown }) {
  return (
    <div class="pending">
      <p class="pending__label">
        <span class="badge">{familyMessages.pending}</span>
      </p>
      {children}
    </div>
  );
}

function PhoneList({ phones }: { phones: Phones }) {
  const filled = phoneKinds.filter((kind) => phones[kind] !== null);
  if (filled.length === 0) return <p class="muted">Aucun numéro de téléphone.</p>;
  return (
    <dl class="facts">
      {filled.map((kind) => (
        <>
          <dt>{phoneLabels[kind]}</dt>
          <dd>{phones[kind]}</dd>
        </>
      ))}
    </dl>
  );
}

function PeopleList({ people }: { people: People }) {
  if (people.length === 0) return <p class="muted">Aucune personne autorisée.</p>;
  return (
    <ul class="people">
      {people.map((person) => (
        <li>
          <strong>{person.name}</strong>
          {person.relation !== '' && ` (${person.relation})`} — {person.phone}
        </li>
      ))}
    </ul>
  );
}

function AddressBlock({ address }: { address: NonNullable<MyFamily['address']> }) {
  const lines = addressLines(address);
  if (lines.length === 0) return <p class="muted">Aucune adresse.</p>;
  return (
    <address class="postal">
      {lines.map((line, index) => (
        <>
          {index > 0 && <br />}
          {line}
        </>
      ))}
    </address>
  );
}

/**
 * "Ma famille": the family's adults, address and children as the office last pushed them, with
 * what the field rules hide left out, an "edit" link for each editable part, and the edits not yet
 * applied marked "en attente de prise en compte". Health notes, PAI and staff notes never reach the
 * portal at all.
 */
export function renderMyFamilyPage(
  c: Context,
  { site, family, flash = [] }: { site: SiteInfo; family: MyFamily; flash?: FlashMessage[] },
) {
  const { rules } = family;
  return renderPage(c, {
    title: 'Ma famille',
    site,
    flash,
    headerNav: <ParentNav c={c} />,
    children: (
      <>
        <h1>Ma famille</h1>
        <p class="lead">Les informations de votre dossier au service enfance-jeunesse.</p>
        {family.email !== null && (
          <p>
            Adresse e-mail de connexion : <strong>{family.email}</strong>
          </p>
        )}

        <h2>Responsables</h2>
        {family.adults.map((adult) => (
          <section class="panel card" aria-labelledby={`adulte-${adult.id}`}>
            <h3 id={`adulte-${adult.id}`}>
              {adult.firstName} {adult.lastName}
              {adult.relation !== '' && <span class="muted"> — {adult.relation}</span>}
            </h3>
            {adult.email !== null && <p>E-mail : {adult.email}</p>}
            {adult.phones !== null && <PhoneList phones={adult.phones} />}
            {adult.pendingPhones !== null && (
              <Pending>
                <PhoneList phones={adult.pendingPhones} />
              </Pending>
            )}
            {rules.phones === 'editable' && (
              <p class="card__action">
                <a class="button button--secondary" href={`/ma-famille/responsables/${adult.id}/telephones`}>
                  Modifier les téléphones
                  <span class="visually-hidden">
                    {' '}
                    de {adult.firstName} {adult.lastName}
                  </span>
                </a>
              </p>
            )}
          </section>
        ))}

        {family.address !== null && (
          <>
            <h2>Adresse</h2>
            <section class="panel card" aria-label="Adresse">
              <AddressBlock address={family.address} />
              {family.pendingAddress !== null && (
                <Pending>
                  <AddressBlock address={family.pendingAddress} />
                </Pending>
              )}
              {rules.address === 'editable' && (
                <p class="card__action">
                  <a class="button button--secondary" href="/ma-famille/adresse">
                    Modifier l’adresse
                  </a>
                </p>
              )}
            </section>
          </>
        )}

        <h2>Enfants</h2>
        {family.children.length === 0 && <p class="muted">Aucun enfant n’est inscrit dans votre dossier.</p>}
        {family.children.map((child) => (
          <section class="panel card" aria-labelledby={`enfant-${child.id}`}>
            <h3 id={`enfant-${child.id}`}>
              {child.firstName} {child.lastName}
            </h3>
            <dl class="facts">
              <dt>Date de naissance</dt>
              <dd>{birthDateText(child.birthDate)}</dd>
              {child.school !== null && (
                <>
                  <dt>École</dt>
                  <dd>{child.school !== '' ? child.school : '—'}</dd>
                  <dt>Classe</dt>
                  <dd>{child.className !== null && child.className !== '' ? child.className : '—'}</dd>
                </>
              )}
            </dl>
            {child.authorisedPickups !== null && (
              <>
                <h4>Personnes autorisées à venir chercher {child.firstName}</h4>
                <PeopleList people={child.authorisedPickups} />
                {child.pendingPickups !== null && (
                  <Pending>
                    <PeopleList people={child.pendingPickups} />
                  </Pending>
                )}
                {rules.authorisedPickups === 'editable' && (
                  <p class="card__action">
                    <a
                      class="button button--secondary"
                      href={`/ma-famille/enfants/${child.id}/personnes-autorisees`}
                    >
                      Modifier les personnes autorisées
                      <span class="visually-hidden"> pour {child.firstName}</span>
                    </a>
                  </p>
                )}
              </>
            )}
          </section>
        ))}

        <h2>Une information à corriger ?</h2>
        <p>
          Les noms, dates de naissance, l’école, l’adresse e-mail de la famille et les autres informations qui
          ne sont pas modifiables ici sont mis à jour par le service enfance-jeunesse : envoyez-lui votre
          demande.
        </p>
        <p>
          <a class="button button--primary" href="/ma-famille/demande">
            Demander une modification
          </a>
        </p>
      </>
    ),
  });
}
