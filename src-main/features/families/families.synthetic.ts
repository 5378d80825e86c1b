import type { Kysely } from 'kysely';
import type { FamilyFile } from '../../../src-shared/api/families.contract';
import type { Adult, Child } from '../../../src-shared/families/family';
import { familyDisplayName, toPortalFamilyRecord } from '../../../src-shared/families/portal-record';
import { foldText } from '../../../src-shared/families/search';
import type { OfficeDatabase } from '../../db/schema';
import { recordChange } from '../sync/outbox';
import { insertFamilyAudit, type HistoryActor } from './families.history';
import { adultValues, childValues, familyColumns, pickupValues } from './families.mapping';
import { insertAdultRows, insertChildRows, insertFamilyRows, insertPickupRows } from './families.repository';
import { ensurePortalSettingsQueued } from './portal-settings.service';

/**
 * A synthetic commune for demos and benchmarks: families with French names (accents included),
 * plausible phones and addresses around Lapalud, children of school age with their school and
 * class, some authorised pick-up people. Seeded, so the same seed gives the same commune. Every
 * e-mail is at example.org/example.net (reserved domains): a demo database never mails a real person.
 *
 * The families go through this feature's repository, in one transaction per batch, with their
 * search text and (unless `pushToPortal` is false) their portal record queued in the outbox, like
 * families entered by hand.
 */
export type SyntheticOptions = {
  count: number;
  /** Default 1. */
  seed?: number;
  /** When the families are created; default now. */
  at?: string;
  /** Queue each family's portal record (default true). */
  pushToPortal?: boolean;
  /** Families per transaction (default 500). */
  batchSize?: number;
};

export type SyntheticResult = { families: number; adults: number; children: number; firstId: number | null };

/** mulberry32: small, fast and good enough to vary demo data reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Légaré',
  'Gaillard',
  'Barthélemy',
  'Brémond',
  'Côté',
  'Séguin',
  'Chevalier',
  'Aubert',
  'Reynaud',
  'Ménard',
  'Pélissier',
  'Arnaud',
  'Blanc',
  'Guérin',
  'Boyer',
  'Faure',
  'Rousseau',
  'Clément',
  'Gautier',
  'Perrin',
  'Masson',
  'Mathieu',
  'Nicolas',
  'Hénault',
  'Bérard',
  'Jourdan',
  'Mistral',
  'Daudet',
  'Noël',
  'Lemaître',
  'Février',
  'Bénézet',
  'Castellan',
  'Roumanille',
  'Giraud',
  'Chabert',
  'Estève',
  'Ollivier',
  'Tessier',
  'Rey',
  'Marchand',
  'Brun',
  'Carré',
  'Dumas',
  'Roche',
  'Benoît',
  "D'Abrigeon",
  'Saint-Martin',
  'Le Gall',
  'Nguyen',
  'Da Silva',
  'Benali',
  'Haddad',
  'Diallo',
  'Kowalski',
  'Müller',
  'Ferreira',
  'Lopez',
  'Sánchez',
];
const FEMALE_NAMES = [
  'Hélène',
  'Léa',
  'Chloé',
  'Zoé',
  'Noémie',
  'Gaëlle',
  'Anaïs',
  'Maëlys',
  'Françoise',
  'Cécile',
  'Océane',
  'Inès',
  'Élodie',
  'Amélie',
  'Valérie',
  'Agnès',
  'Sophie',
  'Marie',
  'Camille',
  'Julie',
  'Emma',
  'Louise',
  'Jade',
  'Manon',
  'Clémence',
  'Laëtitia',
  'Mélanie',
  'Sandrine',
  'Nathalie',
  'Céline',
  'Aurélie',
  'Émilie',
  'Léonie',
  'Anne-Sophie',
  'Maïwenn',
  'Héloïse',
  'Bérénice',
  'Fatima',
  'Yasmine',
  'Sarah',
];
const MALE_NAMES = [
  'Jérôme',
  'Loïc',
  'Clément',
  'Théo',
  'Raphaël',
  'Benoît',
  'Joël',
  'Mathéo',
  'Éric',
  'Frédéric',
  'Stéphane',
  'Hervé',
  'André',
  'René',
  'Noé',
  'Gaël',
  'Lucas',
  'Hugo',
  'Louis',
  'Gabriel',
  'Arthur',
  'Jules',
  'Nicolas',
  'Sébastien',
  'Cédric',
  'Jean-Pierre',
  'François',
  'Mickaël',
  'Timothée',
  'Aurélien',
  'Maël',
  'Yanis',
  'Karim',
  'Mehdi',
  'Thibault',
  'Étienne',
  'Adrien',
  'Rémi',
  'Léo',
  'Évan',
];
const STREETS = [
  'rue de la République',
  'avenue Frédéric Mistral',
  'chemin des Oliviers',
  'impasse des Lavandes',
  'place de l’Église',
  'rue Jean Jaurès',
  'boulevard Pasteur',
  'chemin du Moulin',
  'rue des Écoles',
  'allée des Platanes',
  'route de Bollène',
  'rue du Château d’Eau',
  'chemin de la Roubine',
  'rue Émile Zola',
];
const CITIES = [
  { postalCode: '84840', city: 'Lapalud' },
  { postalCode: '84840', city: 'Lapalud' },
  { postalCode: '84840', city: 'Lapalud' },
  { postalCode: '84840', city: 'Lamotte-du-Rhône' },
  { postalCode: '84500', city: 'Bollène' },
  { postalCode: '26700', city: 'Pierrelatte' },
];
const SCHOOLS = { maternelle: 'École maternelle Les Lavandes', elementaire: 'École élémentaire Jean Moulin' };
const CLASSES = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];
const HEALTH = [
  'Allergie aux arachides',
  'Asthme : Ventoline dans le sac',
  'Intolérance au lactose',
  'Diabète de type 1',
];
/** Children per family, by blocks of five families: each pattern has 8 (1.6 on average). */
const CHILDREN_PATTERNS = [
  [1, 2, 1, 2, 2],
  [1, 3, 1, 2, 1],
  [2, 2, 2, 1, 1],
  [1, 1, 3, 1, 2],
];

