// NRPS roster sync against a platform written from the specification: two pages joined through the
// Link header, members who left removed, who has not launched yet, the platform's errors stored, and
// only the course's instructors and admins allowed.
import "../testing/test-queue-prefix";
import "../test-tool-key";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "../../db";
import { ForbiddenError, NotFoundError } from "../../errors";
import { makeCourse, makeUser, rejection, type TestCourse } from "../../instructor/test-fixtures";
import { LtiServiceError } from "../service-request";
import { listToolKeys } from "../tool-key";
import { startServicePlatform, type ServicePlatform } from "../testing/service-platform";
import { listLmsCourses } from "./list-lms-courses";
import { nextPageUrl, syncRoster } from "./sync-roster";

const CLIENT_ID = "gradient-roster-client";
const INSTRUCTOR_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
const LEARNER_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";

let platform: ServicePlatform;
let course: TestCourse;
let contextId: string;
let instructor: Awaited<ReturnType<typeof makeUser>>;

before(async () => {
  platform = await startServicePlatform({
    clientId: CLIENT_ID,
    toolJwks: async () => ({ keys: (await listToolKeys()).map((key) => ({ ...key.publicJwk })) }),
  });
  course = await makeCourse("lti-roster");
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" });
  const registered = await db.ltiPlatform.create({
    data: {
      issuer: platform.origin,
      clientId: CLIENT_ID,
      name: "Spec LMS",
      authLoginUrl: `${platform.origin}/auth`,
      accessTokenUrl: platform.tokenUrl,
      jwksUrl: `${platform.origin}/jwks`,
    },
  });
  const context = await db.ltiContext.create({
    data: {
      platformId: registered.id,
      deploymentId: "deployment-1",
      contextId: "course-7",
      title: "Course 7",
      membershipsUrl: platform.membershipsUrl,
    },
  });
  contextId = context.id;
  await db.ltiResourceLink.create({
    data: { ltiContextId: contextId, resourceLinkId: "link-course", courseId: course.courseId, targetKind: "COURSE" },
  });
  // One member has launched Gradient from this LMS already.
  const launched = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" });
  await db.ltiUser.create({
    data: { platformId: registered.id, sub: "sub-ada", userId: launched.id, lastLaunchAt: new Date() },
  });
});

after(async () => {
  await platform?.close();
  await db.$disconnect();
});

describe("NRPS roster sync", () => {
  test("reads every page, marks who has launched, and removes members who left", async () => {
    platform.memberPages = [
      [
        { user_id: "sub-ada", name: "Ada Lovelace", email: "ada@lms.example", roles: [LEARNER_ROLE], status: "Active" },
        { user_id: "sub-tess", given_name: "Tess", family_name: "Teacher", roles: [INSTRUCTOR_ROLE] },
      ],
      [{ user_id: "sub-bo", name: "Bo", roles: ["Learner"], status: "Inactive" }, { name: "no user id: left out" }],
    ];
    const synced = await syncRoster({ viewer: instructor, courseSlug: course.courseSlug, ltiContextId: contextId });
    assert.equal(synced.memberCount, 3);
    const { lmsCourses } = await listLmsCourses({ viewer: instructor, courseSlug: course.courseSlug });
    const lms = lmsCourses.find((candidate) => candidate.id === contextId);
    assert.ok(lms?.rosterSyncedAt);
    assert.equal(lms.rosterError, null);
    assert.deepEqual(
      lms.members.map(({ sub, name, role, status, hasLaunched }) => ({ sub, name, role, status, hasLaunched })),
      [
        { sub: "sub-ada", name: "Ada Lovelace", role: "learner", status: "Active", hasLaunched: true },
        { sub: "sub-bo", name: "Bo", role: "learner", status: "Inactive", hasLaunched: false },
        { sub: "sub-tess", name: "Tess Teacher", role: "instructor", status: "Active", hasLaunched: false },
      ],
    );

    platform.memberPages = [[{ user_id: "sub-ada", name: "Ada Lovelace", roles: [LEARNER_ROLE] }]];
    const again = await syncRoster({ viewer: instructor, courseSlug: course.courseSlug, ltiContextId: contextId });
    assert.deepEqual({ members: again.memberCount, removed: again.removedCount }, { members: 1, removed: 2 });
    assert.deepEqual(
      (await db.ltiRosterMember.findMany({ where: { ltiContextId: contextId } })).map((member) => member.sub),
      ["sub-ada"],
    );
  });

  test("a platform error is stored and the last good roster kept", async () => {
    await db.ltiContext.update({
      where: { id: contextId },
      data: { membershipsUrl: `${platform.origin}/courses/7/missing` },
    });
    try {
      const error = await rejection(
        syncRoster({ viewer: instructor, courseSlug: course.courseSlug, ltiContextId: contextId }),
      );
      assert.ok(error instanceof LtiServiceError);
      assert.equal(error.status, 404);
    } finally {
      await db.ltiContext.update({ where: { id: contextId }, data: { membershipsUrl: platform.membershipsUrl } });
    }
    const context = await db.ltiContext.findUniqueOrThrow({ where: { id: contextId } });
    assert.match(context.rosterError ?? "", /HTTP 404/);
    assert.equal(await db.ltiRosterMember.count({ where: { ltiContextId: contextId } }), 1);
  });

  test("is refused to anyone but the course's instructors and admins", async () => {
    const learner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" });
    const otherInstructor = await makeUser("INSTRUCTOR");
    for (const viewer of [learner, otherInstructor]) {
      const error = await rejection(syncRoster({ viewer, courseSlug: course.courseSlug, ltiContextId: contextId }));
      assert.ok(error instanceof ForbiddenError);
      assert.ok((await rejection(listLmsCourses({ viewer, courseSlug: course.courseSlug }))) instanceof ForbiddenError);
    }
    // An LMS course placed in another Gradient course is not this course's to sync.
    const other = await makeCourse("lti-roster-other");
    const otherTeacher = await makeUser("INSTRUCTOR", { courseId: other.courseId, as: "INSTRUCTOR" });
    const error = await rejection(
      syncRoster({ viewer: otherTeacher, courseSlug: other.courseSlug, ltiContextId: contextId }),
    );
    assert.ok(error instanceof NotFoundError);
    const admin = await makeUser("ADMIN");
    platform.memberPages = [[{ user_id: "sub-ada", roles: [LEARNER_ROLE] }]];
    assert.equal(
      (await syncRoster({ viewer: admin, courseSlug: course.courseSlug, ltiContextId: contextId })).memberCount,
      1,
    );
  });

  test("follows only rel=next among the Link header's relations", () => {
    const page = "https://lms.example/memberships";
    assert.equal(
      nextPageUrl('<https://lms.example/m?p=1>; rel="first", <https://lms.example/m?p=3>; rel="next"', page),
      "https://lms.example/m?p=3",
    );
    assert.equal(nextPageUrl("</m?p=2>; rel=next", page), "https://lms.example/m?p=2");
    assert.equal(nextPageUrl('<https://lms.example/m?p=1>; rel="prev"', page), null);
    assert.equal(nextPageUrl(null, page), null);
  });
});
