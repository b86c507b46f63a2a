import Link from "next/link";
import type { Locale } from "@/lib/courses/content-schema";
import { formatPercent, formatUtc, messagesFor } from "@/lib/i18n/messages";

interface AttemptsTableProps {
  attempts: { id: string; startedAt: Date; percent: number | null; isPassed: boolean }[];
  locale: Locale;
  /** Where the attempts' own pages are: an attempt's is this followed by its id. */
  attemptsHref: string;
}

/**
 * The viewer's own attempts at one quiz, newest first (server-rendered on the exam page, in the lesson's reader panel
 * on the client).
 */
export function AttemptsTable({ attempts, locale, attemptsHref }: AttemptsTableProps) {
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
                <Link href={`${attemptsHref}/${attempt.id}`}>{t.open}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
