"use server";

import { ValidationError, type FieldErrors } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

export type SignUpResult = { isOk: true } | { isOk: false; message: string; fieldErrors: FieldErrors };

export async function signUpAction(input: { name: unknown; email: unknown; password: unknown }): Promise<SignUpResult> {
  try {
    await createUser({ input });
    return { isOk: true };
  } catch (error) {
    if (error instanceof ValidationError) return { isOk: false, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}
