import { z } from "zod";

/** Expiry choices offered in the web app; "never" keeps the token until it is revoked. */
export const TOKEN_EXPIRY_CHOICES = ["never", "7", "30", "90", "365"] as const;

/** What can be wrong with a new token, as keys the page words in the reader's language (lib/i18n/account-messages.ts). */
export const TOKEN_PROBLEMS = ["name_required", "name_too_long", "expiry_invalid"] as const;
export type TokenProblem = (typeof TOKEN_PROBLEMS)[number];

export function isTokenProblem(value: string): value is TokenProblem {
  return (TOKEN_PROBLEMS as readonly string[]).includes(value);
}

const problem = (key: TokenProblem) => key;

export const CreateApiTokenSchema = z.object({
  /** What the token is for, so its owner recognises it in the list ("laptop CLI"). */
  name: z
    .string({ error: problem("name_required") })
    .trim()
    .min(1, problem("name_required"))
    .max(60, problem("name_too_long")),
  /** Days until the token stops working, or "never". */
  expiresInDays: z.enum(TOKEN_EXPIRY_CHOICES, { error: problem("expiry_invalid") }).default("never"),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenSchema>;
