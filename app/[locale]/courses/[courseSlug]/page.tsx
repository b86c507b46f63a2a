import "@/app/course.css";
import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { getCoursePage } from "@/lib/courses/get-course-page";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { formatPercent, formatUtc, messagesFor } from "@/lib/i18n/messages";
import { EnrolButton } from "./enrol-button";
import { Link } from "@/lib/i18n/navigation";

type Params = { params: Promise<{ courseSlug: string }> };

// Shared by generateMetadata and the page, so one request reads the database once.
const loadCourse = cache(async (courseSlug: string) => {
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  const course = await getCoursePage(user, courseSlug, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return { user, locale, course };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { course } = await loadCourse((await params).courseSlug);
  return { title: course.title, description: course.summary };
}

export default async function CoursePage({ params }: Params) {
  const { courseSlug } = await params;
  const { user, locale, course } = await loadCourse(courseSlug);
  const t = messagesFor(locale);
  const base = `/courses/${course.slug}`;
  const rule = course.passRule;

  return (
    <article lang={locale}>
      <p className="breadcrumb muted">
        <Link href="/">{t.course.breadcrumb}</Link> /
      </p>
      <div className="course-header">
        <div>
          <h1>{course.title}</h1>
          <p className="course-summary">{course.summary}</p>
          {course.deadline && <p className="muted">{t.course.deadline(formatUtc(course.deadline))}</p>}
        </div>
        <section className="card enrol-box" aria-labelledby="enrolment-heading">
          <h2 id="enrolment-heading" style={{ margin: 0 }}>
            {t.course.yourProgress}
          </h2>
          {!user ? (
            <>
              <p>{t.course.enrolHint}</p>
              <Link className="button" href={`/sign-in?callbackUrl=${encodeURIComponent(base)}`}>
                {t.course.signInToEnrol}
              </Link>
            </>
          ) : !course.canTakeQuizzes ? (
            <>
              <p>{t.course.enrolHint}</p>
              <EnrolButton
                courseSlug={course.slug}
                labels={{ enrol: t.course.enrol, enrolling: t.course.enrolling, failed: t.course.enrolFailed }}
              />
            </>
          ) : (
            <>
              <p data-testid="enrolment-status">
                {course.enrolmentRole === "LEARNER" ? t.course.enrolled : t.course.teaching}
              </p>
              <div className="progress-line">
                <span>{t.course.lessonsDone(course.progress.lessonsCompleted, course.lessons.length)}</span>
                <progress
                  max={Math.max(course.lessons.length, 1)}
                  value={course.progress.lessonsCompleted}
                  aria-hidden="true"
                />
              </div>
              {course.progress.labsRequired > 0 && (
                <div className="progress-line">
                  <span>{t.course.labsDone(course.progress.labsPassed, course.progress.labsRequired)}</span>
                  <progress max={course.progress.labsRequired} value={course.progress.labsPassed} aria-hidden="true" />
                </div>
              )}
              {course.exam && (
                <p>
                  {course.exam.bestPercent === null
                    ? t.course.examNotTaken
                    : t.course.examBest(formatPercent(course.exam.bestPercent))}
                </p>
              )}
            </>
          )}
        </section>
      </div>

      <h2 id="syllabus">{t.course.syllabus}</h2>
      {course.lessons.length === 0 ? (
        <p className="empty">{t.course.noLessons}</p>
      ) : (
        <ol className="syllabus" aria-labelledby="syllabus">
          {course.lessons.map((lesson, index) => (
            <li key={lesson.slug}>
              <span className="number">{t.course.lesson(index + 1)}</span>
              <Link href={`${base}/lessons/${lesson.slug}`}>{lesson.title}</Link>
              {user && (
                <span className="status">
                  {lesson.bestQuizPercent !== null && (
                    <span className="muted">{t.course.bestQuiz(formatPercent(lesson.bestQuizPercent))}</span>
                  )}
                  <span className={`badge ${lesson.isCompleted ? "passed" : ""}`}>
                    {lesson.isCompleted ? t.course.completed : t.course.notStarted}
                  </span>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}

      <h2 id="labs">{t.course.labs}</h2>
      {course.labs.length === 0 ? (
        <p className="empty">{t.course.noLabs}</p>
      ) : (
        <ul className="syllabus" aria-labelledby="labs">
          {course.labs.map((lab) => (
            <li key={lab.slug}>
              <Link href={`${base}/labs/${lab.slug}`}>{lab.title}</Link>
              <span className="status">
                <span className="muted">{lab.isRequired ? t.course.labRequired : t.course.labOptional}</span>
                {lab.isPassed && <span className="badge passed">{t.course.labPassed}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2>{t.course.exam}</h2>
      {course.exam ? (
        <div className="card quiz-panel">
          <p>
            <strong>{course.exam.title}</strong>
          </p>
          {course.exam.timeLimitSeconds !== null && (
            <p>
              {t.course.examRules(
                course.exam.drawCount ?? 0,
                Math.round(course.exam.timeLimitSeconds / 60),
                course.exam.passPercent,
              )}
            </p>
          )}
          <p>
            <Link href={`${base}/exam`}>{t.course.openExam}</Link>
          </p>
        </div>
      ) : (
        <p className="empty">{t.course.noExam}</p>
      )}

      <h2>{t.course.passRule}</h2>
      {rule ? (
        <ul className="pass-rule card">
          <li>
            {rule.requiredLabs.length === 0
              ? t.course.passRuleNoLabs
              : t.course.passRuleLabs(
                  rule.requiredLabs
                    .map((slug) => course.labs.find((lab) => lab.slug === slug)?.title ?? slug)
                    .join(", "),
                )}
          </li>
          <li>{t.course.passRuleQuizzes(rule.minLessonQuizPercent)}</li>
          <li>{t.course.passRuleExam(rule.minExamPercent)}</li>
          <li>
            {t.course.passRuleMark(
              rule.passMarkPercent,
              Math.round(rule.weights.labs * 100),
              Math.round(rule.weights.quizzes * 100),
              Math.round(rule.weights.exam * 100),
            )}
          </li>
        </ul>
      ) : (
        <p className="empty">{t.course.passRuleMissing}</p>
      )}
    </article>
  );
}
