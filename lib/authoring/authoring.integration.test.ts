// Authoring in the web app on the run's own Postgres: a course made from nothing to a complete,
// exportable one, every form's validation keyed by field, assignment versions, the audit trail,
// and who may do what (a learner, an instructor of another course, the instructor, an admin).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { stringify as stringifyYaml } from "yaml";
import { loadAssignmentSpec } from "../assignments/load-assignment";
import { db } from "../db";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { makeCourse, makeUser, rejection } from "../instructor/test-fixtures";
import { parseBundleText, parseCourseFiles } from "./course-bundle";
import { createCourse } from "./create-course";
import { exportCourse } from "./export-course";
import { getAssignmentForm, getAuthoringCourse, getLessonForm, listEditableCourses } from "./get-authoring-course";
import { saveAssignment } from "./save-assignment";
import { saveLesson } from "./save-lesson";
import { saveExam, saveLessonQuiz } from "./save-quizzes";
import { updateCourse } from "./update-course";

let admin: Awaited<ReturnType<typeof makeUser>>;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let otherInstructor: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;
let courseSlug: string;
let otherCourseSlug: string;

const both = (text: string) => ({ en: text, "zh-CN": `${text}（中文）` });

const QUIZ_YAML = stringifyYaml({
  title: both("Quiz one"),
  passPercent: 50,
  questions: [
    {
      id: "pick-one",
      kind: "single",
      prompt: both("Which?"),
      choices: [
        { id: "a", text: both("A") },
        { id: "b", text: both("B") },
      ],
      answer: "b",
      explanation: both("B is right."),
    },
    {
      id: "pick-many",
      kind: "multiple",
      prompt: both("Which ones?"),
      choices: [
        { id: "a", text: both("A") },
        { id: "b", text: both("B") },
      ],
      answer: ["a", "b"],
      explanation: both("Both."),
    },
    {
      id: "how-much",
      kind: "numeric",
      prompt: both("$1+1$?"),
      answer: 2,
      tolerance: 0.01,
      explanation: both("Two."),
      points: 2,
    },
  ],
});

function specYaml(overrides: Record<string, unknown> = {}): string {
  return stringifyYaml({
    ...loadAssignmentSpec("ml-foundations", "linear-regression"),
    slug: "first-lab",
    ...overrides,
  });
}

const labInput = (spec: string, starter = "export async function train() {}\n") => ({
  specYaml: spec,
  brief: { en: "# Brief\n\nFit a line.\n", "zh-CN": "# 说明\n\n拟合一条直线。\n" },
  starter,
});

before(async () => {
  const other = await makeCourse("authoring-else");
  otherCourseSlug = other.courseSlug;
  admin = await makeUser("ADMIN");
  instructor = await makeUser("INSTRUCTOR");
  otherInstructor = await makeUser("INSTRUCTOR", { courseId: other.courseId, as: "INSTRUCTOR" });
  learner = await makeUser("LEARNER");
  courseSlug = `authored-${crypto.randomUUID().slice(0, 8)}`;
});

after(async () => {
  await db.$disconnect();
});

