import type { Metadata } from "next";
import { localize } from "@/lib/courses/localize";
import { listCourses } from "@/lib/courses/list-courses";
import { getLocale } from "@/lib/i18n/locale";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  const t = siteMessagesFor(await getLocale()).home;
  return { title: t.title, description: t.description };
}

export default async function HomePage() {
  const [courses, locale] = await Promise.all([listCourses(), getLocale()]);
  const t = siteMessagesFor(locale).home;
  return (
    <>
      <h1>{t.heading}</h1>
      <p className="muted" style={{ maxWidth: "46rem" }}>
        {t.intro}
      </p>
      <h2>{t.courses}</h2>
      {courses.length === 0 ? (
        <p className="empty">{t.noCourses}</p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {courses.map((course) => (
            <li key={course.id} className="card">
              <h3 style={{ marginTop: 0 }}>{localize(course.title, locale)}</h3>
              <p>{localize(course.summary, locale)}</p>
              <p className="muted">{t.counts(course._count.lessons, course._count.assignments)}</p>
              <Link href={`/courses/${course.slug}`}>{t.openCourse}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
