import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getEnrolmentTimeline } from "@/lib/analytics/get-enrolment-timeline";
import { getExamScoreDistribution } from "@/lib/analytics/get-exam-score-distribution";
import { getLabStatistics } from "@/lib/analytics/get-lab-statistics";
import { getQuizItemStatistics } from "@/lib/analytics/get-quiz-item-statistics";
import { analyticsMessagesFor } from "@/lib/i18n/analytics-messages";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { orPageError } from "../../../_lib/page-errors";
import { taughtTitles } from "../../../_lib/taught-titles";
import { EnrolmentSection } from "./_components/enrolment-section";
import { ExamSection } from "./_components/exam-section";
import { LabsSection } from "./_components/labs-section";
import { QuizItemsSection } from "./_components/quiz-items-section";

export async function generateMetadata({ params }: { params: Promise<{ courseSlug: string }> }): Promise<Metadata> {
  const locale = await getLocale();
  const t = analyticsMessagesFor(locale);
  const titles = await taughtTitles(locale, (await params).courseSlug);
  return { title: titles ? t.title(titles.course) : t.crumb };
}

export default async function AnalyticsPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/analytics`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = analyticsMessagesFor(locale);
  const common = staffMessagesFor(locale).common;
  const options = { viewer, courseSlug, locale };
  const [timeline, labs, quizzes, exams] = await Promise.all([
    orPageError(getEnrolmentTimeline(options)),
    orPageError(getLabStatistics(options)),
    orPageError(getQuizItemStatistics(options)),
    orPageError(getExamScoreDistribution(options)),
  ]);
  const { course } = timeline;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(course.title)}</h1>
      <p>{t.intro}</p>
      <EnrolmentSection timeline={timeline} t={t} />
      <LabsSection stats={labs} t={t} locale={locale} />
      <QuizItemsSection stats={quizzes} t={t} />
      <ExamSection distribution={exams} t={t} />
    </>
  );
}
