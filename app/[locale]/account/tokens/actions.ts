"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { isTokenProblem } from "@/lib/api-tokens/token-input";
import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { refusalOf } from "@/app/_lib/action-result";

export type CreateTokenResult =
  { isOk: true; token: string; name: string } | { isOk: false; message: string; fieldErrors: FieldErrors };

export async function createTokenAction(input: { name: unknown; expiresInDays: unknown }): Promise<CreateTokenResult> {
  try {
    const user = await requireUser();
    const created = await createApiToken({ user, input });
    revalidateLocalizedPath("/account/tokens");
    return { isOk: true, token: created.token, name: created.name };
  } catch (error) {
    if (error instanceof ValidationError) {
      const words = accountMessagesFor(await getLocale()).tokens;
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, problems]) => [
          field,
          problems.map((problem) => (isTokenProblem(problem) ? words.problems[problem] : words.notCreated)),
        ]),
      );
      return { isOk: false, message: words.notCreated, fieldErrors };
    }
    if (error instanceof AppError) return { isOk: false, message: (await refusalOf(error)).message, fieldErrors: {} };
    throw error;
  }
}

export type RevokeTokenResult = { isOk: true } | { isOk: false; message: string };

export async function revokeTokenAction(tokenId: string): Promise<RevokeTokenResult> {
  try {
    const user = await requireUser();
    await revokeApiToken({ user, tokenId });
    revalidateLocalizedPath("/account/tokens");
    return { isOk: true };
  } catch (error) {
    if (error instanceof AppError) return { isOk: false, message: (await refusalOf(error)).message };
    throw error;
  }
}
