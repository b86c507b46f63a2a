// A lesson page's per-reader part: progress and quiz attempts, for the signed-in reader only.
import { jsonResponse, otherMethods, withApiErrors } from "@/lib/api/responses";
import { requireUser } from "@/lib/auth";
import { LocaleSchema } from "@/lib/courses/content-schema";
import { getLessonReaderState } from "@/lib/courses/get-course-page";
import { LessonReaderStateSchema } from "@/lib/courses/lesson-reader-state";
import { getLocale } from "@/lib/i18n/locale";
import type { StartBlock } from "@/lib/quizzes/list-attempts";

export const dynamic = "force-dynamic";

function startBlockJson(block: StartBlock | null) {
  return block?.kind === "cooling_down" ? { kind: block.kind, opensAt: block.opensAt.toISOString() } : block;
}

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ courseSlug: string; lessonSlug: string }> }) => {
    const { courseSlug, lessonSlug } = await params;
    const user = await requireUser();
    // The page says which language it is in; asking Next again would read the account a second time.
    const asked = LocaleSchema.safeParse(new URL(request.url).searchParams.get("locale"));
    const state = await getLessonReaderState(
      user,
      courseSlug,
      lessonSlug,
      asked.success ? asked.data : await getLocale(),
    );
    const quiz = state.quiz && {
      slug: state.quiz.quiz.slug,
      title: state.quiz.quiz.title,
      questionCount: state.quiz.quiz.questionCount,
      passPercent: state.quiz.quiz.passPercent,
      maxAttempts: state.quiz.attemptsLeft === null ? null : state.quiz.quiz.maxAttempts,
      cooldownMinutes: state.quiz.quiz.cooldownMinutes,
      startBlock: startBlockJson(state.quiz.startBlock),
      bestPercent: state.quiz.bestPercent,
      openAttemptId: state.quiz.openAttemptId,
      attempts: state.quiz.attempts.map((attempt) => ({
        id: attempt.id,
        startedAt: attempt.startedAt.toISOString(),
        percent: attempt.percent,
        isPassed: attempt.isPassed,
      })),
    };
    return jsonResponse(LessonReaderStateSchema, {
      isCompleted: state.isCompleted,
      mustEnrolForQuiz: state.mustEnrolForQuiz,
      quiz,
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
