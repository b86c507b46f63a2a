// Lab drafts against the real Postgres: who may read and write them, stale writes from an older tab, the size limit.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { closeConnections, createCourseWithLab, createPerson } from "../api/test-fixtures";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { deleteLabDraft, getLabDraft, saveLabDraft, StaleDraftError } from "./lab-draft";

let lab: Awaited<ReturnType<typeof createCourseWithLab>>;
let learner: { id: string };
let other: { id: string };
let stranger: { id: string };

before(async () => {
  lab = await createCourseWithLab({ maxCodeBytes: 500 });
  learner = (await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" })).user;
  other = (await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" })).user;
  stranger = (await createPerson("LEARNER")).user;
});

after(closeConnections);

const write = (code: string, baseUpdatedAt: string | null, language = "javascript") => ({
  courseSlug: lab.courseSlug,
  assignmentSlug: lab.labSlug,
  code,
  language,
  baseUpdatedAt,
});

describe("lab drafts", () => {
  test("are kept per learner: each reads only their own", async () => {
    const saved = await saveLabDraft(learner, write("// mine", null, "typescript"));
    assert.equal(saved.code, "// mine");
    assert.equal(saved.language, "typescript");
    assert.deepEqual(await getLabDraft(learner, lab.courseSlug, lab.labSlug), saved);
    assert.equal(await getLabDraft(other, lab.courseSlug, lab.labSlug), null);
  });

  test("refuse a learner who is not enrolled, and an unknown lab", async () => {
    await assert.rejects(saveLabDraft(stranger, write("// x", null)), ForbiddenError);
    assert.equal(await getLabDraft(stranger, lab.courseSlug, lab.labSlug), null);
    await assert.rejects(
      saveLabDraft(learner, { ...write("// x", null), assignmentSlug: "no-such-lab" }),
      NotFoundError,
    );
    await assert.rejects(deleteLabDraft(stranger, lab.courseSlug, lab.labSlug), ForbiddenError);
  });

  test("refuse a write that started from an older draft, and accept the one that started from the newest", async () => {
    const first = await saveLabDraft(other, write("// tab A, first", null));
    // Tab B opened before anything was saved: it is behind tab A's draft.
    await assert.rejects(saveLabDraft(other, write("// tab B", null)), StaleDraftError);
    const second = await saveLabDraft(other, write("// tab A, second", first.updatedAt));
    assert.ok(second.updatedAt > first.updatedAt);
    // Tab C loaded the first draft and types after tab A's second save.
    await assert.rejects(saveLabDraft(other, write("// tab C", first.updatedAt)), StaleDraftError);
    assert.equal((await getLabDraft(other, lab.courseSlug, lab.labSlug))?.code, "// tab A, second");
  });

  test("are limited to the lab's code size, and validated", async () => {
    const current = await getLabDraft(learner, lab.courseSlug, lab.labSlug);
    await assert.rejects(
      saveLabDraft(learner, write("x".repeat(501), current?.updatedAt ?? null)),
      (error: unknown) => error instanceof ValidationError && /at most 500/.test(error.fieldErrors.code?.[0] ?? ""),
    );
    await assert.rejects(saveLabDraft(learner, { ...write("// x", null), language: "python" }), ValidationError);
    await assert.rejects(
      saveLabDraft(learner, { ...write("// x", null), baseUpdatedAt: "yesterday" }),
      ValidationError,
    );
    assert.equal((await getLabDraft(learner, lab.courseSlug, lab.labSlug))?.code, "// mine");
  });

  test("are forgotten on reset, after which a write starts afresh", async () => {
    await deleteLabDraft(learner, lab.courseSlug, lab.labSlug);
    assert.equal(await getLabDraft(learner, lab.courseSlug, lab.labSlug), null);
    assert.equal((await saveLabDraft(learner, write("// again", null))).code, "// again");
  });
});
