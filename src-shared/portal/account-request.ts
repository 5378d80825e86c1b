import { z } from 'zod';
import { emailSchema, phoneSchema } from '../families/family';

/**
 * The public "Demander un compte" form: the responsible adult, the children, an optional message and
 * the acceptance of the privacy notice. A family asks, the office decides (no self sign-up, DOMAIN.md
 * P2). Messages are French: they are shown next to the fields.
 */

export const ACCOUNT_REQUEST_MAX_CHILDREN = 6;
/** Child rows the form shows at first; a button adds more, up to the maximum. */
export const ACCOUNT_REQUEST_FIRST_ROWS = 3;
export const ACCOUNT_REQUEST_MESSAGE_MAX = 2000;
/** Older than this, a "child" is a typing mistake (périscolaire is for school children). */
export const CHILD_MAX_AGE_YEARS = 18;

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Indiquez le ${what}.`)
    .max(80, 'Au plus 80 caractères.')
    .refine((value) => !/\p{Cc}/u.test(value), 'Caractères non autorisés.');

/** The same day `years` years earlier (`YYYY-MM-DD`; 29 February compares correctly as text). */
function yearsBefore(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`;
}

/** A child of the request; `today` (Paris calendar day) bounds the birth date. */
export function accountRequestChildSchema(today: string) {
  return z.object({
    firstName: name('prénom'),
    lastName: name('nom'),
    birthDate: z
      .string()
      .trim()
      .min(1, 'Indiquez la date de naissance.')
      // A browser without a date picker sends what the parent typed: accept the French JJ/MM/AAAA.
      .transform((value) => {
        const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
        return french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : value;
      })
      .pipe(z.iso.date('Date invalide : utilisez le format JJ/MM/AAAA.'))
      .refine((day) => day < today, 'La date de naissance doit être passée.')
      .refine(
        (day) => day >= yearsBefore(today, CHILD_MAX_AGE_YEARS),
        `L’enfant doit avoir moins de ${CHILD_MAX_AGE_YEARS} ans : vérifiez l’année.`,
      ),
  });
}

const row = z.object({
  firstName: z.string().default(''),
  lastName: z.string().default(''),
  birthDate: z.string().default(''),
});

/**
 * The request as submitted. `children` are the rows of the form: a row left entirely empty is
 * ignored (the form shows spare rows), any other row must be complete; a problem is reported at
 * `children.<row>.<field>`, so the page shows it next to the right field.
 */
export function accountRequestSchema(today: string) {
  const child = accountRequestChildSchema(today);
  return z.object({
    adult: z.object({
      firstName: name('prénom'),
      lastName: name('nom'),
      email: z
        .string()
        .trim()
        .min(1, 'Indiquez votre adresse e-mail.')
        .max(254, 'Adresse trop longue.')
        .pipe(emailSchema),
      phone: z
        .string()
        .trim()
        .min(1, 'Indiquez un numéro de téléphone.')
        .max(30, 'Numéro trop long.')
        .pipe(phoneSchema),
    }),
    children: z
      .array(row)
      .max(ACCOUNT_REQUEST_MAX_CHILDREN, `Au plus ${ACCOUNT_REQUEST_MAX_CHILDREN} enfants par demande.`)
      .transform((rows, ctx) => {
        const children: Array<z.output<typeof child>> = [];
        let problems = false;
        rows.forEach((value, index) => {
          if (`${value.firstName}${value.lastName}${value.birthDate}`.trim() === '') return;
          const parsed = child.safeParse(value);
          if (parsed.success) {
            children.push(parsed.data);
            return;
          }
          problems = true;
          for (const issue of parsed.error.issues) {
            ctx.addIssue({ code: 'custom', message: issue.message, path: [index, ...issue.path] });
          }
        });
        if (children.length === 0 && !problems) {
          ctx.addIssue({ code: 'custom', message: 'Indiquez au moins un enfant.' });
        }
        return children;
      }),
    message: z
      .string()
      .trim()
      .max(ACCOUNT_REQUEST_MESSAGE_MAX, `Au plus ${ACCOUNT_REQUEST_MESSAGE_MAX} caractères.`)
      .default(''),
    // A boolean refined to true (not `z.literal(true)`), so the form can pass an unticked box.
    privacyAccepted: z
      .boolean()
      .refine(
        (accepted) => accepted,
        'Vous devez avoir pris connaissance de la notice sur les données personnelles.',
      ),
  });
}

export type AccountRequestInput = z.input<ReturnType<typeof accountRequestSchema>>;
export type AccountRequest = z.output<ReturnType<typeof accountRequestSchema>>;
