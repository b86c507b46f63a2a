// Deep Linking 2.0 on the run's own Postgres: a stored request is answered once, by the instructor
// whose launch started it, before it expires, with a response a platform can verify against the
// tool's published keys, and only when the platform accepts LTI resource links.
import "../test-tool-key";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { createLocalJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { db } from "../../db";
import { ValidationError } from "../../errors";
import { makeCourse, makeUser, rejection } from "../../instructor/test-fixtures";
import type { DeepLinkingSettings } from "../claims";
import { targetLinkUri } from "../targets";
import { listToolKeys } from "../tool-key";
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from "../vocabulary";
import { answerDeepLinking } from "./answer-deep-linking";
import { DeepLinkRefusedError, type DeepLinkRefusal } from "./deep-link-refusal";
import { listPickableItems } from "./list-pickable-items";
import { prepareReturnToPlatform } from "./return-to-platform";
import { DEEP_LINK_REQUEST_TTL_MS, startDeepLinking } from "./start-deep-linking";

const ISSUER = "https://lms.example.test";
const CLIENT_ID = `client-${crypto.randomUUID()}`;
const DEPLOYMENT = "deployment-1";
const RETURN_URL = "https://lms.example.test/deep_link/return?course=7";

let platformId: string;
let instructor: { id: string };
let otherInstructor: { id: string };
let courseSlug: string;
let hiddenCourseSlug: string;

const settingsOf = (overrides: Partial<DeepLinkingSettings> = {}): DeepLinkingSettings => ({
  deep_link_return_url: RETURN_URL,
  accept_types: ["link", "ltiResourceLink"],
  accept_presentation_document_targets: ["iframe", "window"],
  accept_multiple: true,
  accept_lineitem: true,
  data: `csrf-${crypto.randomUUID()}`,
  ...overrides,
});

async function start(overrides: Partial<DeepLinkingSettings> = {}, userId = instructor.id): Promise<string> {
  const path = await startDeepLinking({
    platformId,
    deploymentId: DEPLOYMENT,
    userId,
    ltiContextId: null,
    settings: settingsOf(overrides),
  });
  const id = /^\/lti\/deep-link\/([^/]+)$/.exec(path)?.[1];
  assert.ok(id, `a picker path without a language: ${path}`);
  return id;
}

async function refusalOf(promise: Promise<unknown>): Promise<DeepLinkRefusal> {
  const error = await rejection(promise);
  assert.ok(error instanceof DeepLinkRefusedError, `expected a refusal, got ${error.message}`);
  return error.reason;
}

/** Verifies the response the way a platform does: the tool's JWKS, iss = client id, aud = issuer. */
async function verifyAsPlatform(jwt: string): Promise<JWTPayload> {
  const keys = await listToolKeys();
  const { payload, protectedHeader } = await jwtVerify(
    jwt,
    createLocalJWKSet({ keys: keys.map((key) => key.publicJwk) }),
    { issuer: CLIENT_ID, audience: ISSUER, algorithms: ["RS256"] },
  );
  assert.equal(protectedHeader.kid, keys[0]?.kid);
  return payload;
}

const both = (text: string) => ({ en: text, "zh-CN": `${text}（中文）` });

before(async () => {
  const platform = await db.ltiPlatform.create({
    data: {
      issuer: ISSUER,
      clientId: CLIENT_ID,
      name: "Test LMS",
      authLoginUrl: `${ISSUER}/auth`,
      accessTokenUrl: `${ISSUER}/token`,
      jwksUrl: `${ISSUER}/jwks`,
      frameOrigins: [ISSUER],
      deployments: { create: { deploymentId: DEPLOYMENT } },
    },
  });
  platformId = platform.id;
  instructor = await makeUser("LEARNER");
  otherInstructor = await makeUser("LEARNER");

  const course = await makeCourse("deep-link");
  courseSlug = course.courseSlug;
  await db.course.update({
    where: { id: course.courseId },
    data: { title: both("Deep learning"), summary: both("Models that learn.") },
  });
  await db.assignment.update({ where: { id: course.assignmentId }, data: { title: both("Linear regression") } });
  await db.assignment.create({
    data: { courseId: course.courseId, slug: "warm-up", position: 1, title: both("Warm-up"), isGraded: false },
  });
  const lesson = await db.lesson.create({
    data: { courseId: course.courseId, slug: "loss", position: 0, title: both("Loss"), body: both("# Loss") },
  });
  await db.quiz.create({
    data: {
      courseId: course.courseId,
      lessonId: lesson.id,
      slug: "loss-quiz",
      kind: "LESSON",
      title: both("Loss quiz"),
    },
  });
  await db.quiz.create({
    data: { courseId: course.courseId, slug: "final-exam", kind: "EXAM", title: both("Final exam") },
  });

  const hidden = await makeCourse("deep-link-hidden");
  hiddenCourseSlug = hidden.courseSlug;
  await db.course.update({ where: { id: hidden.courseId }, data: { isPublished: false } });
});

after(() => db.$disconnect());

describe("starting a deep linking request", () => {
  test("stores the validated settings for 30 minutes and returns the picker's path", async () => {
    const startedAt = Date.now();
    const id = await start({ title: "Week 3" });
    const row = await db.ltiDeepLinkRequest.findUniqueOrThrow({ where: { id } });
    assert.equal(row.userId, instructor.id);
    assert.equal(row.platformId, platformId);
    assert.equal(row.deploymentId, DEPLOYMENT);
    assert.equal(row.usedAt, null);
    const ttl = row.expiresAt.getTime() - startedAt;
    assert.ok(ttl > DEEP_LINK_REQUEST_TTL_MS - 5_000 && ttl <= DEEP_LINK_REQUEST_TTL_MS + 1_000, `ttl ${ttl}`);
    assert.equal((row.settings as { title?: string }).title, "Week 3");
  });

  test("refuses settings that are not a deep linking request's", async () => {
    await assert.rejects(
      startDeepLinking({
        platformId,
        deploymentId: DEPLOYMENT,
        userId: instructor.id,
        ltiContextId: null,
        settings: { ...settingsOf(), deep_link_return_url: "javascript:alert(1)" },
      }),
    );
  });

  test("an expired request can no longer be picked from or answered", async () => {
    const id = await start();
    await db.ltiDeepLinkRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal(await refusalOf(listPickableItems({ userId: instructor.id, requestId: id, locale: "en" })), "expired");
    const answering = answerDeepLinking({
      userId: instructor.id,
      requestId: id,
      input: { choice: "add", targets: [`course:${courseSlug}`] },
      locale: "en",
    });
    assert.equal(await refusalOf(answering), "expired");
  });
});

describe("the picker", () => {
  test("offers each published course with its graded labs, lesson quizzes and exam, in the reader's language", async () => {
    const id = await start({ accept_multiple: false, accept_lineitem: false, title: "Week 3" });
    const picker = await listPickableItems({ userId: instructor.id, requestId: id, locale: "zh-CN" });
    assert.equal(picker.platformName, "Test LMS");
    assert.equal(picker.acceptsMultiple, false);
    assert.equal(picker.createsLineItems, false);
    assert.equal(picker.suggestedTitle, "Week 3");
    assert.equal(
      picker.courses.find((course) => course.slug === hiddenCourseSlug),
      undefined,
      "unpublished: hidden",
    );
    const course = picker.courses.find((found) => found.slug === courseSlug);
    assert.ok(course);
    assert.equal(course.title, "Deep learning（中文）");
    assert.deepEqual(
      course.items.map((item) => [item.key, item.title, item.lessonTitle, item.isGraded]),
      [
        [`course:${courseSlug}`, "Deep learning（中文）", null, true],
        [`lab:${courseSlug}/linear-regression`, "Linear regression（中文）", null, true],
        [`quiz:${courseSlug}/loss-quiz`, "Loss quiz（中文）", "Loss（中文）", true],
        [`exam:${courseSlug}/final-exam`, "Final exam（中文）", null, true],
      ],
    );
    assert.equal(course.items[0]?.text, "Models that learn.（中文）");
    assert.deepEqual(course.items[2]?.target, { kind: "quiz", courseSlug, slug: "loss-quiz" });
  });

  test("belongs to the instructor whose launch started it", async () => {
    const id = await start();
    assert.equal(
      await refusalOf(listPickableItems({ userId: otherInstructor.id, requestId: id, locale: "en" })),
      "missing",
    );
    const answering = answerDeepLinking({
      userId: otherInstructor.id,
      requestId: id,
      input: { choice: "cancel" },
      locale: "en",
    });
    assert.equal(await refusalOf(answering), "missing");
    const row = await db.ltiDeepLinkRequest.findUniqueOrThrow({ where: { id } });
    assert.equal(row.usedAt, null, "another user's attempt does not spend it");
    assert.equal(
      await refusalOf(listPickableItems({ userId: instructor.id, requestId: "no-such-request", locale: "en" })),
      "missing",
    );
  });

  test("is refused when the platform does not accept LTI resource links", async () => {
    const id = await start({ accept_types: ["link", "file", "html"] });
    assert.equal(
      await refusalOf(listPickableItems({ userId: instructor.id, requestId: id, locale: "en" })),
      "unsupported",
    );
    const answering = answerDeepLinking({
      userId: instructor.id,
      requestId: id,
      input: { choice: "add", targets: [`course:${courseSlug}`] },
      locale: "en",
    });
    assert.equal(await refusalOf(answering), "unsupported");
  });

  test("is refused for a platform an admin disabled", async () => {
    const id = await start();
    await db.ltiPlatform.update({ where: { id: platformId }, data: { isEnabled: false } });
    try {
      assert.equal(
        await refusalOf(listPickableItems({ userId: instructor.id, requestId: id, locale: "en" })),
        "disabled",
      );
    } finally {
      await db.ltiPlatform.update({ where: { id: platformId }, data: { isEnabled: true } });
    }
  });
});

describe("answering", () => {
  test("returns signed resource links with line items a platform verifies against the tool's JWKS", async () => {
    const id = await start({ accept_multiple: true });
    const stored = await db.ltiDeepLinkRequest.findUniqueOrThrow({ where: { id } });
    const { data } = stored.settings as { data?: string };
    assert.ok(data);
    const answer = await answerDeepLinking({
      userId: instructor.id,
      requestId: id,
      input: { choice: "add", targets: [`lab:${courseSlug}/linear-regression`, `course:${courseSlug}`], title: "" },
      locale: "en",
    });
    const payload = await verifyAsPlatform(answer.jwt);
    assert.equal(payload[CLAIM.deploymentId], DEPLOYMENT);
    assert.equal(payload[CLAIM.messageType], MESSAGE_TYPE.deepLinkingResponse);
    assert.equal(payload[CLAIM.version], LTI_VERSION);
    assert.equal(payload[CLAIM.deepLinkingData], data);
    assert.equal(typeof payload.nonce, "string");
    assert.ok(payload.exp! - payload.iat! <= 300);
    assert.deepEqual(payload[CLAIM.contentItems], [
      {
        type: "ltiResourceLink",
        title: "Linear regression",
        url: targetLinkUri({ kind: "lab", courseSlug, slug: "linear-regression" }),
        lineItem: {
          scoreMaximum: 100,
          label: "Linear regression",
          resourceId: `lab:${courseSlug}/linear-regression`,
          tag: "gradient",
        },
        custom: {},
      },
      {
        type: "ltiResourceLink",
        title: "Deep learning",
        text: "Models that learn.",
        url: targetLinkUri({ kind: "course", courseSlug }),
        lineItem: { scoreMaximum: 100, label: "Deep learning", resourceId: `course:${courseSlug}`, tag: "gradient" },
        custom: {},
      },
    ]);
    const row = await db.ltiDeepLinkRequest.findUniqueOrThrow({ where: { id } });
    assert.ok(row.usedAt, "the request is spent");
  });

  test("a title override names the one picked item and its line item; no line item when the platform declines them", async () => {
    const id = await start({ accept_lineitem: false, accept_multiple: false, data: undefined });
    const answer = await answerDeepLinking({
      userId: instructor.id,
      requestId: id,
      input: { choice: "add", targets: [`exam:${courseSlug}/final-exam`], title: "  Final, week 12 " },
      locale: "en",
    });
    const payload = await verifyAsPlatform(answer.jwt);
    assert.equal(CLAIM.deepLinkingData in payload, false, "no data when the request had none");
    assert.deepEqual(payload[CLAIM.contentItems], [
      {
        type: "ltiResourceLink",
        title: "Final, week 12",
        url: targetLinkUri({ kind: "exam", courseSlug, slug: "final-exam" }),
        custom: {},
      },
    ]);
  });

  test("is single use, even for two answers at once", async () => {
    const id = await start();
    const answer = (targets: string[]) =>
      answerDeepLinking({ userId: instructor.id, requestId: id, input: { choice: "add", targets }, locale: "en" });
    const results = await Promise.allSettled([
      answer([`course:${courseSlug}`]),
      answer([`quiz:${courseSlug}/loss-quiz`]),
    ]);
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
    const refused = results.find((result) => result.status === "rejected");
    assert.ok(refused?.status === "rejected" && refused.reason instanceof DeepLinkRefusedError);
    assert.equal(refused.reason.reason, "used");
    assert.equal(await refusalOf(answer([`course:${courseSlug}`])), "used");
    assert.equal(await refusalOf(listPickableItems({ userId: instructor.id, requestId: id, locale: "en" })), "used");
  });

  test("cancel returns no content items, with a message for the platform to show", async () => {
    const id = await start();
    const answer = await answerDeepLinking({
      userId: instructor.id,
      requestId: id,
      input: { choice: "cancel" },
      locale: "zh-CN",
    });
    const payload = await verifyAsPlatform(answer.jwt);
    assert.deepEqual(payload[CLAIM.contentItems], []);
    assert.equal(payload[CLAIM.deepLinkingMessage], "未从 Gradient 添加任何内容。");
    assert.equal(await refusalOf(listPickableItems({ userId: instructor.id, requestId: id, locale: "en" })), "used");
  });

  test("refuses a choice that cannot be added, leaving the request open", async () => {
    const id = await start({ accept_multiple: false });
    const problemOf = async (input: unknown) => {
      const error = await rejection(answerDeepLinking({ userId: instructor.id, requestId: id, input, locale: "en" }));
      assert.ok(error instanceof ValidationError, error.message);
      return error.fieldErrors;
    };
    assert.deepEqual(await problemOf({ choice: "add", targets: [] }), { targets: ["pickOne"] });
    assert.deepEqual(
      await problemOf({ choice: "add", targets: [`course:${courseSlug}`, `lab:${courseSlug}/linear-regression`] }),
      {
        targets: ["tooMany"],
      },
    );
    assert.deepEqual(await problemOf({ choice: "add", targets: [`course:${hiddenCourseSlug}`] }), {
      targets: ["unknownItem"],
    });
    assert.deepEqual(await problemOf({ choice: "add", targets: [`lab:${courseSlug}/warm-up`] }), {
      targets: ["unknownItem"],
    });
    assert.deepEqual(await problemOf({ choice: "add", targets: [`course:${courseSlug}`], title: "x".repeat(256) }), {
      title: ["titleTooLong"],
    });
    assert.deepEqual(await problemOf({ choice: "maybe" }), { targets: ["pickOne"] });
    const row = await db.ltiDeepLinkRequest.findUniqueOrThrow({ where: { id } });
    assert.equal(row.usedAt, null);

    const several = await start({ accept_multiple: true });
    const error = await rejection(
      answerDeepLinking({
        userId: instructor.id,
        requestId: several,
        input: { choice: "add", targets: [`course:${courseSlug}`, `exam:${courseSlug}/final-exam`], title: "One name" },
        locale: "en",
      }),
    );
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.fieldErrors, { title: ["titleForOne"] });
  });
});

