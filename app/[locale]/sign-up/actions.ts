"use server";

import { headers } from "next/headers";
import { clientAddressFromHeaders } from "@/lib/api/client-address";
import { hitRateLimit, SIGN_UPS_PER_ADDRESS } from "@/lib/api/rate-limit";
import { RateLimitedError, ValidationError, type FieldErrors } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

export type SignUpResult = { isOk: true } | { isOk: false; message: string; fieldErrors: FieldErrors };

export async function signUpAction(input: { name: unknown; email: unknown; password: unknown }): Promise<SignUpResult> {
  try {
    await hitRateLimit(SIGN_UPS_PER_ADDRESS, clientAddressFromHeaders(await headers()));
    await createUser({ input });
    return { isOk: true };
  } catch (error) {
    if (error instanceof ValidationError)
      return { isOk: false, message: error.message, fieldErrors: error.fieldErrors };
    if (error instanceof RateLimitedError) return { isOk: false, message: error.message, fieldErrors: {} };
    throw error;
  }
}