describe("authoring a course in the web app", () => {
  test("creating a course takes an instructor or admin, checks the fields and makes the creator its instructor", async () => {
    const input = { slug: courseSlug, title: both("Authored course"), summary: both("Made in the browser.") };
    assert.ok((await rejection(createCourse({ viewer: learner, input }))) instanceof ForbiddenError);
    const invalid = await rejection(
      createCourse({ viewer: instructor, input: { ...input, slug: "Not A Slug", title: { en: "Only English" } } }),
    );
    assert.ok(invalid instanceof ValidationError);
    assert.deepEqual(Object.keys(invalid.fieldErrors).sort(), ["slug", "title.zh-CN"]);

    const created = await createCourse({ viewer: instructor, input });
    const course = await db.course.findUniqueOrThrow({
      where: { id: created.courseId },
      select: { isPublished: true, enrolments: { select: { userId: true, role: true } } },
    });
    assert.equal(course.isPublished, false);
    assert.deepEqual(course.enrolments, [{ userId: instructor.id, role: "INSTRUCTOR" }]);
    const duplicate = await rejection(createCourse({ viewer: admin, input }));
    assert.ok(duplicate instanceof ValidationError && duplicate.fieldErrors.slug);
    assert.deepEqual(
      (await listEditableCourses(instructor)).map((listed) => listed.slug),
      [courseSlug],
    );
    assert.ok((await listEditableCourses(admin)).some((listed) => listed.slug === otherCourseSlug));

    // Not complete yet: the export says what is missing instead of producing files that would not import.
    const { exportProblems } = await getAuthoringCourse({ viewer: instructor, courseSlug });
    assert.ok(exportProblems["course.yaml"]?.some((problem) => problem.startsWith("lessons")));
    assert.ok((await rejection(exportCourse({ viewer: instructor, courseSlug }))) instanceof ValidationError);
  });

  test("only the course's instructors and admins may edit it", async () => {
    const lesson = {
      slug: "intro",
      title: both("Intro"),
      summary: both("The start."),
      minutes: "20",
      body: both("# Hello\n"),
    };
    assert.ok(
      (await rejection(saveLesson({ viewer: learner, courseSlug, lessonSlug: null, input: lesson }))) instanceof
        ForbiddenError,
    );
    assert.ok(
      (await rejection(saveLesson({ viewer: otherInstructor, courseSlug, lessonSlug: null, input: lesson }))) instanceof
        ForbiddenError,
    );
    assert.ok(
      (await rejection(
        saveAssignment({ viewer: otherInstructor, courseSlug, assignmentSlug: null, input: labInput(specYaml()) }),
      )) instanceof ForbiddenError,
    );
    assert.ok((await rejection(getAuthoringCourse({ viewer: otherInstructor, courseSlug }))) instanceof ForbiddenError);
    assert.ok(
      (await rejection(getAuthoringCourse({ viewer: instructor, courseSlug: otherCourseSlug }))) instanceof
        ForbiddenError,
    );
    assert.ok(
      (await rejection(getAuthoringCourse({ viewer: instructor, courseSlug: "no-such-course" }))) instanceof
        NotFoundError,
    );
    await saveLesson({ viewer: admin, courseSlug, lessonSlug: null, input: lesson });
    assert.equal((await getLessonForm({ viewer: instructor, courseSlug, lessonSlug: "intro" })).minutes, "20");
  });

  test("lessons: per-field errors, then saved byte for byte, with a fixed slug", async () => {
    const invalid = await rejection(
      saveLesson({
        viewer: instructor,
        courseSlug,
        lessonSlug: "intro",
        input: {
          slug: "intro",
          title: both("Intro"),
          summary: both("S"),
          minutes: "",
          body: { en: "  \n", "zh-CN": "正文" },
        },
      }),
    );
    assert.ok(invalid instanceof ValidationError);
    assert.deepEqual(Object.keys(invalid.fieldErrors).sort(), ["body.en", "minutes"]);

    const body = { en: "# Intro\n\nThe loss is $L = (y - \\hat y)^2$.\n", "zh-CN": "# 引言\n\n损失是 $L$。\n" };
    await saveLesson({
      viewer: instructor,
      courseSlug,
      lessonSlug: "intro",
      input: { slug: "intro", title: both("Introduction"), summary: both("Where we start."), minutes: "25", body },
    });
    const form = await getLessonForm({ viewer: instructor, courseSlug, lessonSlug: "intro" });
    assert.deepEqual(form, {
      slug: "intro",
      title: both("Introduction"),
      summary: both("Where we start."),
      minutes: "25",
      body,
    });
    const renamed = await rejection(
      saveLesson({ viewer: instructor, courseSlug, lessonSlug: "intro", input: { ...form, slug: "renamed" } }),
    );
    assert.ok(renamed instanceof ValidationError && renamed.fieldErrors.slug);
  });

  test("quizzes and the exam bank: errors by path inside the file, then stored as typed", async () => {
    const bad = await rejection(
      saveLessonQuiz({
        viewer: instructor,
        courseSlug,
        lessonSlug: "intro",
        input: { yaml: QUIZ_YAML.replace("answer: b", "answer: z") },
      }),
    );
    assert.ok(bad instanceof ValidationError);
    assert.match(bad.fieldErrors["yaml.questions.0"]?.join(" ") ?? "", /answer "z" is not one of the choices/);
    const unreadable = await rejection(
      saveLessonQuiz({ viewer: instructor, courseSlug, lessonSlug: "intro", input: { yaml: "title: [" } }),
    );
    assert.ok(unreadable instanceof ValidationError && unreadable.fieldErrors.yaml);
    await saveLessonQuiz({ viewer: instructor, courseSlug, lessonSlug: "intro", input: { yaml: QUIZ_YAML } });

    const examYaml = stringifyYaml({ title: both("Final"), drawCount: 5, timeLimitMinutes: 20, passPercent: 70 });
    const tooFew = await rejection(
      saveExam({ viewer: instructor, courseSlug, input: { examYaml, bankYaml: QUIZ_YAML } }),
    );
    assert.ok(tooFew instanceof ValidationError && tooFew.fieldErrors["examYaml.drawCount"]);
    const bothBroken = await rejection(
      saveExam({ viewer: instructor, courseSlug, input: { examYaml: "title: {}", bankYaml: "questions: []" } }),
    );
    assert.ok(
      bothBroken instanceof ValidationError &&
        bothBroken.fieldErrors["examYaml.drawCount"] &&
        bothBroken.fieldErrors["bankYaml.questions"],
    );
    await saveExam({
      viewer: instructor,
      courseSlug,
      input: { examYaml: examYaml.replace("drawCount: 5", "drawCount: 2"), bankYaml: QUIZ_YAML },
    });
  });

  test("labs: spec errors by path; each change is a new version and submissions keep theirs", async () => {
    const invalid = await rejection(
      saveAssignment({
        viewer: instructor,
        courseSlug,
        assignmentSlug: null,
        input: labInput(specYaml({ mode: "guess", split: { trainSize: 0, heldOutSize: 10, seed: 1 } })),
      }),
    );
    assert.ok(invalid instanceof ValidationError);
    assert.ok(invalid.fieldErrors["specYaml.mode"]);
    assert.ok(invalid.fieldErrors["specYaml.split.trainSize"]);

    const reserved = await rejection(
      saveAssignment({
        viewer: instructor,
        courseSlug,
        assignmentSlug: null,
        input: labInput(specYaml({ slug: "new" })),
      }),
    );
    assert.ok(reserved instanceof ValidationError && reserved.fieldErrors["specYaml.slug"]);

    const first = await saveAssignment({
      viewer: instructor,
      courseSlug,
      assignmentSlug: null,
      input: labInput(specYaml()),
    });
    assert.deepEqual(first, { slug: "first-lab", version: 1, isNewVersion: true });
    const again = await rejection(
      saveAssignment({ viewer: instructor, courseSlug, assignmentSlug: null, input: labInput(specYaml()) }),
    );
    assert.ok(again instanceof ValidationError && again.fieldErrors["specYaml.slug"]);

    const assignment = await db.assignment.findFirstOrThrow({
      where: { slug: "first-lab", course: { slug: courseSlug } },
      select: { id: true, versions: { select: { id: true } } },
    });
    const graded = await db.submission.create({
      data: {
        userId: learner.id,
        assignmentId: assignment.id,
        assignmentVersionId: assignment.versions[0]?.id ?? "",
        attemptNumber: 1,
        code: "x",
        codeSha256: "0".repeat(64),
        specSha256: "0".repeat(64),
        status: "PASSED",
        score: 0.3,
      },
    });

    const unchanged = await saveAssignment({
      viewer: instructor,
      courseSlug,
      assignmentSlug: "first-lab",
      input: labInput(specYaml()),
    });
    assert.deepEqual(unchanged, { slug: "first-lab", version: 1, isNewVersion: false });
    const stricter = await saveAssignment({
      viewer: instructor,
      courseSlug,
      assignmentSlug: "first-lab",
      input: labInput(specYaml({ metric: { name: "mse", threshold: 0.3, direction: "lower" } })),
    });
    assert.deepEqual(stricter, { slug: "first-lab", version: 2, isNewVersion: true });
    const newStarter = await saveAssignment({
      viewer: instructor,
      courseSlug,
      assignmentSlug: "first-lab",
      input: labInput(specYaml({ metric: { name: "mse", threshold: 0.3, direction: "lower" } }), "// start here\n"),
    });
    assert.equal(newStarter.version, 3);

    const kept = await db.submission.findUniqueOrThrow({
      where: { id: graded.id },
      select: { assignmentVersion: { select: { version: true } } },
    });
    assert.equal(kept.assignmentVersion.version, 1);
    const form = await getAssignmentForm({ viewer: instructor, courseSlug, assignmentSlug: "first-lab" });
    assert.deepEqual(
      form.versions.map((version) => [version.version, version.submissions]),
      [
        [3, 0],
        [2, 0],
        [1, 1],
      ],
    );
    assert.equal(form.form.starter, "// start here\n");
    const renamed = await rejection(
      saveAssignment({
        viewer: instructor,
        courseSlug,
        assignmentSlug: "first-lab",
        input: labInput(specYaml({ slug: "other-lab" })),
      }),
    );
    assert.ok(renamed instanceof ValidationError && renamed.fieldErrors["specYaml.slug"]);
  });

  test("course settings, then a complete course exports what was typed, and every write is in the audit log", async () => {
    const settings = {
      title: both("Authored course"),
      summary: both("Made in the browser."),
      deadline: "",
      isPublished: true,
      passRule: {
        requiredLabs: ["first-lab"],
        minLessonQuizPercent: "60",
        minExamPercent: "60",
        passMarkPercent: "65",
        weights: { labs: "0.5", quizzes: "0.3", exam: "0.3" },
      },
    };
    const invalid = await rejection(
      updateCourse({
        viewer: instructor,
        courseSlug,
        input: { ...settings, deadline: "tomorrow", passRule: { ...settings.passRule, minExamPercent: "" } },
      }),
    );
    assert.ok(invalid instanceof ValidationError);
    assert.deepEqual(Object.keys(invalid.fieldErrors).sort(), [
      "deadline",
      "passRule.minExamPercent",
      "passRule.weights",
    ]);
    const unknownLab = await rejection(
      updateCourse({
        viewer: instructor,
        courseSlug,
        input: {
          ...settings,
          passRule: {
            ...settings.passRule,
            requiredLabs: ["nope"],
            weights: { labs: "0.5", quizzes: "0.2", exam: "0.3" },
          },
        },
      }),
    );
    assert.ok(unknownLab instanceof ValidationError && unknownLab.fieldErrors["passRule.requiredLabs"]);
    await updateCourse({
      viewer: instructor,
      courseSlug,
      input: {
        ...settings,
        deadline: "2027-01-31T23:59:00+08:00",
        passRule: { ...settings.passRule, weights: { labs: "0.5", quizzes: "0.2", exam: "0.3" } },
      },
    });

    const exported = parseCourseFiles(parseBundleText((await exportCourse({ viewer: instructor, courseSlug })).text));
    assert.deepEqual(exported.course.lessons, ["01-intro"]);
    assert.equal(exported.course.deadline, "2027-01-31T15:59:00.000Z");
    assert.deepEqual(exported.course.passRule.weights, { labs: 0.5, quizzes: 0.2, exam: 0.3 });
    assert.equal(exported.lessons[0]?.meta.minutes, 25);
    assert.equal(exported.lessons[0]?.quiz.questions.length, 3);
    assert.deepEqual(exported.exam, {
      title: both("Final"),
      drawCount: 2,
      timeLimitMinutes: 20,
      passPercent: 70,
      // The stored cool-down is written out, default or not, so a re-import keeps it.
      cooldownMinutes: 0,
    });
    assert.equal(exported.assignments[0]?.spec.metric.threshold, 0.3);
    assert.equal(exported.assignments[0]?.briefs.en, "# Brief\n\nFit a line.\n");

    const course = await db.course.findUniqueOrThrow({ where: { slug: courseSlug }, select: { id: true } });
    const entries = await db.auditLog.findMany({
      where: { courseId: course.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    assert.deepEqual(
      entries.map((entry) => entry.action),
      [
        "course.create",
        "lesson.create",
        "lesson.update",
        "quiz.update",
        "exam.update",
        "assignment.create",
        "assignment.version.create",
        "assignment.version.create",
        "course.update",
        "course.export",
      ],
    );
    assert.equal(entries[1]?.actorId, admin.id);
    assert.ok(entries.filter((_, index) => index !== 1).every((entry) => entry.actorId === instructor.id));
  });
});
