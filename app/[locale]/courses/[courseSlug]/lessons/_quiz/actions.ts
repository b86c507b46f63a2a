"use server";

import { requireUser } from "@/lib/auth";
import { AppError, type FieldErrors } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { redirectInLocale } from "@/lib/i18n/redirect-in-locale";
import { saveDraft } from "@/lib/quizzes/save-draft";
import { startAttempt } from "@/lib/quizzes/start-attempt";
import { submitAttempt } from "@/lib/quizzes/submit-attempt";
import { refusalOf } from "@/app/_lib/action-result";

export type StartQuizState = { message: string | null };

/** The start button's form action: opens (or resumes) an attempt and goes to its page. */
export async function startQuizAction(_previous: StartQuizState, form: FormData): Promise<StartQuizState> {
  // A server action is a public endpoint: its arguments need not be what the page sends.
  if (!(form instanceof FormData)) return { message: "That quiz could not be started." };
  let path: string;
  try {
    const user = await requireUser();
    const courseSlug = form.get("courseSlug");
    const started = await startAttempt(user, {
      courseSlug,
      quizSlug: form.get("quizSlug"),
      locale: await getLocale(),
    });
    // startAttempt accepted it, so it is a slug, not a file.
    const course = encodeURIComponent(courseSlug as string);
    path = started.lessonSlug
      ? `/courses/${course}/lessons/${encodeURIComponent(started.lessonSlug)}/quiz/${started.attemptId}`
      : `/courses/${course}/exam/${started.attemptId}`;
  } catch (error) {
    if (error instanceof AppError) return { message: (await refusalOf(error)).message };
    throw error;
  }
  return redirectInLocale(path);
}

export type SubmitAnswersResult = { isOk: true } | { isOk: false; message: string; fieldErrors: FieldErrors };

export async function submitAnswersAction(
  attemptId: string,
  answers: unknown,
  isTimeUp: boolean,
): Promise<SubmitAnswersResult> {
  try {
    const user = await requireUser();
    await submitAttempt(user, { attemptId, answers, isTimeUp, locale: await getLocale() });
    return { isOk: true };
  } catch (error) {
    if (error instanceof AppError) return { isOk: false, ...(await refusalOf(error)) };
    throw error;
  }
}

/** Keeps the answers of an open attempt as they stand; the form calls it a moment after each change. */
export async function saveDraftAction(
  attemptId: string,
  answers: unknown,
): Promise<{ isOk: true } | { isOk: false; message: string }> {
  try {
    const user = await requireUser();
    await saveDraft(user, { attemptId, answers });
    return { isOk: true };
  } catch (error) {
    if (error instanceof AppError) return { isOk: false, message: (await refusalOf(error)).message };
    throw error;
  }
}
