import { z } from "zod";

/** Expiry choices offered in the web app; "never" keeps the token until it is revoked. */
export const TOKEN_EXPIRY_CHOICES = ["never", "7", "30", "90", "365"] as const;

export const CreateApiTokenSchema = z.object({
  /** What the token is for, so its owner recognises it in the list ("laptop CLI"). */
  name: z
    .string({ error: "Name the token." })
    .trim()
    .min(1, "Name the token, for example “laptop”.")
    .max(60, "Keep the name under 60 characters."),
  /** Days until the token stops working, or "never". */
  expiresInDays: z.enum(TOKEN_EXPIRY_CHOICES, { error: "Choose one of the offered expiry periods." }).default("never"),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenSchema>;
