// What a validated resource link launch does to the database: one account per (platform, sub),
// never an existing account found by email; the enrolment role the platform gives, kept in step;
// the context and placement with their service endpoints; and refusals that create nothing.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { decode } from "next-auth/jwt";
import { db } from "../db";
import { env } from "../env";
import { makeCourse, makeUser, rejection, type TestCourse } from "../instructor/test-fixtures";
import type { ResourceLinkClaims } from "./claims";
import { completeResourceLinkLaunch } from "./complete-launch";
import { syntheticEmail } from "./launch-account";
import { LaunchRefusedError } from "./launch-errors";
import { encodeSessionToken, framedSessionCookie } from "./session-cookie";
import { createSessionTicket, redeemSessionTicket } from "./session-ticket";
import { targetLinkUri } from "./targets";
import type { LaunchPlatform } from "./validate-launch";
import { CLAIM, LEARNER_ROLE, LTI_VERSION, MESSAGE_TYPE, SCOPE, TEACHING_ROLES } from "./vocabulary";

let course: TestCourse;
let platform: LaunchPlatform;
let otherPlatform: LaunchPlatform;
const DEPLOYMENT = "deployment-1";

async function makePlatform(label: string): Promise<LaunchPlatform> {
  const issuer = `https://${label}-${crypto.randomUUID()}.example`;
  return db.ltiPlatform.create({
    data: {
      issuer,
      clientId: "gradient",
      name: label,
      authLoginUrl: `${issuer}/auth`,
      accessTokenUrl: `${issuer}/token`,
      jwksUrl: `${issuer}/jwks`,
      deployments: { create: { deploymentId: DEPLOYMENT } },
    },
    select: { id: true, issuer: true, clientId: true, name: true },
  });
}

before(async () => {
  course = await makeCourse("lti-complete");
  platform = await makePlatform("platform");
  otherPlatform = await makePlatform("other");
});

after(async () => {
  await db.$disconnect();
});

function claims(sub: string, overrides: Partial<ResourceLinkClaims> = {}): ResourceLinkClaims {
  return {
    iss: platform.issuer,
    sub,
    nonce: "n",
    name: "Ada Lovelace",
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: DEPLOYMENT,
    [CLAIM.targetLinkUri]: targetLinkUri({ kind: "lab", courseSlug: course.courseSlug, slug: course.assignmentSlug }),
    [CLAIM.resourceLink]: { id: `link-${sub}`, title: "Linear regression" },
    [CLAIM.roles]: [LEARNER_ROLE],
    [CLAIM.context]: { id: "course-101", title: "Machine learning 101", label: "ML101" },
    [CLAIM.agsEndpoint]: {
      scope: [SCOPE.score, SCOPE.lineItem],
      lineitems: "https://lms.example/api/lineitems",
      lineitem: "https://lms.example/api/lineitems/7",
    },
    [CLAIM.nrpsService]: { context_memberships_url: "https://lms.example/api/members", service_versions: ["2.0"] },
    ...overrides,
  };
}

async function enrolmentRole(userId: string): Promise<string | undefined> {
  const row = await db.enrolment.findUnique({ where: { userId_courseId: { userId, courseId: course.courseId } } });
  return row?.role;
}

