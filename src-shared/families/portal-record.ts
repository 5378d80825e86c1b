import type { PortalFamilyRecord } from '../sync/protocol';
import type { Family } from './family';

/**
 * What of a family file the portal receives. Privacy rule: health notes, the PAI flag, the staff's
 * notes and the quotient familial are staff-only and never leave the office. The record is built
 * field by field (never by spreading the file) so that a field added to the file later stays
 * office-only until someone decides otherwise here.
 */
export function toPortalFamilyRecord(
  family: Pick<Family, 'id' | 'email' | 'portalAccess' | 'adults' | 'address' | 'children'>,
  portal: { invitationId: string | null; lastAppliedEventSeq: number },
): PortalFamilyRecord {
  return {
    id: family.id,
    email: family.email,
    portalAccess: family.portalAccess,
    invitationId: portal.invitationId,
    adults: family.adults.map((adult) => ({
      id: adult.id,
      firstName: adult.firstName,
      lastName: adult.lastName,
      relation: adult.relation,
      phones: { mobile: adult.phones.mobile, home: adult.phones.home, work: adult.phones.work },
      email: adult.email,
    })),
    address: {
      line1: family.address.line1,
      line2: family.address.line2,
      postalCode: family.address.postalCode,
      city: family.address.city,
    },
    children: family.children.map((child) => ({
      id: child.id,
      firstName: child.firstName,
      lastName: child.lastName,
      birthDate: child.birthDate,
      school: child.school,
      className: child.className,
      authorisedPickups: child.authorisedPickups.map((p) => ({
        name: p.name,
        relation: p.relation,
        phone: p.phone,
      })),
    })),
    lastAppliedEventSeq: portal.lastAppliedEventSeq,
  };
}

/** How a family is named in lists and messages: "MARTIN Hélène", "MARTIN Hélène et Paul", … */
export function familyDisplayName(adults: Array<{ firstName: string; lastName: string }>): string {
  const [first, second] = adults;
  if (!first) return 'Famille sans responsable';
  const name = `${first.lastName.toLocaleUpperCase('fr-FR')} ${first.firstName}`;
  if (!second) return name;
  return second.lastName.trim().toLocaleLowerCase('fr-FR') ===
    first.lastName.trim().toLocaleLowerCase('fr-FR')
    ? `${name} et ${second.firstName}`
    : `${name} et ${second.lastName.toLocaleUpperCase('fr-FR')} ${second.firstName}`;
}
