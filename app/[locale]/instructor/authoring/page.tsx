import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { MAX_BUNDLE_BYTES } from "@/lib/authoring/course-bundle";
import { listEditableCourses } from "@/lib/authoring/get-authoring-course";
import { listContentCourses } from "@/lib/authoring/read-content-folder";
import { DataTable } from "@/app/_components/data-table";
import { ImportForm } from "./import-form";
import { NewCourseForm } from "./new-course-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import { CodeText } from "@/app/_components/code-text";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.home };
}

export default async function AuthoringPage() {
  const viewer = await requirePageRole("/instructor/authoring", "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const courses = await listEditableCourses(viewer, locale);
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{t.crumbs.workspace}</Link> / {t.crumbs.authoring}
      </p>
      <h1>{t.home.heading}</h1>
      <p>{t.home.intro}</p>
      <h2>{t.home.yourCourses}</h2>
      <DataTable
        caption={t.home.yourCourses}
        rows={courses}
        rowKey={(course) => course.slug}
        empty={t.home.empty}
        columns={[
          {
            key: "course",
            header: t.home.course,
            cell: (course) => <Link href={`/instructor/authoring/${course.slug}`}>{course.title || course.slug}</Link>,
          },
          { key: "lessons", header: t.home.lessons, cell: (course) => course.lessons },
          { key: "labs", header: t.home.labs, cell: (course) => course.labs },
          {
            key: "published",
            header: t.home.visible,
            cell: (course) => (course.isPublished ? t.home.yes : t.home.draft),
          },
        ]}
      />
      <h2>{t.home.newCourse}</h2>
      <p className="muted">{t.home.newCourseHint}</p>
      <NewCourseForm locale={locale} />
      <h2>{t.home.importHeading}</h2>
      <p className="muted">
        <CodeText text={t.home.importHint} />
      </p>
      <ImportForm contentCourses={listContentCourses()} maxBytes={MAX_BUNDLE_BYTES} locale={locale} />
    </>
  );
}
