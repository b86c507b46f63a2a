import { DataTable } from "@/app/_components/data-table";
import { Markdown } from "@/app/_components/markdown";
import type { QuizItemStatistics } from "@/lib/analytics/get-quiz-item-statistics";
import type { AnalyticsMessages } from "@/lib/i18n/analytics-messages";
import { CsvLink } from "./csv-link";

const twoPlaces = (value: number | null) => (value === null ? "—" : value.toFixed(2));

export function QuizItemsSection({ stats, t }: { stats: QuizItemStatistics; t: AnalyticsMessages }) {
  const words = t.quizzes;
  const slug = stats.course.slug;
  return (
    <section aria-labelledby="analytics-quizzes">
      <h2 id="analytics-quizzes">{words.heading}</h2>
      <p className="muted">{words.intro}</p>
      {stats.quizzes.length === 0 && <p className="empty">{words.empty}</p>}
      {stats.quizzes.length > 0 && (
        <p className="analytics-csv">
          <CsvLink courseSlug={slug} dataset="quiz-items" t={t} />{" "}
          <CsvLink courseSlug={slug} dataset="quiz-choices" t={t} />
        </p>
      )}
      {stats.quizzes.map((quiz) => {
        const headingId = `analytics-quiz-${quiz.slug}`;
        const flagged = quiz.items.filter((item) => item.flags.length > 0).length;
        return (
          <section key={quiz.slug} aria-labelledby={headingId}>
            <h3 id={headingId}>{words.quizHeading(quiz.title, quiz.kind, quiz.learners)}</h3>
            {quiz.learners === 0 ? (
              <p className="empty">{words.noAttempts}</p>
            ) : (
              <>
                {flagged > 0 && <p className="analytics-flag">{words.flagged(flagged)}</p>}
                {/* A course has a dozen quizzes: each table opens on demand, at once when an item needs a look. */}
                <details open={flagged > 0}>
                  <summary>{words.showItems(quiz.items.length)}</summary>
                  <DataTable
                    caption={words.quizHeading(quiz.title, quiz.kind, quiz.learners)}
                    rows={quiz.items}
                    rowKey={(item) => item.key}
                    testId="analytics-quiz-items"
                    columns={[
                      {
                        key: "item",
                        header: words.item,
                        isRowHeader: true,
                        style: { fontWeight: "normal", minWidth: "14rem" },
                        // The course's own wording, quoted as written: an item is analysed for exactly these
                        // words, so a browser's translation must leave them alone.
                        cell: (item) => (
                          <span translate="no">
                            <Markdown source={item.prompt} isInline />
                          </span>
                        ),
                      },
                      { key: "responses", header: words.responses, cell: (item) => item.responses },
                      { key: "blanks", header: words.blanks, cell: (item) => item.blanks },
                      { key: "difficulty", header: words.difficulty, cell: (item) => twoPlaces(item.difficulty) },
                      {
                        key: "discrimination",
                        header: words.discrimination,
                        cell: (item) => twoPlaces(item.discrimination),
                      },
                      {
                        key: "choices",
                        header: words.choices,
                        style: { minWidth: "12rem" },
                        cell: (item) =>
                          item.choices.length === 0 ? (
                            <span className="muted">{words.numeric}</span>
                          ) : (
                            <ul className="analytics-choices">
                              {item.choices.map((choice) => (
                                <li key={choice.choiceId}>
                                  <span translate="no">
                                    <Markdown source={choice.text} isInline />
                                  </span>
                                  : {choice.count}
                                  {choice.isKey && <strong> {words.key}</strong>}
                                </li>
                              ))}
                            </ul>
                          ),
                      },
                      {
                        key: "flags",
                        header: words.flags,
                        style: { minWidth: "12rem" },
                        cell: (item) =>
                          item.flags.length === 0 ? (
                            words.ok
                          ) : (
                            <ul className="analytics-flag">
                              {item.flags.map((flag) => (
                                <li key={flag}>{words.flagReasons[flag]}</li>
                              ))}
                            </ul>
                          ),
                      },
                    ]}
                  />
                </details>
              </>
            )}
          </section>
        );
      })}
    </section>
  );
}