describe("the return step", () => {
  test("hands back the stored return URL for the request's own answer, and nothing else", async () => {
    const id = await start();
    const answer = await answerDeepLinking({
      userId: instructor.id,
      requestId: id,
      input: { choice: "add", targets: [`course:${courseSlug}`] },
      locale: "en",
    });
    const ready = await prepareReturnToPlatform({ userId: instructor.id, requestId: id, jwt: answer.jwt });
    assert.deepEqual(ready, { returnUrl: RETURN_URL, platformName: "Test LMS", jwt: answer.jwt });

    assert.equal(
      await refusalOf(prepareReturnToPlatform({ userId: otherInstructor.id, requestId: id, jwt: answer.jwt })),
      "missing",
    );
    // The answer to another request (another data value) is not this request's.
    const other = await start();
    const otherAnswer = await answerDeepLinking({
      userId: instructor.id,
      requestId: other,
      input: { choice: "cancel" },
      locale: "en",
    });
    assert.equal(
      await refusalOf(prepareReturnToPlatform({ userId: instructor.id, requestId: id, jwt: otherAnswer.jwt })),
      "unconfirmed",
    );
    // A look-alike signed with another key.
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = await new SignJWT(decodeJwt(answer.jwt))
      .setProtectedHeader({ alg: "RS256", kid: (await listToolKeys())[0]?.kid })
      .sign(privateKey);
    assert.equal(
      await refusalOf(prepareReturnToPlatform({ userId: instructor.id, requestId: id, jwt: forged })),
      "unconfirmed",
    );
    assert.equal(
      await refusalOf(prepareReturnToPlatform({ userId: instructor.id, requestId: id, jwt: "not a jwt" })),
      "unconfirmed",
    );
  });

  test("is refused before the request was answered", async () => {
    const id = await start();
    assert.equal(
      await refusalOf(prepareReturnToPlatform({ userId: instructor.id, requestId: id, jwt: "a.b.c" })),
      "missing",
    );
  });
});
