"use client";

// The reader's own part of a lesson page (whether they completed it, their quiz attempts), loaded
// after the page: the page itself is the same for every reader, so the web server can share one
// rendering of it. One request serves every island on the page.
import { useCallback, useEffect, useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { LessonReaderStateSchema, type LessonReaderStateJson } from "@/lib/courses/lesson-reader-state";
import { lessonMessagesFor } from "@/lib/i18n/lesson-messages";
import { formatPercent, messagesFor } from "@/lib/i18n/messages";
import { AttemptsTable } from "../_quiz/attempts-table";
import { StartBlockNotice } from "../_quiz/start-block-notice";
import { StartQuizButton } from "../_quiz/start-quiz-button";
import { errorMessage } from "@/lib/errors";
import { Link, usePathname } from "@/lib/i18n/navigation";
import { withReturnPath } from "@/app/_lib/sign-in-return-path";

type Loaded =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "signedOut" }
  | { kind: "loaded"; state: LessonReaderStateJson };

/** Each lesson's request, shared by the islands that show part of it; null for a visitor not signed in. */
const requests = new Map<string, Promise<LessonReaderStateJson | null>>();
/** The islands showing each lesson's state, to be told when it is asked for again. */
const islandsOf = new Map<string, Set<() => void>>();

async function fetchReaderState(url: string, unreachable: string): Promise<LessonReaderStateJson | null> {
  // fetch's own error ("Failed to fetch") tells a reader nothing.
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } }).catch(() => {
    throw new Error(unreachable);
  });
  // The page is the same for strangers and readers, so only this answer tells them apart.
  if (response.status === 401) return null;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `The server answered ${response.status}.`);
  }
  return LessonReaderStateSchema.parse(body);
}

/** The reader's state of one lesson, fetched once for all the islands that show part of it. */
function useReaderState(courseSlug: string, lessonSlug: string, locale: Locale): { loaded: Loaded; retry: () => void } {
  const url = `/api/reader/lessons/${courseSlug}/${lessonSlug}?locale=${locale}`;
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const askAgain = () => setRound((value) => value + 1);
    const islands = islandsOf.get(url) ?? new Set();
    islandsOf.set(url, islands.add(askAgain));
    return () => {
      islands.delete(askAgain);
    };
  }, [url]);
  useEffect(() => {
    let isCurrent = true;
    let request = requests.get(url);
    if (!request) {
      const asked = fetchReaderState(url, messagesFor(locale).lesson.unreachable);
      requests.set(url, asked);
      // Shared only while it is on its way: the islands of one page mount together, and any later visit
      // asks again (a reader who has just signed in must not be shown a stranger's answer).
      void asked.catch(() => undefined).finally(() => requests.get(url) === asked && requests.delete(url));
      request = asked;
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new lesson or a retry shows loading
    setLoaded({ kind: "loading" });
    request.then(
      (state) => isCurrent && setLoaded(state ? { kind: "loaded", state } : { kind: "signedOut" }),
      (error: unknown) => isCurrent && setLoaded({ kind: "failed", message: errorMessage(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [url, locale, round]);
  // Every island of the lesson asks again, so one that showed nothing on failure (the badge) catches up.
  const retry = useCallback(() => {
    requests.delete(url);
    for (const askAgain of islandsOf.get(url) ?? []) askAgain();
  }, [url]);
  return { loaded, retry };
}

interface IslandProps {
  courseSlug: string;
  lessonSlug: string;
  locale: Locale;
}

/** "Completed", under the lesson's title, once the reader has passed its quiz. */
export function CompletedBadge({ courseSlug, lessonSlug, locale }: IslandProps) {
  const { loaded } = useReaderState(courseSlug, lessonSlug, locale);
  if (loaded.kind !== "loaded" || !loaded.state.isCompleted) return null;
  return (
    <p>
      <span className="badge passed">{messagesFor(locale).course.completed}</span>
    </p>
  );
}

/** The lesson's quiz: the rules, the reader's best score and attempts, and the button to start or continue. */
export function QuizPanel({ courseSlug, lessonSlug, locale }: IslandProps) {
  const { loaded, retry } = useReaderState(courseSlug, lessonSlug, locale);
  const t = messagesFor(locale);
  const pathname = usePathname();
  const courseHref = `/courses/${courseSlug}`;
  if (loaded.kind === "signedOut") {
    const words = lessonMessagesFor(locale);
    // Back to this very lesson once signed in or signed up (the pages accept only paths on this site).
    return (
      <div className="empty">
        <p style={{ marginTop: 0 }}>{words.signInForQuiz}</p>
        <p style={{ marginBottom: 0 }}>
          <Link href={withReturnPath("/sign-in", pathname)} className="button">
            {words.signIn}
          </Link>{" "}
          <Link href={withReturnPath("/sign-up", pathname)}>{words.signUp}</Link>
        </p>
      </div>
    );
  }
  if (loaded.kind === "loading") {
    return (
      <p className="muted" role="status" aria-busy="true">
        {t.lesson.loadingYours}
      </p>
    );
  }
  if (loaded.kind === "failed") {
    return (
      <div className="card" role="alert">
        <p style={{ marginTop: 0 }}>
          {t.lesson.yoursFailed} {loaded.message}
        </p>
        <button type="button" className="button" onClick={retry}>
          {t.lesson.retry}
        </button>
      </div>
    );
  }
  const quiz = loaded.state.quiz;
  if (!quiz && !loaded.state.mustEnrolForQuiz) return <p className="muted">{t.lesson.noQuiz}</p>;
  if (!quiz) {
    return (
      <div className="empty">
        <p style={{ marginTop: 0 }}>{t.lesson.enrolForQuiz}</p>
        <Link href={courseHref}>{t.lesson.goEnrol}</Link>
      </div>
    );
  }
  return (
    <div className="card quiz-panel">
      <p>
        <strong>{quiz.title}</strong>
      </p>
      <p className="muted">
        {t.lesson.quizRules(quiz.questionCount, quiz.passPercent)}{" "}
        {t.quiz.attemptRules(quiz.maxAttempts, quiz.cooldownMinutes)}
      </p>
      {quiz.bestPercent !== null && <p>{t.course.bestQuiz(formatPercent(quiz.bestPercent))}</p>}
      {quiz.startBlock ? (
        <StartBlockNotice
          block={
            quiz.startBlock.kind === "cooling_down"
              ? { kind: "cooling_down", opensAt: new Date(quiz.startBlock.opensAt) }
              : quiz.startBlock
          }
          locale={locale}
        />
      ) : (
        <StartQuizButton
          courseSlug={courseSlug}
          quizSlug={quiz.slug}
          label={quiz.openAttemptId ? t.quiz.resume : t.quiz.start}
          pendingLabel={t.quiz.starting}
        />
      )}
      <h3 style={{ marginBottom: 0 }}>{t.quiz.attempts}</h3>
      <AttemptsTable
        attempts={quiz.attempts.map((attempt) => ({ ...attempt, startedAt: new Date(attempt.startedAt) }))}
        locale={locale}
        attemptsHref={`${courseHref}/lessons/${lessonSlug}/quiz`}
      />
    </div>
  );
}
