import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { listExtensions } from "@/lib/instructor/list-extensions";
import { DataTable } from "@/app/_components/data-table";
import { LearnerCell } from "../../../../../_components/learner-cell";
import { formatDateTime, orPageError } from "../../../../../_lib/page-errors";
import { ExtensionForm } from "./extension-form";
import { RevokeButton } from "./revoke-button";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { taughtTitles } from "../../../../../_lib/taught-titles";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ courseSlug: string; labSlug: string }>;
}): Promise<Metadata> {
  const { courseSlug, labSlug } = await params;
  const locale = await getLocale();
  const t = staffMessagesFor(locale).extensions;
  return { title: t.title((await taughtTitles(locale, courseSlug, labSlug))?.lab ?? t.crumb) };
}

export default async function ExtensionsPage({ params }: { params: Promise<{ courseSlug: string; labSlug: string }> }) {
  const { courseSlug, labSlug } = await params;
  const viewer = await requirePageRole(
    `/instructor/courses/${courseSlug}/labs/${labSlug}/extensions`,
    "INSTRUCTOR",
    "ADMIN",
  );
  const locale = await getLocale();
  const text = staffMessagesFor(locale);
  const t = text.extensions;
  const data = await orPageError(listExtensions({ viewer, courseSlug, assignmentSlug: labSlug, locale }));
  const { course, assignment, limits } = data;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{text.common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}/labs/${assignment.slug}`}>{assignment.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(assignment.title)}</h1>
      <p>
        {t.forEveryone(
          limits.deadline ? formatDateTime(limits.deadline) : t.noDeadline,
          limits.maxAttempts === null ? t.unlimited : t.attempts(limits.maxAttempts),
        )}
      </p>

      <h2>{t.granted}</h2>
      <DataTable
        caption={t.grantedCaption}
        rows={data.extensions}
        rowKey={(extension) => extension.id}
        empty={t.noneGranted}
        columns={[
          { key: "learner", header: text.common.learner, cell: (extension) => <LearnerCell user={extension.user} /> },
          {
            key: "deadline",
            header: t.deadline,
            cell: (extension) => (extension.deadline ? formatDateTime(extension.deadline) : t.labDeadline),
          },
          { key: "extra", header: t.extra, cell: (extension) => extension.extraAttempts },
          { key: "used", header: t.used, cell: (extension) => extension.usedAttempts },
          { key: "reason", header: t.reason, cell: (extension) => extension.reason },
          { key: "granted", header: t.grantedAt, cell: (extension) => formatDateTime(extension.createdAt) },
          {
            key: "revoke",
            header: <span className="muted">{t.revoke}</span>,
            cell: (extension) => (
              <RevokeButton
                courseSlug={course.slug}
                assignmentSlug={assignment.slug}
                learnerId={extension.userId}
                learnerName={extension.user.name}
                locale={locale}
              />
            ),
          },
        ]}
      />

      <h2>{t.grantHeading}</h2>
      {data.learners.length === 0 ? (
        <p className="empty">{t.noLearners}</p>
      ) : (
        <ExtensionForm
          courseSlug={course.slug}
          assignmentSlug={assignment.slug}
          learners={data.learners}
          locale={locale}
        />
      )}
    </>
  );
}
