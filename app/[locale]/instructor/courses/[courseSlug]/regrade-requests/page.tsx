import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_lib/page-guards";
import type { Locale } from "@/lib/courses/content-schema";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import type { Viewer } from "@/lib/instructor/course-access";
import { listRegradeRequests } from "@/lib/review/list-regrade-requests";
import { formatDateTime, orPageError } from "../../../_lib/page-errors";
import { taughtTitles } from "../../../_lib/taught-titles";
import { AnswerForm } from "./answer-form";

export async function generateMetadata({ params }: { params: Promise<{ courseSlug: string }> }): Promise<Metadata> {
  const { courseSlug } = await params;
  const locale = await getLocale();
  const t = reviewMessagesFor(locale).requests;
  return { title: t.title((await taughtTitles(locale, courseSlug))?.course ?? t.heading) };
}

/** The lists, streamed after the page's frame: the course was checked by the layout, so a loading state is safe here. */
async function RequestLists({ viewer, courseSlug, locale }: { viewer: Viewer; courseSlug: string; locale: Locale }) {
  const t = reviewMessagesFor(locale).requests;
  const { course, open, answered } = await orPageError(listRegradeRequests({ viewer, courseSlug, locale }));
  const gradeHref = (request: (typeof open)[number]) =>
    `/instructor/courses/${course.slug}/labs/${request.lab.slug}/grade/${request.submissionId}`;
  return (
    <>
      <h2>{t.open}</h2>
      {open.length === 0 ? (
        <p className="empty">{t.noOpen}</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0, display: "grid", gap: "1rem" }} aria-label={t.open}>
          {open.map((request) => (
            <li key={request.id} className="card" data-testid="regrade-request">
              <p style={{ margin: 0 }}>
                <strong>{request.learner.name}</strong> · {request.lab.title} · {t.about}:{" "}
                {request.criterionTitle || t.wholeAttempt} · {formatDateTime(request.createdAt)}
              </p>
              <p>
                {t.reason}: {request.reason}
              </p>
              <p>
                <Link href={gradeHref(request)}>{t.openGrading}</Link>
              </p>
              <AnswerForm
                courseSlug={course.slug}
                requestId={request.id}
                isCriterion={request.criterionKey !== ""}
                locale={locale}
              />
            </li>
          ))}
        </ul>
      )}
      <h2>{t.answered}</h2>
      {answered.length === 0 ? (
        <p className="empty">{t.noAnswered}</p>
      ) : (
        <ul aria-label={t.answered}>
          {answered.map((request) => (
            <li key={request.id}>
              {request.learner.name} · {request.lab.title} · {request.criterionTitle || t.wholeAttempt} ·{" "}
              {t.statuses[request.status]}
              {request.answer ? ` · ${request.answer}` : ""} · <Link href={gradeHref(request)}>{t.openGrading}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export default async function RegradeRequestsPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/regrade-requests`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = reviewMessagesFor(locale).requests;
  const staff = staffMessagesFor(locale);
  const titles = await taughtTitles(locale, courseSlug);
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{staff.common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${courseSlug}`}>{titles?.course ?? courseSlug}</Link> / {t.crumb}
      </p>
      <h1>{t.heading}</h1>
      <Suspense fallback={<p role="status">{t.loading}</p>}>
        <RequestLists viewer={viewer} courseSlug={courseSlug} locale={locale} />
      </Suspense>
    </>
  );
}
