// One analytics table as CSV, through the gradebook's writer (quoting and formula defusing,
// lib/instructor/gradebook.ts). Headers are stable English names for scripts; the words a person
// reads (flag reasons, time buckets) follow the download's locale. Authorisation is the services'.
import type { Locale } from "../courses/content-schema";
import { NotFoundError } from "../errors";
import { analyticsMessagesFor } from "../i18n/analytics-messages";
import { csvTable } from "../instructor/gradebook";
import type { Viewer } from "../instructor/course-access";
import { AnalyticsDatasetSchema } from "./datasets";
import { getEnrolmentTimeline } from "./get-enrolment-timeline";
import { getExamScoreDistribution } from "./get-exam-score-distribution";
import { getLabStatistics } from "./get-lab-statistics";
import { getQuizItemStatistics } from "./get-quiz-item-statistics";

type Field = string | number | null;

const round = (value: number | null, digits = 4) => (value === null ? null : Number(value.toFixed(digits)));

/** The CSV of analytics table `dataset` of a course `viewer` teaches, with the file name to save it under. */
export async function exportAnalyticsCsv({
  viewer,
  courseSlug,
  dataset,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  dataset: string;
  locale?: Locale;
}): Promise<{ filename: string; csv: string }> {
  const parsed = AnalyticsDatasetSchema.safeParse(dataset);
  if (!parsed.success) throw new NotFoundError("There is no such analytics table.");
  const t = analyticsMessagesFor(locale);
  const options = { viewer, courseSlug, locale };
  let rows: Field[][];
  let slug: string;
  switch (parsed.data) {
    case "enrolment": {
      const timeline = await getEnrolmentTimeline(options);
      slug = timeline.course.slug;
      rows = [
        ["period_start", "granularity", "enrolled", "enrolled_total", "certificates", "certificates_total"],
        ...timeline.points.map((point) => [
          point.period,
          timeline.granularity,
          point.enrolled,
          point.enrolledTotal,
          point.completed,
          point.completedTotal,
        ]),
      ];
      break;
    }
    case "labs":
    case "lab-attempts":
    case "lab-time-to-pass":
    case "lab-failures":
    case "lab-messages": {
      const stats = await getLabStatistics(options);
      slug = stats.course.slug;
      const kind = parsed.data;
      rows =
        kind === "labs"
          ? [
              [
                "lab",
                "title",
                "graded",
                "learners_tried",
                "learners_passed",
                "pass_rate",
                "graded_attempts",
                "median_attempts_to_pass",
                "median_hours_first_attempt_to_pass",
                "median_hours_enrolment_to_pass",
              ],
              ...stats.labs.map((lab) => [
                lab.slug,
                lab.title,
                lab.isGraded ? "yes" : "no",
                lab.learnersTried,
                lab.learnersPassed,
                round(lab.passRate),
                lab.attempts,
                lab.medianAttemptsToPass,
                round(lab.medianHoursToPass, 2),
                round(lab.medianHoursFromEnrolment, 2),
              ]),
            ]
          : kind === "lab-attempts"
            ? [
                ["lab", "attempts", "learners_with_this_many_in_all", "learners_first_passing_on_this_attempt"],
                ...stats.labs.flatMap((lab) => {
                  const counts = [...lab.attemptsPerLearner, ...lab.attemptsToPass].map((count) => count.value);
                  return [...new Set(counts)]
                    .sort((a, b) => a - b)
                    .map((attempts) => [
                      lab.slug,
                      attempts,
                      lab.attemptsPerLearner.find((count) => count.value === attempts)?.learners ?? 0,
                      lab.attemptsToPass.find((count) => count.value === attempts)?.learners ?? 0,
                    ]);
                }),
              ]
            : kind === "lab-time-to-pass"
              ? [
                  ["lab", "bucket", "label", "learners"],
                  ...stats.labs.flatMap((lab) =>
                    lab.timeToPass.map((bucket) => [
                      lab.slug,
                      bucket.value,
                      t.labs.buckets[bucket.value],
                      bucket.learners,
                    ]),
                  ),
                ]
              : kind === "lab-failures"
                ? [
                    ["lab", "failure_kind", "failure_code", "submissions"],
                    ...stats.labs.flatMap((lab) =>
                      lab.failures.map((failure) => [lab.slug, failure.kind, failure.code, failure.count]),
                    ),
                  ]
                : [
                    ["lab", "message", "truncated", "submissions"],
                    ...stats.labs.flatMap((lab) =>
                      lab.messages.map((message) => [
                        lab.slug,
                        message.message,
                        message.isTruncated ? "yes" : "no",
                        message.count,
                      ]),
                    ),
                  ];
      break;
    }
    case "quiz-items":
    case "quiz-choices": {
      const stats = await getQuizItemStatistics(options);
      slug = stats.course.slug;
      rows =
        parsed.data === "quiz-items"
          ? [
              [
                "quiz",
                "kind",
                "question",
                "prompt",
                "responses",
                "blank",
                "difficulty",
                "discrimination_point_biserial",
                "flags",
                "reasons",
              ],
              ...stats.quizzes.flatMap((quiz) =>
                quiz.items.map((item) => [
                  quiz.slug,
                  quiz.kind.toLowerCase(),
                  item.key,
                  item.prompt,
                  item.responses,
                  item.blanks,
                  round(item.difficulty),
                  round(item.discrimination),
                  item.flags.join(" "),
                  item.flags.map((flag) => t.quizzes.flagReasons[flag]).join(" "),
                ]),
              ),
            ]
          : [
              ["quiz", "question", "choice", "text", "right_answer", "picked"],
              ...stats.quizzes.flatMap((quiz) =>
                quiz.items.flatMap((item) =>
                  item.choices.map((choice) => [
                    quiz.slug,
                    item.key,
                    choice.choiceId,
                    choice.text,
                    choice.isKey ? "yes" : "no",
                    choice.count,
                  ]),
                ),
              ),
            ];
      break;
    }
    case "exam-scores": {
      const stats = await getExamScoreDistribution(options);
      slug = stats.course.slug;
      rows = [
        ["exam", "score_from_percent", "score_to_percent", "learners"],
        ...stats.exams.flatMap((exam) => exam.bins.map((bin) => [exam.slug, bin.from, bin.to, bin.count])),
      ];
      break;
    }
  }
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `analytics-${parsed.data}-${slug}-${day}.csv`, csv: csvTable(rows) };
}
