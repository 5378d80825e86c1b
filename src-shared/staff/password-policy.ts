/**
 * The minimum strength of a password, for staff and (later) parents: long enough to resist guessing
 * at the rate our lock-outs allow, and not a trivial variation of the login. Returns the problems in
 * French, empty when the password is acceptable.
 */
export const PASSWORD_MIN_LENGTH = 10;

export function passwordProblems(
  password: string,
  context: { login?: string; name?: string } = {},
): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Au moins ${PASSWORD_MIN_LENGTH} caractères.`);
  }
  const classes = [/[a-zà-ÿ]/, /[A-ZÀ-Ý]/, /[0-9]/, /[^a-zA-Z0-9à-ÿÀ-Ý]/].filter((re) =>
    re.test(password),
  ).length;
  if (classes < 3) {
    problems.push('Au moins trois types de caractères parmi : minuscules, majuscules, chiffres, symboles.');
  }
  const lowered = password.toLowerCase();
  for (const word of [context.login, ...(context.name ?? '').split(/\s+/)]) {
    if (word && word.length >= 3 && lowered.includes(word.toLowerCase())) {
      problems.push('Ne doit pas contenir l’identifiant ni le nom.');
      break;
    }
  }
  if (/^(.)\1+$/.test(password)) problems.push('Ne doit pas répéter un seul caractère.');
  return problems;
}

/** A rough strength score from 0 to 4 for a strength meter (never the acceptance rule). */
export function passwordScore(password: string): number {
  if (password.length === 0) return 0;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  let score = 0;
  if (password.length >= PASSWORD_MIN_LENGTH) score++;
  if (password.length >= 14) score++;
  if (classes >= 3) score++;
  if (classes === 4 || password.length >= 20) score++;
  return score;
}
