"use server";

import { requireUser } from "@/lib/auth";
import type { Locale } from "@/lib/courses/content-schema";
import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { ltiDeepLinkMessagesFor } from "@/lib/i18n/lti-deep-link-messages";
import { answerDeepLinking, isDeepLinkProblem } from "@/lib/lti/deep-linking/answer-deep-linking";
import { DeepLinkRefusedError } from "@/lib/lti/deep-linking/deep-link-refusal";
import { refusalOf } from "@/app/_lib/action-result";

export type DeepLinkAnswerResult =
  { isOk: true; jwt: string; platformName: string } | { isOk: false; message: string; fieldErrors: FieldErrors };

function problemWords(error: ValidationError, locale: Locale): FieldErrors {
  const problems = ltiDeepLinkMessagesFor(locale).picker.problems;
  return Object.fromEntries(
    Object.entries(error.fieldErrors).map(([field, codes]) => [
      field,
      codes.map((code) => (isDeepLinkProblem(code) ? problems[code] : problems.pickOne)),
    ]),
  );
}

/** Signs the picker's answer (or a cancel) and spends the request; the form then hands the answer to the return step. */
export async function answerDeepLinkAction(requestId: string, input: unknown): Promise<DeepLinkAnswerResult> {
  const locale = await getLocale();
  try {
    const user = await requireUser();
    const answer = await answerDeepLinking({ userId: user.id, requestId, input, locale });
    return { isOk: true, jwt: answer.jwt, platformName: answer.platformName };
  } catch (error) {
    const t = ltiDeepLinkMessagesFor(locale);
    if (error instanceof ValidationError) {
      const fieldErrors = problemWords(error, locale);
      return { isOk: false, message: Object.values(fieldErrors).flat()[0] ?? t.picker.problems.pickOne, fieldErrors };
    }
    if (error instanceof DeepLinkRefusedError) {
      const refusal = t.refusals[error.reason];
      return { isOk: false, message: `${refusal.title}. ${refusal.body}`, fieldErrors: {} };
    }
    if (error instanceof AppError) return { isOk: false, message: (await refusalOf(error)).message, fieldErrors: {} };
    throw error;
  }
}
