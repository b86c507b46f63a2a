// Per lab of one course: how many learners tried and passed, how many graded attempts they made
// (in all, and until their first pass), how long the first pass took, and what the failures were.
// Only graded submissions of the course's learners count: practice runs are another table and are
// never read here. Attempts follow the rule that charges learners (lib/submissions/attempt-policy.ts):
// the platform's failures and those the host found before any code ran are not attempts. Failure
// kinds and messages, on the other hand, count every failed submission, charged or not, since an
// unparsable file is just as telling. Postgres does the counting (a course may hold 100k submissions).
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "../instructor/course-access";
import { HOST_FOUND_FAILURE_CODES } from "../submissions/attempt-policy";
import { quantile, TIME_TO_PASS_BUCKETS, timeToPassBucket, type TimeToPassBucket } from "./statistics";

/** Messages are grouped on their first line, digits as `#`, cut to this many characters. */
export const MESSAGE_LENGTH = 120;
/** The most common messages listed per lab. */
export const TOP_MESSAGES = 5;

interface LearnerLabRow {
  assignmentId: string;
  attempts: number;
  attemptsToPass: number | null;
  secondsToPass: number | null;
  secondsFromEnrolment: number | null;
}

export interface CountOf<Key> {
  value: Key;
  learners: number;
}

function countBy<Key>(values: readonly Key[], order: (a: Key, b: Key) => number): CountOf<Key>[] {
  const counts = new Map<Key, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, learners]) => ({ value, learners }))
    .sort((a, b) => order(a.value, b.value));
}

const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);

