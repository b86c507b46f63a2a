// Idempotent seed: the courses under content/ and the demo accounts. Safe to run on every start.
import fs from "node:fs";
import path from "node:path";
import { db } from "../lib/db";
import { logger } from "../lib/log";
import { datasetPreview } from "../grader/datasets/preview";
import type { DatasetPreview } from "../lib/assignments/dataset-preview";
import { importAssignments } from "../lib/assignments/import-assignments";
import type { AssignmentSpec } from "../lib/assignments/spec-schema";
import { storeFileOnlyFields } from "../lib/authoring/import-course-bundle";
import { importCourse } from "../lib/courses/import-course";
import { readDemoProgress } from "../lib/demo/demo-progress";
import { loadCourseFiles } from "../lib/courses/load-course-files";
import { hashPassword } from "../lib/users/password";
import { DEMO_ACCOUNTS } from "./demo-accounts";

const COURSES_DIR = path.join(import.meta.dirname, "..", "content", "courses");
const log = logger.child({ component: "seed" });

/**
 * A lab whose data set cannot be read here still gets imported; its page says there is no preview yet, and the next
 * seed tries again.
 */
function previewOrNothing(spec: AssignmentSpec): DatasetPreview | null {
  try {
    return datasetPreview(spec);
  } catch (error) {
    log.warn({ lab: spec.slug, err: error }, "no data preview");
    return null;
  }
}

async function seedCourses(): Promise<string[]> {
  const ids: string[] = [];
  if (!fs.existsSync(COURSES_DIR)) return ids;
  for (const entry of fs.readdirSync(COURSES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const loaded = loadCourseFiles(path.join(COURSES_DIR, entry.name));
    const existing = await db.course.findUnique({
      where: { slug: loaded.course.slug },
      select: { id: true, contentHash: true },
    });
    if (existing && existing.contentHash === null) {
      // Edited in the web app since it was imported: the database copy is now the course, and
      // re-importing the files would undo an instructor's work.
      log.info({ course: loaded.course.slug }, "course has web edits; its files are not re-imported");
      ids.push(existing.id);
      continue;
    }
    const { courseId, isChanged } = await importCourse(loaded);
    // Lesson summaries and the bank's own fields are not columns yet; the authoring export needs them.
    await storeFileOnlyFields(db, courseId, loaded);
    const newVersions = await importAssignments(
      courseId,
      loaded.course.slug,
      loaded.course.assignments,
      previewOrNothing,
    );
    log.info(
      { course: loaded.course.slug, isChanged, newLabVersions: newVersions },
      isChanged ? "course imported" : "course unchanged",
    );
    ids.push(courseId);
  }
  return ids;
}

async function seedDemoAccounts(courseIds: string[]): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
    // An existing account keeps whatever password its owner has set since.
    const user =
      existing ??
      (await db.user.create({
        data: {
          email: account.email,
          name: account.name,
          role: account.role,
          passwordHash: await hashPassword(account.password),
        },
        select: { id: true },
      }));
    if (account.role === "ADMIN") continue;
    for (const courseId of courseIds) {
      await db.enrolment.upsert({
        where: { userId_courseId: { userId: user.id, courseId } },
        create: { userId: user.id, courseId, role: account.role },
        update: {},
      });
    }
  }
  log.info({ accounts: DEMO_ACCOUNTS.length }, "demo accounts ready");
}

async function main(): Promise<void> {
  const courseIds = await seedCourses();
  await seedDemoAccounts(courseIds);
  // The certificate stands on graded work, which `npm start` has the demo learner do once the
  // grading worker runs (scripts/demo-work.ts); the seed only reports one issued by an earlier start.
  const learner = DEMO_ACCOUNTS.find((account) => account.role === "LEARNER");
  const demo = learner ? await readDemoProgress(learner.email) : null;
  // The seed's one line of output: scripts/lib/stack.ts reads it to print the URL when `npm start` is ready.
  console.log(JSON.stringify({ demoCertificateUrl: demo?.certificateUrl ?? null }));
}

main()
  .then(() => db.$disconnect())
  .catch(async (error: unknown) => {
    log.fatal({ err: error }, "seed failed");
    await db.$disconnect();
    process.exit(1);
  });
