// Import and export on the run's own Postgres: the real course survives a round trip through the
// database unchanged, bad files are refused file by file, and only the course's instructors and
// admins may replace or export it.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { COURSES_DIR, loadAssignment } from "../assignments/load-assignment";
import { loadCourseFiles } from "../courses/load-course-files";
import { db } from "../db";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { makeCourse, makeUser, rejection } from "../instructor/test-fixtures";
import { parseBundleText, parseCourseFiles } from "./course-bundle";
import { exportCourse } from "./export-course";
import { importCourseBundle } from "./import-course-bundle";
import { readContentCourse } from "./read-content-folder";

let admin: Awaited<ReturnType<typeof makeUser>>;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let otherInstructor: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;

/** The ml-foundations files under a fresh slug, so this file never collides with the seeded course. */
function realCourseFiles(slug: string): Record<string, string> {
  const files = readContentCourse("ml-foundations");
  const course = parseYaml(files["course.yaml"] ?? "") as Record<string, unknown>;
  files["course.yaml"] = stringifyYaml({ ...course, slug });
  return files;
}

/** What content/courses/ml-foundations says, read by the loaders the seed uses. */
function loadedRealCourse(slug: string) {
  const loaded = loadCourseFiles(path.join(COURSES_DIR, "ml-foundations"));
  return {
    course: { ...loaded.course, slug },
    lessons: loaded.lessons.map(({ folder, meta, bodies, quiz, figures }) => ({ folder, meta, bodies, quiz, figures })),
    exam: loaded.exam,
    bank: loaded.bank,
    assignments: loaded.course.assignments.map((assignment) => {
      const { spec, briefs, starter } = loadAssignment("ml-foundations", assignment);
      return { spec, briefs, starter };
    }),
  };
}

before(async () => {
  const other = await makeCourse("authoring-other");
  admin = await makeUser("ADMIN");
  instructor = await makeUser("INSTRUCTOR");
  otherInstructor = await makeUser("INSTRUCTOR", { courseId: other.courseId, as: "INSTRUCTOR" });
  learner = await makeUser("LEARNER");
});

after(async () => {
  await db.$disconnect();
});

describe("import and export", () => {
  test("content/courses/ml-foundations round-trips through the database without loss", async () => {
    const slug = `ml-rt-${crypto.randomUUID().slice(0, 8)}`;
    const imported = await importCourseBundle({ viewer: instructor, files: realCourseFiles(slug), source: "test" });
    assert.equal(imported.isNewCourse, true);
    assert.equal(imported.newAssignmentVersions.length, 5);

    const exported = await exportCourse({ viewer: instructor, courseSlug: slug });
    assert.equal(exported.fileName, `${slug}.course.json`);
    assert.deepStrictEqual(parseCourseFiles(parseBundleText(exported.text)), loadedRealCourse(slug));

    const enrolment = await db.enrolment.findUniqueOrThrow({
      where: { userId_courseId: { userId: instructor.id, courseId: imported.courseId } },
    });
    assert.equal(enrolment.role, "INSTRUCTOR");
    const actions = await db.auditLog.findMany({
      where: { courseId: imported.courseId },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    assert.deepEqual(actions, [
      { action: "course.import", actorId: instructor.id },
      { action: "course.export", actorId: instructor.id },
    ]);

    const again = await importCourseBundle({
      viewer: instructor,
      files: parseBundleText(exported.text),
      source: "upload",
    });
    assert.equal(again.isContentChanged, false);
    assert.deepEqual(again.newAssignmentVersions, []);
  });

  test("bad files are refused with every problem, keyed by file and field", async () => {
    const files = realCourseFiles(`ml-bad-${crypto.randomUUID().slice(0, 8)}`);
    files["lessons/02-preparing-data/quiz.yaml"] = "title: { en: Quiz }\nquestions: []\n";
    delete files["exam/exam.yaml"];
    files["assignments/mnist-dense/assignment.yaml"] = (files["assignments/mnist-dense/assignment.yaml"] ?? "").replace(
      /mode: \w+/,
      "mode: guess",
    );
    const error = await rejection(importCourseBundle({ viewer: admin, files, source: "test" }));
    assert.ok(error instanceof ValidationError);
    assert.match(error.fieldErrors["lessons/02-preparing-data/quiz.yaml"]?.join("\n") ?? "", /title\.zh-CN/);
    assert.match(error.fieldErrors["lessons/02-preparing-data/quiz.yaml"]?.join("\n") ?? "", /questions/);
    assert.deepEqual(error.fieldErrors["exam/exam.yaml"], ["file is missing"]);
    assert.match(error.fieldErrors["assignments/mnist-dense/assignment.yaml"]?.join("\n") ?? "", /^mode: /);
    assert.throws(() => parseBundleText('{"format":"zip"}'), ValidationError);
  });

  test("only the course's instructors and admins may replace or export it", async () => {
    const slug = `ml-auth-${crypto.randomUUID().slice(0, 8)}`;
    await importCourseBundle({ viewer: admin, files: realCourseFiles(slug), source: "test" });
    const files = realCourseFiles(slug);
    assert.ok(
      (await rejection(importCourseBundle({ viewer: learner, files, source: "test" }))) instanceof ForbiddenError,
    );
    assert.ok(
      (await rejection(importCourseBundle({ viewer: otherInstructor, files, source: "test" }))) instanceof
        ForbiddenError,
    );
    assert.ok((await rejection(exportCourse({ viewer: otherInstructor, courseSlug: slug }))) instanceof ForbiddenError);
    assert.ok((await rejection(exportCourse({ viewer: learner, courseSlug: slug }))) instanceof ForbiddenError);
    assert.ok(
      (await rejection(exportCourse({ viewer: admin, courseSlug: "no-such-course" }))) instanceof NotFoundError,
    );
    const exported = await exportCourse({ viewer: admin, courseSlug: slug });
    assert.ok(exported.text.length > 1000);
  });
});
