import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;

/**
 * What can be wrong with a sign-up, as keys rather than sentences: the schema's issues carry these,
 * and the page words them in the reader's language (lib/i18n/account-messages.ts).
 */
export const SIGN_UP_PROBLEMS = [
  "name_required",
  "name_too_long",
  "email_required",
  "email_too_long",
  "email_invalid",
  "email_taken",
  "password_required",
  "password_too_short",
  "password_too_long",
] as const;
export type SignUpProblem = (typeof SIGN_UP_PROBLEMS)[number];

export function isSignUpProblem(value: string): value is SignUpProblem {
  return (SIGN_UP_PROBLEMS as readonly string[]).includes(value);
}

const problem = (key: SignUpProblem) => key;

export const EmailSchema = z
  .string({ error: problem("email_required") })
  .trim()
  .toLowerCase()
  .max(254, problem("email_too_long"))
  .pipe(z.email({ error: problem("email_invalid") }));

export const SignUpSchema = z.object({
  /** Shown on the dashboard and, as chosen, on certificates. */
  name: z
    .string({ error: problem("name_required") })
    .trim()
    .min(1, problem("name_required"))
    .max(100, problem("name_too_long")),
  email: EmailSchema,
  password: z
    .string({ error: problem("password_required") })
    .min(MIN_PASSWORD_LENGTH, problem("password_too_short"))
    .max(200, problem("password_too_long")),
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});
export type SignInInput = z.infer<typeof SignInSchema>;