const SYNTHETIC_ACTOR: HistoryActor = { id: null, name: 'Données de démonstration' };

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function phone(random: () => number, prefix: string): string {
  let digits = prefix;
  while (digits.length < 10) digits += String(Math.floor(random() * 10));
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

const emailPart = (s: string) => foldText(s).replace(/[^a-z0-9]+/g, '');

type Spec = {
  email: string | null;
  adults: Adult[];
  address: { line1: string; line2: string; postalCode: string; city: string };
  quotientFamilial: { value: number | null; validUntil: string | null; source: 'CAF' | 'MSA' | null };
  children: Child[];
  notes: string;
};

function familySpec(random: () => number, index: number, childCount: number, schoolYearStart: number): Spec {
  const lastName = pick(random, LAST_NAMES);
  const mother = pick(random, FEMALE_NAMES);
  const adults: Adult[] = [
    {
      firstName: mother,
      lastName,
      relation: 'mère',
      phones: {
        mobile: phone(random, random() < 0.5 ? '06' : '07'),
        home: random() < 0.3 ? phone(random, '0490') : null,
        work: null,
      },
      email: null,
    },
  ];
  if (random() < 0.6) {
    adults.push({
      firstName: pick(random, MALE_NAMES),
      lastName: random() < 0.8 ? lastName : pick(random, LAST_NAMES),
      relation: 'père',
      phones: {
        mobile: phone(random, '06'),
        home: null,
        work: random() < 0.2 ? phone(random, '0475') : null,
      },
      email: null,
    });
  }
  const children: Child[] = [];
  for (let c = 0; c < childCount; c++) {
    const age = 3 + Math.floor(random() * 9); // 3 to 11 at the rentrée: maternelle and élémentaire
    const year = schoolYearStart - age;
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const classIndex = Math.min(CLASSES.length - 1, age - 3);
    const health = random() < 0.08 ? pick(random, HEALTH) : '';
    children.push({
      firstName: pick(random, random() < 0.5 ? FEMALE_NAMES : MALE_NAMES),
      lastName,
      birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      school: classIndex < 3 ? SCHOOLS.maternelle : SCHOOLS.elementaire,
      className: CLASSES[classIndex]!,
      healthNotes: health,
      pai: health !== '' && random() < 0.5,
      authorisedPickups:
        random() < 0.4
          ? [
              {
                name: `${pick(random, FEMALE_NAMES)} ${pick(random, LAST_NAMES)}`,
                relation: 'grand-mère',
                phone: phone(random, '06'),
              },
            ]
          : [],
    });
  }
  const place = pick(random, CITIES);
  return {
    // One family in ten has no e-mail (no portal access yet); the index keeps each one unique.
    email:
      random() < 0.9
        ? `${emailPart(mother)}.${emailPart(lastName)}.${index}@${random() < 0.5 ? 'example.org' : 'example.net'}`
        : null,
    adults,
    address: { line1: `${1 + Math.floor(random() * 120)} ${pick(random, STREETS)}`, line2: '', ...place },
    quotientFamilial:
      random() < 0.8
        ? {
            value: 300 + Math.floor(random() * 1700),
            validUntil: `${schoolYearStart + 1}-07-31`,
            source: 'CAF',
          }
        : { value: null, validUntil: null, source: null },
    children,
    notes: random() < 0.05 ? 'Famille suivie par l’assistante sociale : prévenir la direction.' : '',
  };
}

/** Creates `count` synthetic families through the repository; returns how many rows of each kind. */
export async function createSyntheticFamilies(
  db: Kysely<OfficeDatabase>,
  options: SyntheticOptions,
): Promise<SyntheticResult> {
  const random = seededRandom(options.seed ?? 1);
  const at = options.at ?? new Date().toISOString();
  const batchSize = options.batchSize ?? 500;
  const schoolYearStart = Number(at.slice(0, 4)) - (Number(at.slice(5, 7)) < 9 ? 1 : 0);
  const pattern = pick(random, CHILDREN_PATTERNS);
  const result: SyntheticResult = { families: 0, adults: 0, children: 0, firstId: null };

  for (let start = 0; start < options.count; start += batchSize) {
    const specs: Spec[] = [];
    for (let i = start; i < Math.min(options.count, start + batchSize); i++) {
      specs.push(familySpec(random, i + 1, pattern[i % pattern.length]!, schoolYearStart));
    }
    await db.transaction().execute(async (trx) => {
      const familyIds = await insertFamilyRows(
        trx,
        specs.map((spec) => ({
          ...familyColumns(spec),
          version: 1,
          portal_access: 'none' as const,
          archived: 0,
          last_applied_event_seq: 0,
          created_at: at,
          updated_at: at,
        })),
      );
      const adultIds = await insertAdultRows(
        trx,
        specs.flatMap((spec, f) =>
          spec.adults.map((a, i) => ({ ...adultValues(a, i + 1), family_id: familyIds[f]! })),
        ),
      );
      const childIds = await insertChildRows(
        trx,
        specs.flatMap((spec, f) =>
          spec.children.map((c, i) => ({ ...childValues(c, i + 1), family_id: familyIds[f]! })),
        ),
      );
      let a = 0;
      let c = 0;
      const files: FamilyFile[] = specs.map((spec, f) => {
        const adults = spec.adults.map((adult) => ({ ...adult, id: adultIds[a++]! }));
        return {
          id: familyIds[f]!,
          version: 1,
          displayName: familyDisplayName(spec.adults),
          email: spec.email,
          adults,
          address: spec.address,
          quotientFamilial: spec.quotientFamilial,
          children: spec.children.map((child) => ({ ...child, id: childIds[c++]! })),
          notes: spec.notes,
          portalAccess: 'none',
          portalAccessChangedAt: null,
          archived: false,
          lastAppliedEventSeq: 0,
          changeRequests: [],
          createdAt: at,
          updatedAt: at,
        };
      });
      await insertPickupRows(
        trx,
        files.flatMap((file) =>
          file.children.flatMap((child) =>
            pickupValues(child.authorisedPickups).map((p) => ({ ...p, child_id: child.id })),
          ),
        ),
      );
      if (options.pushToPortal ?? true) {
        await ensurePortalSettingsQueued(trx, at);
        for (const file of files) {
          await recordChange(
            trx,
            {
              entity: 'family',
              id: String(file.id),
              version: 1,
              data: toPortalFamilyRecord(file, { invitationId: null, lastAppliedEventSeq: 0 }),
            },
            at,
          );
        }
      }
      result.firstId ??= familyIds[0] ?? null;
      result.families += files.length;
      result.adults += adultIds.length;
      result.children += childIds.length;
    });
  }
  await insertFamilyAudit(db, {
    at,
    actor: SYNTHETIC_ACTOR,
    action: 'families.generated',
    target: 'familles',
    details: { familles: result.families, enfants: result.children, graine: options.seed ?? 1 },
  });
  return result;
}
