import type { Locale } from "@/lib/courses/content-schema";
import { formatPercent, formatUtc, messagesFor } from "@/lib/i18n/messages";
import { DataTable } from "@/app/_components/data-table";
import { Link } from "@/lib/i18n/navigation";

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
  return (
    <DataTable
      caption={t.attempts}
      rows={attempts}
      rowKey={(attempt) => attempt.id}
      testId="attempts"
      empty={t.noAttempts}
      columns={[
        {
          key: "started",
          header: t.started,
          cell: (attempt) => <time dateTime={attempt.startedAt.toISOString()}>{formatUtc(attempt.startedAt)} UTC</time>,
        },
        {
          key: "result",
          header: t.result,
          cell: (attempt) =>
            attempt.percent === null ? (
              <span className="badge queued">{t.inProgress}</span>
            ) : (
              <>
                {formatPercent(attempt.percent)}{" "}
                <span className={`badge ${attempt.isPassed ? "passed" : "failed"}`}>
                  {attempt.isPassed ? t.passed : t.failed}
                </span>
              </>
            ),
        },
        {
          key: "open",
          header: <span className="visually-hidden">{t.open}</span>,
          cell: (attempt) => <Link href={`${attemptsHref}/${attempt.id}`}>{t.open}</Link>,
        },
      ]}
    />
  );
}
