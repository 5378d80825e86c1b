import { z } from 'zod';
import { type PickupPerson, addressSchema, phonesSchema, pickupPersonSchema } from '../families/family';

/**
 * The forms of the parent pages (login, password, "Ma famille"), as the portal receives them
 * (`application/x-www-form-urlencoded`, every value a string). Messages are French: they are shown
 * next to the fields.
 */

/** Long enough for any pass phrase, short enough that nobody makes the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;
/** A message to the office ("Demander une modification"). */
export const CHANGE_REQUEST_MAX_LENGTH = 2000;
/** At most this many people authorised to pick up one child (the shared child schema's limit). */
export const PICKUPS_MAX = 10;

const formText = z.string().default('');

/** The login form: the e-mail is normalised by the service, so that any bad value gets the same answer. */
export const loginFormSchema = z.object({
  email: formText.pipe(z.string().max(320)),
  password: formText.pipe(z.string().max(PASSWORD_MAX_LENGTH)),
});

/** "Mot de passe oublié": any text; the answer is the same whatever it is. */
export const forgotPasswordFormSchema = z.object({ email: formText.pipe(z.string().max(320)) });

/**
 * Choosing a password (activation and reset). The strength rule itself is `passwordProblems`, applied
 * by the service, which knows the login and the names the password must not contain.
 */
export const newPasswordFormSchema = z
  .object({
    password: formText.pipe(
      z.string().min(1, 'Choisissez un mot de passe.').max(PASSWORD_MAX_LENGTH, 'Mot de passe trop long.'),
    ),
    confirmation: formText,
  })
  .refine((form) => form.password === form.confirmation, {
    path: ['confirmation'],
    message: 'Les deux mots de passe ne sont pas identiques.',
  });

/** The version of the family record the parent was looking at when editing (`basedOnVersion`). */
const shownVersion = z.coerce.number().int().min(0);

export const phonesFormSchema = phonesSchema.extend({ version: shownVersion });
export const addressFormSchema = addressSchema.extend({ version: shownVersion });

const pickupRow = z.object({ name: z.string(), relation: z.string(), phone: z.string() });

/**
 * The authorised pick-up people of one child, as rows of the form (`name`, `relation`, `phone`). A row
 * left entirely empty is dropped: that is how a person is removed, and how the spare rows of the form
 * are ignored. A problem in a row is reported at `people.<row index in the form>.<field>`, so the
 * page can show it next to the right field.
 */
export const pickupsFormSchema = z.object({
  version: shownVersion,
  people: z
    .array(pickupRow)
    .max(PICKUPS_MAX + 5)
    .transform((rows, ctx) => {
      const people: PickupPerson[] = [];
      rows.forEach((row, index) => {
        if (`${row.name}${row.relation}${row.phone}`.trim() === '') return;
        const parsed = pickupPersonSchema.safeParse(row);
        if (parsed.success) people.push(parsed.data);
        else {
          for (const issue of parsed.error.issues) {
            ctx.addIssue({ code: 'custom', path: [index, ...issue.path], message: issue.message });
          }
        }
      });
      if (people.length > PICKUPS_MAX) {
        ctx.addIssue({ code: 'custom', path: [], message: `${PICKUPS_MAX} personnes au plus.` });
      }
      return people;
    }),
});

export const changeRequestFormSchema = z.object({
  message: formText.pipe(
    z
      .string()
      .trim()
      .min(1, 'Écrivez votre demande.')
      .max(CHANGE_REQUEST_MAX_LENGTH, `Au plus ${CHANGE_REQUEST_MAX_LENGTH} caractères.`),
  ),
});
