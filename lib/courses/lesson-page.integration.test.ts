// The lesson page's data on the run's own Postgres: what is shared between readers (the rendered
// body, which is cached by its source) follows every edit, and what is per reader (progress, quiz
// attempts) stays with its reader.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { saveLesson } from "../authoring/save-lesson";
import { renderMarkdownCached } from "../content-render/render-cache";
import { db } from "../db";
import { makeCourse, makeUser } from "../instructor/test-fixtures";
import { getLessonContent, getLessonReaderState } from "./get-course-page";

const both = (text: string) => ({ en: text, "zh-CN": `${text}（中文）` });
const lessonInput = (body: string) => ({
  slug: "loss",
  title: both("Loss"),
  summary: both("Measuring error."),
  minutes: "10",
  body: both(body),
});

let courseSlug: string;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let reader: Awaited<ReturnType<typeof makeUser>>;
let otherReader: Awaited<ReturnType<typeof makeUser>>;
let stranger: Awaited<ReturnType<typeof makeUser>>;

before(async () => {
  const course = await makeCourse("lesson-page");
  courseSlug = course.courseSlug;
  await db.course.update({ where: { id: course.courseId }, data: { isPublished: true } });
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" });
  reader = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" });
  otherReader = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" });
  stranger = await makeUser("LEARNER");
  await saveLesson({
    viewer: instructor,
    courseSlug,
    lessonSlug: null,
    input: lessonInput("# Loss\n\nThe loss is $L = (y - \\hat y)^2$.\n"),
  });
});

after(() => db.$disconnect());

describe("the lesson page", () => {
  test("an instructor's edit shows in the rendered lesson at once, though the old text was rendered before", async () => {
    const assetBase = `/courses/${courseSlug}/lessons/loss`;
    const first = await getLessonContent(reader, courseSlug, "loss", "en");
    assert.match(renderMarkdownCached(first.body, { assetBase }), /The loss is/);

    await saveLesson({
      viewer: instructor,
      courseSlug,
      lessonSlug: "loss",
      input: lessonInput("# Loss\n\nThe squared error is $L = (y - \\hat y)^2$.\n"),
    });
    const edited = await getLessonContent(reader, courseSlug, "loss", "en");
    const html = renderMarkdownCached(edited.body, { assetBase });
    assert.match(html, /The squared error is/);
    assert.doesNotMatch(html, /The loss is/);
  });

  test("progress and quiz attempts are each reader's own", async () => {
    const lesson = await db.lesson.findFirstOrThrow({
      where: { slug: "loss", course: { slug: courseSlug } },
      select: { id: true, quizzes: { select: { id: true } } },
    });
    const quizId = lesson.quizzes[0]!.id;
    await db.lessonProgress.create({ data: { userId: reader.id, lessonId: lesson.id } });
    const attempt = await db.quizAttempt.create({
      data: {
        quizId,
        userId: reader.id,
        questionIds: [],
        score: 1,
        maxScore: 2,
        isPassed: false,
        submittedAt: new Date(),
      },
    });

    const mine = await getLessonReaderState(reader, courseSlug, "loss", "en");
    const theirs = await getLessonReaderState(otherReader, courseSlug, "loss", "en");
    assert.equal(mine.isCompleted, true);
    assert.deepEqual(
      mine.quiz?.attempts.map((row) => row.id),
      [attempt.id],
    );
    assert.equal(mine.quiz?.bestPercent, 50);
    assert.equal(theirs.isCompleted, false);
    assert.deepEqual(theirs.quiz?.attempts, []);
    assert.equal(theirs.quiz?.bestPercent, null);
  });

  test("a reader who is not enrolled sees the lesson but not its quiz", async () => {
    assert.match((await getLessonContent(stranger, courseSlug, "loss", "en")).body, /squared error/);
    const state = await getLessonReaderState(stranger, courseSlug, "loss", "en");
    assert.equal(state.quiz, null);
    assert.equal(state.mustEnrolForQuiz, true);
  });

  test("a lesson without a quiz does not ask an enrolled reader to enrol", async () => {
    const course = await db.course.findUniqueOrThrow({ where: { slug: courseSlug }, select: { id: true } });
    await db.lesson.create({
      data: {
        courseId: course.id,
        slug: "no-quiz",
        position: 99,
        title: both("Reading only"),
        body: both("Nothing to answer."),
      },
    });
    const state = await getLessonReaderState(reader, courseSlug, "no-quiz", "en");
    assert.equal(state.quiz, null);
    assert.equal(state.mustEnrolForQuiz, false);
  });

  test("what every reader sees alike, signed in or not, holds nothing of theirs, and says whether the course is published", async () => {
    const [mine, theirs, signedOut] = await Promise.all([
      getLessonContent(reader, courseSlug, "loss", "en"),
      getLessonContent(stranger, courseSlug, "loss", "en"),
      getLessonContent(null, courseSlug, "loss", "en"),
    ]);
    assert.deepEqual(mine, theirs);
    assert.deepEqual(mine, signedOut);
    assert.equal(mine.course.isPublished, true);
    // The page's description: the lesson's first paragraph, without its math.
    assert.equal(mine.description, "The squared error is.");
  });

  test("an unpublished course's lesson is its teachers' alone, for its content and its reader state alike", async () => {
    const hidden = await makeCourse("lesson-hidden");
    await db.course.update({ where: { id: hidden.courseId }, data: { isPublished: false } });
    const teacher = await makeUser("INSTRUCTOR", { courseId: hidden.courseId, as: "INSTRUCTOR" });
    await saveLesson({
      viewer: teacher,
      courseSlug: hidden.courseSlug,
      lessonSlug: null,
      input: lessonInput("Draft."),
    });
    assert.equal((await getLessonContent(teacher, hidden.courseSlug, "loss", "en")).course.isPublished, false);
    await assert.rejects(getLessonContent(reader, hidden.courseSlug, "loss", "en"), /no such course/);
    await assert.rejects(getLessonContent(null, hidden.courseSlug, "loss", "en"), /no such course/);
    await assert.rejects(getLessonReaderState(reader, hidden.courseSlug, "loss", "en"), /no such course/);
  });

  test("an attempt left open past its deadline is closed before it is listed", async () => {
    const lesson = await db.lesson.findFirstOrThrow({
      where: { slug: "loss", course: { slug: courseSlug } },
      select: { quizzes: { select: { id: true } } },
    });
    const expired = await db.quizAttempt.create({
      data: {
        quizId: lesson.quizzes[0]!.id,
        userId: otherReader.id,
        questionIds: [],
        startedAt: new Date(Date.now() - 3_600_000),
        deadlineAt: new Date(Date.now() - 1_800_000),
      },
    });
    const page = await getLessonReaderState(otherReader, courseSlug, "loss", "en");
    const row = page.quiz?.attempts.find((candidate) => candidate.id === expired.id);
    assert.ok(row);
    assert.equal(row.isOpen, false);
    assert.notEqual(row.submittedAt, null);
    assert.equal(page.quiz?.openAttemptId, null);
  });
});
