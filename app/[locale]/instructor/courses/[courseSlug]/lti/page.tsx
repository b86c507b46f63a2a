import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { DataTable } from "@/app/_components/data-table";
import { getLocale } from "@/lib/i18n/locale";
import { ltiInstructorMessagesFor } from "@/lib/i18n/lti-instructor-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { Link } from "@/lib/i18n/navigation";
import { listLmsCourses, type LmsCourse } from "@/lib/lti/roster/list-lms-courses";
import { listScorePosts } from "@/lib/lti/scores/list-score-posts";
import { LearnerCell } from "../../../_components/learner-cell";
import { formatDateTime, orPageError } from "../../../_lib/page-errors";
import { taughtTitles } from "../../../_lib/taught-titles";
import { ResendButton } from "./resend-button";
import { SyncRosterButton } from "./sync-roster-button";

export async function generateMetadata({ params }: { params: Promise<{ courseSlug: string }> }): Promise<Metadata> {
  const locale = await getLocale();
  const t = ltiInstructorMessagesFor(locale);
  const titles = await taughtTitles(locale, (await params).courseSlug);
  return { title: titles ? t.title(titles.course) : t.crumb };
}

export default async function LmsPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/lti`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = ltiInstructorMessagesFor(locale);
  const common = staffMessagesFor(locale).common;
  const [{ course, lmsCourses }, scores] = await Promise.all([
    orPageError(listLmsCourses({ viewer, courseSlug, locale })),
    orPageError(listScorePosts({ viewer, courseSlug })),
  ]);
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(course.title)}</h1>
      <p>{t.intro}</p>
      {lmsCourses.length === 0 && <p className="empty">{t.empty}</p>}
      {lmsCourses.map((lms) => (
        <LmsCourseSection key={lms.id} lms={lms} courseSlug={course.slug} locale={locale} />
      ))}

      <h2 id="lms-scores">{t.scores}</h2>
      <p className="muted">{t.scoresIntro}</p>
      {scores.failedCount > 0 && (
        <ResendButton courseSlug={course.slug} label={t.sendAllAgain(scores.failedCount)} locale={locale}>
          {t.sendAllAgain(scores.failedCount)}
        </ResendButton>
      )}
      <DataTable
        caption={t.scores}
        rows={scores.rows}
        rowKey={(row) => row.id}
        testId="lti-score-posts"
        empty={t.noScores}
        columns={[
          {
            key: "learner",
            header: t.learner,
            isRowHeader: true,
            style: { fontWeight: "normal" },
            cell: (row) => <LearnerCell user={row.learner} />,
          },
          {
            key: "placement",
            header: t.placement,
            cell: (row) => (
              <>
                {row.placement.title ?? t.untitled}
                {row.placement.lmsCourse && <span className="muted"> · {row.placement.lmsCourse}</span>}
              </>
            ),
          },
          {
            key: "score",
            header: t.score,
            cell: (row) => (row.scoreGiven === null ? common.none : `${row.scoreGiven} / ${row.scoreMaximum}`),
          },
          {
            key: "state",
            header: t.state,
            cell: (row) => (
              <span
                className={`badge ${row.state === "SENT" ? "passed" : row.state === "FAILED" ? "failed" : "queued"}`}
              >
                {t.scoreState[row.state]}
              </span>
            ),
          },
          { key: "attempts", header: t.attempts, cell: (row) => row.attempts },
          {
            key: "error",
            header: t.lastError,
            style: { maxWidth: "24rem", overflowWrap: "anywhere" },
            cell: (row) => row.lastError ?? common.none,
          },
          { key: "sent", header: t.sentAt, cell: (row) => formatDateTime(row.sentAt) },
          {
            key: "again",
            header: <span className="visually-hidden">{t.sendAgain}</span>,
            cell: (row) =>
              row.state === "FAILED" ? (
                <ResendButton
                  courseSlug={course.slug}
                  scorePostId={row.id}
                  label={t.sendAgainFor(row.learner.name, row.placement.title ?? t.untitled)}
                  locale={locale}
                >
                  {t.sendAgain}
                </ResendButton>
              ) : null,
          },
        ]}
      />
      {scores.rows.length < scores.total && <p className="muted">{t.shownOf(scores.rows.length, scores.total)}</p>}
    </>
  );
}

function LmsCourseSection({
  lms,
  courseSlug,
  locale,
}: {
  lms: LmsCourse;
  courseSlug: string;
  locale: Parameters<typeof ltiInstructorMessagesFor>[0];
}) {
  const t = ltiInstructorMessagesFor(locale);
  const headingId = `lms-${lms.id}`;
  const title = t.lmsCourse(lms.title ?? lms.label ?? t.untitled, lms.platformName);
  return (
    <section
      aria-labelledby={headingId}
      className="card"
      style={{ display: "grid", gap: "0.75rem", marginBottom: "1.5rem" }}
    >
      <h2 id={headingId} style={{ margin: 0 }}>
        {title}
      </h2>
      {!lms.hasGradeService && <p className="muted">{t.noGradeService}</p>}
      <h3 style={{ margin: 0 }}>{t.placements}</h3>
      <DataTable
        caption={`${t.placements}: ${title}`}
        rows={lms.placements}
        rowKey={(placement) => placement.id}
        columns={[
          {
            key: "placement",
            header: t.placement,
            isRowHeader: true,
            cell: (placement) => placement.title ?? t.untitled,
          },
          {
            key: "opens",
            header: t.opens,
            cell: (placement) => (
              <>
                <span className="muted">{t.kind[placement.targetKind]}</span> {placement.targetTitle}
              </>
            ),
          },
          {
            key: "line-item",
            header: t.lineItem,
            cell: (placement) => (placement.hasLineItem ? t.hasLineItem : t.noLineItem),
          },
        ]}
      />
      <h3 style={{ margin: 0 }}>{t.roster}</h3>
      {lms.hasRosterService ? (
        <>
          <p className="muted" role="status" style={{ margin: 0 }}>
            {lms.rosterSyncedAt ? t.lastSync(formatDateTime(lms.rosterSyncedAt)) : t.neverSynced}
          </p>
          {lms.rosterError && (
            <p className="form-error" style={{ margin: 0, overflowWrap: "anywhere" }}>
              {t.syncError(lms.rosterError)}
            </p>
          )}
          <SyncRosterButton
            courseSlug={courseSlug}
            ltiContextId={lms.id}
            label={`${t.syncRoster}: ${title}`}
            locale={locale}
          />
        </>
      ) : (
        <p className="muted">{t.noRosterService}</p>
      )}
      <DataTable
        caption={`${t.roster}: ${title}`}
        rows={lms.members}
        rowKey={(member) => member.sub}
        testId="lti-roster"
        empty={lms.hasRosterService ? t.noMembers : undefined}
        columns={[
          { key: "name", header: t.name, isRowHeader: true, cell: (member) => member.name ?? member.sub },
          { key: "email", header: t.email, style: { overflowWrap: "anywhere" }, cell: (member) => member.email ?? "—" },
          { key: "role", header: t.role, cell: (member) => t.roles[member.role] },
          { key: "status", header: t.status, cell: (member) => t.memberStatus(member.status) },
          {
            key: "launched",
            header: t.launched,
            cell: (member) => (
              <span className={`badge ${member.hasLaunched ? "passed" : "queued"}`}>
                {member.hasLaunched ? t.hasLaunched : t.notLaunched}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
