import type { FamilyInput } from './family';
import { personKey } from './matching';

/**
 * Checks on a family file that need more than its schema: the clock (`today`, a Paris calendar
 * day, is a parameter) or several fields together. Returns the problems keyed by the dotted path
 * of the field the form shows them next to; empty when the file is fine.
 */
export function familyInputProblems(input: FamilyInput, today: string): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (path: string, message: string) => (problems[path] ??= []).push(message);

  const seenChildren = new Map<string, number>();
  input.children.forEach((child, i) => {
    if (child.birthDate > today) add(`children.${i}.birthDate`, 'La date de naissance est dans le futur.');
    const key = `${personKey(child)}|${child.birthDate}`;
    if (seenChildren.has(key)) add(`children.${i}.firstName`, 'Cet enfant figure déjà dans la fiche.');
    seenChildren.set(key, i);
  });
  if (input.adults.length === 2 && input.adults[0] && input.adults[1]) {
    if (personKey(input.adults[0]) === personKey(input.adults[1]))
      add('adults.1.firstName', 'Ce responsable figure déjà dans la fiche.');
  }
  const duplicated = (ids: Array<number | undefined>) => {
    const known = ids.filter((id) => id !== undefined);
    return new Set(known).size !== known.length;
  };
  if (duplicated(input.adults.map((a) => a.id)) || duplicated(input.children.map((c) => c.id)))
    add('', 'La fiche envoyée contient deux fois la même personne. Rechargez-la.');
  return problems;
}
