import "@/app/course.css";
import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { Markdown } from "@/app/_components/markdown";
import { RunnableSnippet } from "@/app/_components/runnable-snippet";
import { getCurrentUser } from "@/lib/auth";
import { LOCALES } from "@/lib/courses/content-schema";
import { splitRunnableSnippets } from "@/lib/content-render/split-snippets";
import { getLessonContent } from "@/lib/courses/get-course-page";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { localizedUrl } from "@/lib/i18n/localized-url";
import { messagesFor } from "@/lib/i18n/messages";
import { SHARED_PAGE_META } from "@/lib/page-cache/shared-page-marker";
import { CompletedBadge, QuizPanel } from "./reader-panel";
import { Link } from "@/lib/i18n/navigation";

type Params = { params: Promise<{ courseSlug: string; lessonSlug: string }> };

// Shared by generateMetadata and the page, so one request reads the database once.
// A published course's lessons are open to strangers; lib/ decides who may read what.
const loadLesson = cache(async (courseSlug: string, lessonSlug: string) => {
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  const lesson = await getLessonContent(user, courseSlug, lessonSlug, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return { locale, lesson };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { courseSlug, lessonSlug } = await params;
  const { locale, lesson } = await loadLesson(courseSlug, lessonSlug);
  const path = `/courses/${lesson.course.slug}/lessons/${lesson.slug}`;
  // Nothing on this page is the reader's own (the islands load that), so a published course's
  // lesson may be shared between all its readers and strangers; an unpublished one is its teachers' alone.
  return {
    title: `${lesson.title} · ${lesson.course.title}`,
    ...(lesson.description ? { description: lesson.description } : {}),
    alternates: {
      canonical: localizedUrl(locale, path),
      languages: Object.fromEntries(LOCALES.map((each) => [each, localizedUrl(each, path)])),
    },
    ...(lesson.course.isPublished ? { other: SHARED_PAGE_META } : {}),
  };
}

export default async function LessonPage({ params }: Params) {
  const { courseSlug, lessonSlug } = await params;
  const { locale, lesson } = await loadLesson(courseSlug, lessonSlug);
  const t = messagesFor(locale);
  const courseHref = `/courses/${lesson.course.slug}`;
  const lessonHref = `${courseHref}/lessons/${lesson.slug}`;
  const islands = { courseSlug: lesson.course.slug, lessonSlug: lesson.slug, locale };
  // Its ```js snippets run in the reader's browser; the rest is Markdown rendered here.
  let snippetCount = 0;
  const lessonParts = splitRunnableSnippets(lesson.body).map((part) =>
    part.kind === "snippet" ? { ...part, number: ++snippetCount } : part,
  );

  return (
    <article lang={locale} className="lesson">
      <p className="breadcrumb muted">
        <Link href={courseHref}>{lesson.course.title}</Link> / {t.course.lesson(lesson.number)}
      </p>
      <h1>{lesson.title}</h1>
      <CompletedBadge {...islands} />

      <div className="lesson-body">
        {lessonParts.map((part, index) =>
          part.kind === "markdown" ? (
            <Markdown key={index} source={part.source} assetBase={lessonHref} />
          ) : (
            <RunnableSnippet key={index} code={part.code} number={part.number} locale={locale} />
          ),
        )}
      </div>

      <section aria-labelledby="quiz-heading" className="lesson-body">
        <h2 id="quiz-heading">{t.lesson.quiz}</h2>
        <QuizPanel {...islands} />
      </section>

      <nav className="lesson-nav" aria-label={t.course.syllabus}>
        {lesson.previous ? (
          <Link href={`${courseHref}/lessons/${lesson.previous.slug}`} rel="prev">
            ← {t.lesson.previous}: {lesson.previous.title}
          </Link>
        ) : (
          <Link href={courseHref}>← {t.lesson.backToCourse}</Link>
        )}
        {lesson.next ? (
          <Link href={`${courseHref}/lessons/${lesson.next.slug}`} rel="next">
            {t.lesson.next}: {lesson.next.title} →
          </Link>
        ) : (
          <Link href={courseHref}>{t.lesson.backToCourse} →</Link>
        )}
      </nav>
    </article>
  );
}