describe("completeResourceLinkLaunch", () => {
  test("a first launch creates an account of its own, a second finds it again", async () => {
    const sub = `sub-${crypto.randomUUID()}`;
    const first = await completeResourceLinkLaunch({ platform, deploymentId: DEPLOYMENT, claims: claims(sub) });
    assert.equal(first.pagePath, `/courses/${course.courseSlug}/labs/${course.assignmentSlug}`);
    const user = await db.user.findUniqueOrThrow({ where: { id: first.account.id } });
    assert.equal(user.email, syntheticEmail(platform.id, sub));
    assert.match(user.email, /^lti-[0-9a-f]{24}@lti\.invalid$/);
    assert.equal(user.role, "LEARNER");
    assert.equal(user.name, "Ada Lovelace");
    assert.match(user.passwordHash, /^scrypt\$/);

    const second = await completeResourceLinkLaunch({ platform, deploymentId: DEPLOYMENT, claims: claims(sub) });
    assert.equal(second.account.id, first.account.id);
    assert.equal(await db.ltiUser.count({ where: { platformId: platform.id, sub } }), 1);

    const samesubElsewhere = await completeResourceLinkLaunch({
      platform: otherPlatform,
      deploymentId: DEPLOYMENT,
      claims: claims(sub, { iss: otherPlatform.issuer }),
    });
    assert.notEqual(samesubElsewhere.account.id, first.account.id, "sub is per platform");
    const another = await completeResourceLinkLaunch({
      platform,
      deploymentId: DEPLOYMENT,
      claims: claims(`${sub}-b`),
    });
    assert.notEqual(another.account.id, first.account.id);
  });

  test("never links an existing Gradient account by the email the platform sends", async () => {
    const existing = await makeUser("ADMIN");
    const launched = await completeResourceLinkLaunch({
      platform,
      deploymentId: DEPLOYMENT,
      claims: claims(`sub-${crypto.randomUUID()}`, { email: existing.email }),
    });
    assert.notEqual(launched.account.id, existing.id);
    assert.equal(await enrolmentRole(existing.id), undefined);
    const link = await db.ltiUser.findFirstOrThrow({ where: { userId: launched.account.id } });
    assert.equal(link.email, existing.email, "the platform's email is kept on the link only");
  });

  test("an instructor on the platform is enrolled as instructor, a learner as learner, following each launch", async () => {
    const sub = `sub-${crypto.randomUUID()}`;
    const teacher = await completeResourceLinkLaunch({
      platform,
      deploymentId: DEPLOYMENT,
      claims: claims(sub, { [CLAIM.roles]: [TEACHING_ROLES[0]] }),
    });
    assert.equal(await enrolmentRole(teacher.account.id), "INSTRUCTOR");
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: teacher.account.id } })).role, "LEARNER");
    await completeResourceLinkLaunch({ platform, deploymentId: DEPLOYMENT, claims: claims(sub) });
    assert.equal(await enrolmentRole(teacher.account.id), "LEARNER");
    const learner = await completeResourceLinkLaunch({
      platform,
      deploymentId: DEPLOYMENT,
      claims: claims(`sub-${crypto.randomUUID()}`),
    });
    assert.equal(await enrolmentRole(learner.account.id), "LEARNER");
  });

  test("records the context, the placement with its line item, the language and an audit entry", async () => {
    const sub = `sub-${crypto.randomUUID()}`;
    const launched = await completeResourceLinkLaunch({
      platform,
      deploymentId: DEPLOYMENT,
      claims: claims(sub, { [CLAIM.launchPresentation]: { locale: "zh-CN" } }),
    });
    assert.equal(launched.locale, "zh-CN");
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: launched.account.id } })).locale, "zh-CN");
    const context = await db.ltiContext.findUniqueOrThrow({
      where: { platformId_contextId: { platformId: platform.id, contextId: "course-101" } },
    });
    assert.equal(context.title, "Machine learning 101");
    assert.equal(context.membershipsUrl, "https://lms.example/api/members");
    assert.equal(context.lineItemsUrl, "https://lms.example/api/lineitems");
    assert.deepEqual(context.agsScopes, [SCOPE.score, SCOPE.lineItem]);
    const link = await db.ltiResourceLink.findUniqueOrThrow({
      where: { ltiContextId_resourceLinkId: { ltiContextId: context.id, resourceLinkId: `link-${sub}` } },
    });
    assert.deepEqual(
      { courseId: link.courseId, targetKind: link.targetKind, targetId: link.targetId, lineItemUrl: link.lineItemUrl },
      {
        courseId: course.courseId,
        targetKind: "LAB",
        targetId: course.assignmentId,
        lineItemUrl: "https://lms.example/api/lineitems/7",
      },
    );
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "lti.launch", actorId: launched.account.id } });
    assert.equal(audit.targetId, link.id);
  });

  test("a launch without a context still signs in and enrols, and records no placement", async () => {
    const sub = `sub-${crypto.randomUUID()}`;
    const contextless = await makePlatform("contextless");
    const launched = await completeResourceLinkLaunch({
      platform: contextless,
      deploymentId: DEPLOYMENT,
      claims: claims(sub, { iss: contextless.issuer, [CLAIM.context]: undefined }),
    });
    assert.equal(await enrolmentRole(launched.account.id), "LEARNER");
    assert.equal(await db.ltiResourceLink.count({ where: { context: { platformId: contextless.id } } }), 0);
    assert.equal(await db.ltiContext.count({ where: { platformId: contextless.id } }), 0);
  });

  test("a link that is not a Gradient target, or whose target is gone, is refused and creates no account", async () => {
    for (const [uri, reason] of [
      ["https://elsewhere.example/page", "not_a_target"],
      [targetLinkUri({ kind: "lab", courseSlug: course.courseSlug, slug: "no-such-lab" }), "unknown_target"],
    ] as const) {
      const sub = `sub-${crypto.randomUUID()}`;
      const error = await rejection(
        completeResourceLinkLaunch({
          platform,
          deploymentId: DEPLOYMENT,
          claims: claims(sub, { [CLAIM.targetLinkUri]: uri }),
        }),
      );
      assert.ok(error instanceof LaunchRefusedError);
      assert.equal(error.reason, reason);
      assert.equal(await db.ltiUser.count({ where: { platformId: platform.id, sub } }), 0);
    }
  });
});

describe("the launch's session", () => {
  test("the cookie is next-auth's own session, set for a third-party frame", async () => {
    const user = await makeUser("LEARNER");
    const token = await encodeSessionToken(user);
    const decoded = await decode({ token, secret: env.AUTH_SECRET ?? "" });
    assert.equal(decoded?.uid, user.id);
    const cookie = await framedSessionCookie(user);
    assert.match(cookie, /^(__Secure-)?next-auth\.session-token=[^;]+; Path=\//);
    for (const attribute of ["HttpOnly", "Secure", "SameSite=None", "Partitioned"])
      assert.ok(cookie.includes(attribute));
  });

  test("a first-party ticket is spent once, within its time, and names only a path on this site", async () => {
    const user = await makeUser("LEARNER");
    const ticket = await createSessionTicket({ userId: user.id, targetPath: "/en/courses/x" });
    const redeemed = await redeemSessionTicket(ticket);
    assert.deepEqual(redeemed, {
      account: { id: user.id, name: user.name, email: user.email },
      targetPath: "/en/courses/x",
    });
    assert.equal(await redeemSessionTicket(ticket), null, "a ticket works once");
    const late = await createSessionTicket({ userId: user.id, targetPath: "/en/courses/x" });
    assert.equal(await redeemSessionTicket(late, new Date(Date.now() + 6 * 60 * 1000)), null, "and for five minutes");
    for (const targetPath of ["https://evil.example/", "//evil.example/", "/\\evil.example"])
      await assert.rejects(createSessionTicket({ userId: user.id, targetPath }));
  });
});
