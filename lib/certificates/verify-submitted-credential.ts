// The /verify form: a credential pasted as text or uploaded as a .jwt or .json file.
import { z } from "zod";
import { parseInput } from "../validation";
import { verifyLocally } from "./local-verification";
import type { Verdict } from "./verify-credential";

/** A signed certificate is a few kilobytes; anything far larger is not one. */
export const MAX_CREDENTIAL_BYTES = 256 * 1024;

export const SubmittedCredentialSchema = z
  .object({
    text: z.string().max(MAX_CREDENTIAL_BYTES, "That is too long to be a certificate.").optional(),
    file: z
      .instanceof(Blob)
      .refine((file) => file.size <= MAX_CREDENTIAL_BYTES, "That file is too large to be a certificate.")
      .optional(),
  })
  .refine((input) => Boolean(input.text?.trim()) || Boolean(input.file && input.file.size > 0), {
    message: "Paste a credential or choose a file.",
    path: ["text"],
  });

export async function verifySubmittedCredential(input: unknown): Promise<Verdict> {
  const { text, file } = parseInput(SubmittedCredentialSchema, input);
  const credential = text?.trim() ? text : await (file as Blob).text();
  return verifyLocally(credential);
}
