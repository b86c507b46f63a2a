import Link from "next/link";
import type { Locale } from "@/lib/courses/content-schema";
import { formatPercent, formatUtc, messagesFor } from "@/lib/i18n/messages";
import type { QuizOverview } from "@/lib/quizzes/list-attempts";

interface AttemptsTableProps {
  attempts: QuizOverview["attempts"];
  locale: Locale;
  /** The page of one attempt, from its id. */
  hrefFor: (attemptId: string) => string;
}

/** The viewer's own attempts at one quiz, newest first. */
export function AttemptsTable({ attempts, locale, hrefFor }: AttemptsTableProps) {
  const t = messagesFor(locale).quiz;
  if (attempts.length === 0) return <p className="empty">{t.noAttempts}</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="attempts">
        <thead>
          <tr>
            <th scope="col">{t.started}</th>
            <th scope="col">{t.result}</th>
            <th scope="col">
              <span className="visually-hidden">{t.open}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.id}>
              <td>
                <time dateTime={attempt.startedAt.toISOString()}>{formatUtc(attempt.startedAt)} UTC</time>
              </td>
              <td>
                {attempt.percent === null ? (
                  <span className="badge queued">{t.inProgress}</span>
                ) : (
                  <>
                    {formatPercent(attempt.percent)} <span className={`badge ${attempt.isPassed ? "passed" : "failed"}`}>{attempt.isPassed ? t.passed : t.failed}</span>
                  </>
                )}
              </td>
              <td>
                <Link href={hrefFor(attempt.id)}>{t.open}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
