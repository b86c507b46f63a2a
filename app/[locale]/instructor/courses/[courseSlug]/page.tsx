import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getCourseOverview } from "@/lib/instructor/get-course-overview";
import { listCourseCertificates } from "@/lib/instructor/list-course-certificates";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { ltiInstructorMessagesFor } from "@/lib/i18n/lti-instructor-messages";
import { analyticsMessagesFor } from "@/lib/i18n/analytics-messages";
import { DataTable } from "@/app/_components/data-table";
import { orPageError } from "../../_lib/page-errors";
import { taughtTitles } from "../../_lib/taught-titles";
import { Link } from "@/lib/i18n/navigation";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";

export async function generateMetadata({ params }: { params: Promise<{ courseSlug: string }> }): Promise<Metadata> {
  const locale = await getLocale();
  const t = staffMessagesFor(locale);
  const titles = await taughtTitles(locale, (await params).courseSlug);
  return { title: t.course.title(titles?.course ?? t.course.crumb) };
}

export default async function InstructorCoursePage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const text = staffMessagesFor(locale);
  const t = text.course;
  const ltiWords = ltiInstructorMessagesFor(locale);
  const [overview, certificates] = await Promise.all([
    orPageError(getCourseOverview({ viewer, courseSlug, locale })),
    orPageError(listCourseCertificates({ viewer, courseSlug })),
  ]);
  const base = `/instructor/courses/${overview.course.slug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{text.common.workspace}</Link> / {t.crumb}
      </p>
      <h1>{overview.course.title}</h1>
      <p>
        {t.learners(overview.learnerCount)} · <Link href={`${base}/gradebook`}>{t.gradebook}</Link> ·{" "}
        <Link href={`${base}/audit`}>{t.audit}</Link> · <Link href={`${base}/lti`}>{ltiWords.nav}</Link> ·{" "}
        <Link href={`${base}/regrade-requests`}>{reviewMessagesFor(locale).requests.nav}</Link>
        {" · "}
        <Link href={`${base}/analytics`}>{analyticsMessagesFor(locale).nav}</Link>
      </p>
      <h2>{t.labs}</h2>
      <DataTable
        caption={t.labs}
        rows={overview.assignments}
        rowKey={(assignment) => assignment.slug}
        empty={t.noLabs}
        columns={[
          {
            key: "lab",
            header: t.lab,
            cell: (assignment) => (
              <>
                <Link href={`${base}/labs/${assignment.slug}`}>{assignment.title}</Link>
                {!assignment.isGraded && <span className="muted"> {t.practice}</span>}
              </>
            ),
          },
          { key: "submissions", header: t.submissions, cell: (assignment) => assignment.submissionCount },
          { key: "in-flight", header: t.inFlight, cell: (assignment) => assignment.inFlightCount },
          {
            key: "extensions",
            header: t.extensions,
            cell: (assignment) => (
              // The visible count starts the link's name, as assistive technology expects.
              <Link href={`${base}/labs/${assignment.slug}/extensions`}>
                {assignment.extensionCount}
                <span className="visually-hidden"> {t.extensionsFor(assignment.title)}</span>
              </Link>
            ),
          },
        ]}
      />
      <h2>{t.certificates}</h2>
      <DataTable
        caption={t.certificates}
        rows={certificates}
        rowKey={(certificate) => certificate.publicId}
        testId="course-certificates"
        empty={t.noCertificates}
        columns={[
          {
            key: "holder",
            header: t.holder,
            cell: (certificate) => (
              <>
                {certificate.holderName} <span className="muted">({certificate.user.email})</span>
              </>
            ),
          },
          { key: "issued", header: t.issued, cell: (certificate) => certificate.issuedAt.toISOString().slice(0, 10) },
          {
            key: "score",
            header: t.score,
            cell: (certificate) => (
              <>
                {certificate.score.toFixed(1)}% <span className="muted">{t.passMark(certificate.passMark)}</span>
              </>
            ),
          },
          {
            key: "status",
            header: t.status,
            cell: (certificate) => (
              <span className={`badge ${certificate.status === "valid" ? "passed" : "failed"}`}>
                {t.certificateStatus[certificate.status]}
              </span>
            ),
          },
          {
            key: "open",
            header: t.manage,
            cell: (certificate) => <Link href={`/verify/${certificate.publicId}`}>{text.common.open}</Link>,
          },
        ]}
      />
    </>
  );
}