/** Pass rates, attempt distributions, time to first pass and failures of each lab of a course `viewer` teaches. */
export async function getLabStatistics({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const hostFound = [...HOST_FOUND_FAILURE_CODES];
  const [labs, learnerRows, failureRows, messageRows] = await Promise.all([
    db.assignment.findMany({
      where: { courseId: course.id },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: { id: true, slug: true, title: true, isGraded: true },
    }),
    // One row per learner and lab: charged attempts, the number of the attempt that first passed,
    // and the time from the first attempt (and from enrolment) to that pass.
    db.$queryRaw<LearnerLabRow[]>`
      WITH charged AS (
        SELECT s."userId", s."assignmentId", s."createdAt", s.status::text AS status, e."createdAt" AS "enrolledAt",
          row_number() OVER (PARTITION BY s."userId", s."assignmentId" ORDER BY s."createdAt", s.id) AS n
        FROM "Submission" s
        JOIN "Assignment" a ON a.id = s."assignmentId"
        JOIN "Enrolment" e ON e."userId" = s."userId" AND e."courseId" = a."courseId" AND e.role = 'LEARNER'
        WHERE a."courseId" = ${course.id}
          AND s.status IN ('PASSED', 'FAILED', 'ERROR')
          AND (s."failureKind" IS NULL
            OR (s."failureKind" = 'LEARNER' AND (s."failureCode" IS NULL OR NOT (s."failureCode" = ANY(${hostFound})))))
      )
      SELECT "assignmentId",
        count(*)::int AS attempts,
        (min(n) FILTER (WHERE status = 'PASSED'))::int AS "attemptsToPass",
        extract(epoch FROM min("createdAt") FILTER (WHERE status = 'PASSED') - min("createdAt"))::float8 AS "secondsToPass",
        extract(epoch FROM min("createdAt") FILTER (WHERE status = 'PASSED') - min("enrolledAt"))::float8 AS "secondsFromEnrolment"
      FROM charged
      GROUP BY "userId", "assignmentId"`,
    db.$queryRaw<{ assignmentId: string; kind: string | null; code: string | null; count: number }[]>`
      SELECT s."assignmentId", s."failureKind"::text AS kind, s."failureCode" AS code, count(*)::int AS count
      FROM "Submission" s
      JOIN "Assignment" a ON a.id = s."assignmentId"
      JOIN "Enrolment" e ON e."userId" = s."userId" AND e."courseId" = a."courseId" AND e.role = 'LEARNER'
      WHERE a."courseId" = ${course.id} AND s.status IN ('FAILED', 'ERROR')
      GROUP BY 1, 2, 3
      ORDER BY 4 DESC, 2, 3`,
    db.$queryRaw<{ assignmentId: string; message: string; isTruncated: boolean; count: number }[]>`
      SELECT "assignmentId", left(message, ${MESSAGE_LENGTH}) AS message,
        length(message) > ${MESSAGE_LENGTH} AS "isTruncated", count
      FROM (
        SELECT "assignmentId", message, count,
          row_number() OVER (PARTITION BY "assignmentId" ORDER BY count DESC, message) AS rank
        FROM (
          SELECT s."assignmentId",
            left(btrim(regexp_replace(regexp_replace(split_part(btrim(s.message), chr(10), 1), '[0-9]+', '#', 'g'),
              '[[:space:]]+', ' ', 'g')), ${MESSAGE_LENGTH + 1}) AS message,
            count(*)::int AS count
          FROM "Submission" s
          JOIN "Assignment" a ON a.id = s."assignmentId"
          JOIN "Enrolment" e ON e."userId" = s."userId" AND e."courseId" = a."courseId" AND e.role = 'LEARNER'
          WHERE a."courseId" = ${course.id} AND s.status IN ('FAILED', 'ERROR')
            AND s.message IS NOT NULL AND btrim(s.message) <> ''
          GROUP BY 1, 2
        ) grouped
      ) ranked
      WHERE rank <= ${TOP_MESSAGES}
      ORDER BY "assignmentId", rank`,
  ]);

  return {
    course,
    labs: labs.map((lab) => {
      const rows = learnerRows.filter((row) => row.assignmentId === lab.id);
      const passed = rows.filter((row) => row.attemptsToPass !== null);
      const toPassHours = passed.flatMap((row) => hours(row.secondsToPass) ?? []);
      const fromEnrolmentHours = passed.flatMap((row) => hours(row.secondsFromEnrolment) ?? []);
      const buckets = new Map<TimeToPassBucket, number>(TIME_TO_PASS_BUCKETS.map((bucket) => [bucket, 0]));
      for (const row of passed) {
        const bucket = timeToPassBucket(row.attemptsToPass ?? 1, hours(row.secondsToPass) ?? 0);
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
      }
      return {
        slug: lab.slug,
        title: localize(lab.title, locale),
        isGraded: lab.isGraded,
        learnersTried: rows.length,
        learnersPassed: passed.length,
        /** Learners who passed among those who made at least one graded attempt; null when nobody has. */
        passRate: rows.length === 0 ? null : passed.length / rows.length,
        attempts: rows.reduce((sum, row) => sum + Number(row.attempts), 0),
        /** How many learners made 1, 2, 3, ... graded attempts in all. */
        attemptsPerLearner: countBy(
          rows.map((row) => Number(row.attempts)),
          (a, b) => a - b,
        ),
        /** How many learners first passed on their 1st, 2nd, 3rd, ... attempt. */
        attemptsToPass: countBy(
          passed.map((row) => Number(row.attemptsToPass)),
          (a, b) => a - b,
        ),
        medianAttemptsToPass: quantile(
          passed.map((row) => Number(row.attemptsToPass)),
          0.5,
        ),
        /** From the learner's first graded attempt at the lab to the submission that first passed it. */
        medianHoursToPass: quantile(toPassHours, 0.5),
        /** From the learner's enrolment in the course to the submission that first passed the lab. */
        medianHoursFromEnrolment: quantile(fromEnrolmentHours, 0.5),
        timeToPass: TIME_TO_PASS_BUCKETS.map((bucket) => ({ value: bucket, learners: buckets.get(bucket) ?? 0 })),
        failures: failureRows
          .filter((row) => row.assignmentId === lab.id)
          .map((row) => ({ kind: row.kind, code: row.code, count: Number(row.count) })),
        messages: messageRows
          .filter((row) => row.assignmentId === lab.id)
          .map((row) => ({ message: row.message, isTruncated: row.isTruncated, count: Number(row.count) })),
      };
    }),
  };
}
export type LabStatistics = Awaited<ReturnType<typeof getLabStatistics>>;
export type LabStatisticsRow = LabStatistics["labs"][number];
