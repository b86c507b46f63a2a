"use server";

import { headers } from "next/headers";
import { clientAddressFromHeaders } from "@/lib/api/client-address";
import { hitRateLimit, SIGN_UPS_PER_ADDRESS } from "@/lib/api/rate-limit";
import { RateLimitedError, ValidationError, type FieldErrors } from "@/lib/errors";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { createUser } from "@/lib/users/create-user";
import { isSignUpProblem, MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";

export type SignUpResult = { isOk: true } | { isOk: false; message: string; fieldErrors: FieldErrors };

/** The refusal's problem keys as sentences in the reader's language; anything else as "check this field". */
function wordedFieldErrors(fieldErrors: FieldErrors, words: ReturnType<typeof accountMessagesFor>["signUp"]) {
  const worded: FieldErrors = {};
  for (const [field, problems] of Object.entries(fieldErrors)) {
    worded[field] = problems.map((problem) => {
      if (!isSignUpProblem(problem)) return words.fixFields;
      const text = words.problems[problem];
      return typeof text === "function" ? text(MIN_PASSWORD_LENGTH) : text;
    });
  }
  return worded;
}

export async function signUpAction(input: { name: unknown; email: unknown; password: unknown }): Promise<SignUpResult> {
  const words = accountMessagesFor(await getLocale()).signUp;
  try {
    await hitRateLimit(SIGN_UPS_PER_ADDRESS, clientAddressFromHeaders(await headers()));
    await createUser({ input });
    return { isOk: true };
  } catch (error) {
    if (error instanceof ValidationError)
      return { isOk: false, message: words.fixFields, fieldErrors: wordedFieldErrors(error.fieldErrors, words) };
    if (error instanceof RateLimitedError)
      return { isOk: false, message: words.rateLimited(error.retryAfterSeconds), fieldErrors: {} };
    throw error;
  }
}
