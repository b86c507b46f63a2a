import type { Metadata } from "next";
import { localize } from "@/lib/courses/localize";
import { listTaughtCourses } from "@/lib/courses/list-taught-courses";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: staffMessagesFor(await getLocale()).home.title };
}

export default async function InstructorPage() {
  await requirePageRole("/instructor", "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = staffMessagesFor(locale).home;
  const courses = await listTaughtCourses();
  return (
    <>
      <h1>{t.title}</h1>
      <p>
        <Link href="/instructor/authoring">{t.authorLink}</Link>
        {t.authorRest}
      </p>
      <h2>{t.taught}</h2>
      <p className="muted">{t.taughtHint}</p>
      <DataTable
        caption={t.taught}
        rows={courses}
        rowKey={(course) => course.id}
        empty={t.noCourses}
        columns={[
          {
            key: "course",
            header: t.course,
            cell: (course) => <Link href={`/instructor/courses/${course.slug}`}>{localize(course.title, locale)}</Link>,
          },
          { key: "learners", header: t.learners, cell: (course) => course.learnerCount },
          { key: "labs", header: t.labs, cell: (course) => course._count.assignments },
        ]}
      />
    </>
  );
}
