"use server";

import type { CredentialSummary } from "@/lib/certificates/credential-schema";
import type { VerdictStatus } from "@/lib/certificates/verify-credential";
import { verifySubmittedCredential } from "@/lib/certificates/verify-submitted-credential";
import { ValidationError } from "@/lib/errors";

export type VerifyFormState =
  | { kind: "idle" }
  | { kind: "invalid"; message: string }
  | { kind: "verdict"; status: VerdictStatus; problems: string[]; details: CredentialSummary | null };

export async function verifyCredentialAction(_previous: VerifyFormState, form: FormData): Promise<VerifyFormState> {
  // A server action is a public endpoint: its arguments need not be what the page sends.
  if (!(form instanceof FormData)) return { kind: "invalid", message: "Paste a credential or choose a file." };
  const file = form.get("file");
  const input = { text: form.get("text") ?? undefined, file: file instanceof Blob && file.size > 0 ? file : undefined };
  try {
    const verdict = await verifySubmittedCredential(input);
    return { kind: "verdict", status: verdict.status, problems: verdict.problems, details: verdict.summary ?? null };
  } catch (error) {
    if (error instanceof ValidationError)
      return { kind: "invalid", message: Object.values(error.fieldErrors).flat().join(" ") || error.message };
    throw error;
  }
}
