// Every server action in the production build, called over HTTP as the browser calls it, by each
// kind of visitor: who may use it, what everyone else is told, and that a refusal writes nothing.
// Then every action is fed invalid, oversized and malformed arguments: never a server error,
// always a message, never a partial write.
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { demoAccount, OTHER_ACCOUNTS, OTHER_COURSE, storageStateFor } from "./fixtures/accounts";
import { Database } from "./fixtures/database-fingerprint";
import { runLib } from "./fixtures/run-lib";
import { seededSimilarity } from "./fixtures/similarity";
import {
  callAction,
  serverActionsInBuild,
  type ActionResponse,
  type RawBody,
  type ServerAction,
} from "./fixtures/server-actions";
import { ltiDeepLinkMessagesFor } from "../lib/i18n/lti-deep-link-messages";

const ROLES = ["anonymous", "LEARNER", "OTHER_LEARNER", "OTHER_INSTRUCTOR", "INSTRUCTOR", "ADMIN"] as const;
type Role = (typeof ROLES)[number];

const COURSE = "ml-foundations";
const LAB = "linear-regression";
/** A course the demo instructor creates for these tests, so authoring them changes no course people try. */
const MATRIX_COURSE = "action-matrix-course";
const MATRIX_LESSON = "matrix-lesson";

interface Fixtures {
  ids: Record<Exclude<Role, "anonymous">, string>;
  /** The other learner's graded lab submission: someone else's work, to the demo learner. */
  otherSubmissionId: string;
  /** The demo learner's certificate. */
  certificatePublicId: string;
  certificateJwt: string;
  /** An API token of the demo learner. */
  learnerTokenId: string;
  /** An open lesson-quiz attempt of the demo learner. */
  learnerAttemptId: string;
}

interface Expected {
  /** Allowed calls may write; refused ones must not. */
  isAllowed: boolean;
  /** The decoded return value: exactly, for a refusal; the fields given, for an allowed call. */
  value?: unknown;
  /** A redirect the action answers with instead of a value. */
  redirect?: RegExp;
}

const allowed = (value: unknown = { isOk: true }): Expected => ({ isAllowed: true, value });
const refused = (value: unknown): Expected => ({ isAllowed: false, value });
/** The refusal of an action that answers with ActionResult (app/_lib/action-result.ts) or the same shape. */
const refusal = (message: string, fieldErrors: Record<string, string[]> = {}) =>
  refused({ isOk: false, message, fieldErrors });
/** The same, for the actions whose result has no field errors. */
const shortRefusal = (message: string) => refused({ isOk: false, message });

const SIGN_IN = "Please sign in first.";
const ADMINS_ONLY = "Only admins can do this.";
const AUTHORS_ONLY = "Only instructors and admins can author courses.";
const EDITORS_ONLY = "Only the instructors of this course and admins can edit it.";
const TEACHERS_ONLY = "Only the instructors of this course and admins can see this.";
/** A well-formed id no LTI platform has. */
const NO_PLATFORM = "nosuchplatform00000000";
const NO_DEEP_LINK = ltiDeepLinkMessagesFor("en").refusals.missing;

interface Scenario {
  /** "file#export", as in the build's manifest. */
  action: string;
  title: string;
  args: (fixtures: Fixtures, role: Role) => unknown[];
  expected: Record<Role, Expected>;
}

const both = (text: string) => ({ en: text, "zh-CN": `${text}（中文）` });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};
const unique = (role: Role) => `${role.toLowerCase().replaceAll("_", "-")}-${Date.now().toString(36)}`;
const lessonQuizYaml = () =>
  fs.readFileSync(`content/courses/${COURSE}/lessons/01-what-are-large-models/quiz.yaml`, "utf8");
const labFiles = (slug: string) => ({
  specYaml: fs
    .readFileSync(`content/courses/${COURSE}/assignments/${LAB}/assignment.yaml`, "utf8")
    .replace(/^slug: .*$/m, `slug: ${slug}`),
  brief: { en: "# Brief\n\nFit a line.\n", "zh-CN": "# 说明\n\n拟合一条直线。\n" },
  starter: "export async function train() {}\n",
});
/** A lab submission the grader fails at once, so the matrix does not wait on training. */
const BROKEN_CODE = "export async function train( {";

/** Same outcome for every role but the anonymous visitor, who is asked to sign in. */
function signedIn(outcome: Expected, anonymous: Expected = refusal(SIGN_IN)): Record<Role, Expected> {
  return {
    anonymous,
    LEARNER: outcome,
    OTHER_LEARNER: outcome,
    OTHER_INSTRUCTOR: outcome,
    INSTRUCTOR: outcome,
    ADMIN: outcome,
  };
}
/** Only admins. */
function adminsOnly(outcome: Expected, refusedWith: Expected = refusal(ADMINS_ONLY)): Record<Role, Expected> {
  return {
    anonymous: refusal(SIGN_IN),
    LEARNER: refusedWith,
    OTHER_LEARNER: refusedWith,
    OTHER_INSTRUCTOR: refusedWith,
    INSTRUCTOR: refusedWith,
    ADMIN: outcome,
  };
}
/**
 * The demo course's (or the matrix course's) instructor and admins; learners and the other course's instructor get
 * `refusedWith`.
 */
function teachersOnly(
  outcome: Expected,
  refusedWith: Expected,
  forLearners: Expected = refusedWith,
): Record<Role, Expected> {
  return {
    anonymous: refusal(SIGN_IN),
    LEARNER: forLearners,
    OTHER_LEARNER: forLearners,
    OTHER_INSTRUCTOR: refusedWith,
    INSTRUCTOR: outcome,
    ADMIN: outcome,
  };
}

const SCENARIOS: Scenario[] = [
  {
    action: "lib/i18n/set-locale.ts#setLocaleAction",
    title: "switches the language",
    args: () => [null, form({ locale: "en" })],
    // It answers with the same page (the home page, no returnTo given) in the chosen language.
    expected: signedIn({ isAllowed: true, redirect: /^\/en;/ }, { isAllowed: true, redirect: /^\/en;/ }),
  },
  {
    action: "app/[locale]/sign-up/actions.ts#signUpAction",
    title: "creates an account",
    args: (_, role) => [
      { name: "Matrix Sign-up", email: `signup-${unique(role)}@example.com`, password: "a long enough password" },
    ],
    expected: {
      anonymous: allowed(),
      LEARNER: allowed(),
      OTHER_LEARNER: allowed(),
      OTHER_INSTRUCTOR: allowed(),
      INSTRUCTOR: allowed(),
      ADMIN: allowed(),
    },
  },
  {
    action: "app/[locale]/account/tokens/actions.ts#createTokenAction",
    title: "mints an API token for oneself",
    args: () => [{ name: "matrix", expiresInDays: "7" }],
    expected: signedIn(
      allowed({ isOk: true, name: "matrix" }),
      refused({ isOk: false, message: SIGN_IN, fieldErrors: {} }),
    ),
  },
  {
    action: "app/[locale]/account/tokens/actions.ts#revokeTokenAction",
    title: "revokes the demo learner's token by id",
    args: (fixtures) => [fixtures.learnerTokenId],
    expected: { ...signedIn(shortRefusal("There is no such token."), shortRefusal(SIGN_IN)), LEARNER: allowed() },
  },
  {
    action: "app/[locale]/account/apps/actions.ts#disconnectAppAction",
    title: "disconnects an app the learner never connected",
    args: () => ["no-such-client"],
    expected: signedIn(allowed({ isOk: true, value: { disconnected: 0 } }), refusal(SIGN_IN)),
  },
  {
    action: "app/[locale]/ims/ob/v3p0/auth/authorize/actions.ts#decideAuthorizationAction",
    title: "answers an authorization request from an unregistered app",
    args: () => [{ client_id: "no-such-client", response_type: "code" }, true],
    expected: signedIn(refusal("This authorization request is not valid."), refusal(SIGN_IN)),
  },
  {
    action: "app/[locale]/admin/actions.ts#changeRoleAction",
    title: "changes an account's role",
    args: (fixtures) => [{ userId: fixtures.ids.OTHER_LEARNER, role: "LEARNER" }],
    expected: adminsOnly(allowed({ isOk: true, value: { isChanged: false } })),
  },
  {
    action: "app/[locale]/admin/actions.ts#setCourseInstructorAction",
    title: "makes an account an instructor of a course",
    args: (fixtures) => [{ userId: fixtures.ids.OTHER_INSTRUCTOR, courseSlug: COURSE, isInstructor: false }],
    expected: adminsOnly(allowed({ isOk: true, value: { isChanged: false } })),
  },
  {
    action: "app/[locale]/admin/lti/actions.ts#registerPlatformAction",
    title: "registers an LTI platform by hand",
    args: (_, role) => [
      {
        name: "Matrix LMS",
        issuer: `https://${unique(role)}.lms.example`,
        clientId: "matrix-client",
        authLoginUrl: "https://lms.example/auth",
        accessTokenUrl: "https://lms.example/token",
        jwksUrl: "https://lms.example/jwks",
        deploymentIds: "matrix-deployment",
        frameOrigins: "",
      },
    ],
    expected: adminsOnly(allowed({ isOk: true })),
  },
  {
    action: "app/[locale]/admin/lti/actions.ts#updatePlatformAction",
    title: "edits an LTI platform that does not exist",
    args: () => [
      {
        platformId: NO_PLATFORM,
        name: "Matrix LMS",
        issuer: "https://lms.example",
        clientId: "matrix-client",
        authLoginUrl: "https://lms.example/auth",
        accessTokenUrl: "https://lms.example/token",
        jwksUrl: "https://lms.example/jwks",
        deploymentIds: "matrix-deployment",
      },
    ],
    expected: adminsOnly(refusal("There is no such platform.")),
  },
  {
    action: "app/[locale]/admin/lti/actions.ts#setPlatformEnabledAction",
    title: "disables an LTI platform that does not exist",
    args: () => [{ platformId: NO_PLATFORM, isEnabled: false }],
    expected: adminsOnly(refusal("There is no such platform.")),
  },
  {
    action: "app/[locale]/admin/lti/actions.ts#removePlatformAction",
    title: "removes an LTI platform that does not exist",
    args: () => [{ platformId: NO_PLATFORM }],
    expected: adminsOnly(refusal("There is no such platform.")),
  },
  {
    action: "app/[locale]/admin/lti/actions.ts#rotateToolKeyAction",
    title: "rotates the LTI tool key",
    args: () => [{ isConfirmed: true }],
    expected: adminsOnly(allowed({ isOk: true })),
  },
  {
    action: "app/[locale]/admin/lti/actions.ts#createInviteAction",
    title: "makes a one-time LTI dynamic registration link",
    args: () => [{ isConfirmed: true }],
    expected: adminsOnly(allowed({ isOk: true })),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/lti/actions.ts#syncRosterAction",
    title: "syncs the roster of an LMS course the demo course is not placed in",
    args: () => [COURSE, "no-such-lms-course"],
    expected: teachersOnly(refusal("This LMS course is not linked to this course."), refusal(TEACHERS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/lti/actions.ts#resendScoreAction",
    title: "sends again a score post that does not exist",
    args: () => [COURSE, "no-such-score-post"],
    expected: teachersOnly(refusal("There is no such failed score."), refusal(TEACHERS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/lti/actions.ts#resendAllFailedAction",
    title: "sends again every failed score post of the demo course",
    args: () => [COURSE],
    expected: teachersOnly(allowed({ isOk: true }), refusal(TEACHERS_ONLY)),
  },
  {
    action: "app/[locale]/lti/deep-link/[requestId]/actions.ts#answerDeepLinkAction",
    title: "answers a deep linking request that does not exist",
    args: () => ["no-such-request", { choices: ["lab:ml-foundations/linear-regression"] }],
    expected: signedIn(refusal(`${NO_DEEP_LINK.title}. ${NO_DEEP_LINK.body}`), refusal(SIGN_IN)),
  },
  {
    action: "app/[locale]/courses/[courseSlug]/lessons/_quiz/actions.ts#startQuizAction",
    title: "starts a lesson quiz of the demo course",
    args: () => [{ message: null }, form({ courseSlug: COURSE, quizSlug: "preparing-data" })],
    expected: {
      anonymous: refused({ message: SIGN_IN }),
      LEARNER: {
        isAllowed: true,
        redirect: /^\/en\/courses\/ml-foundations\/lessons\/preparing-data\/quiz\/[a-z0-9]+/,
      },
      OTHER_LEARNER: {
        isAllowed: true,
        redirect: /^\/en\/courses\/ml-foundations\/lessons\/preparing-data\/quiz\/[a-z0-9]+/,
      },
      OTHER_INSTRUCTOR: refused({ message: "Enrol in this course to take its quizzes." }),
      INSTRUCTOR: {
        isAllowed: true,
        redirect: /^\/en\/courses\/ml-foundations\/lessons\/preparing-data\/quiz\/[a-z0-9]+/,
      },
      ADMIN: { isAllowed: true, redirect: /^\/en\/courses\/ml-foundations\/lessons\/preparing-data\/quiz\/[a-z0-9]+/ },
    },
  },
  {
    action: "app/[locale]/courses/[courseSlug]/lessons/_quiz/actions.ts#saveDraftAction",
    title: "saves answers in progress on the demo learner's quiz attempt by id",
    args: (fixtures) => [fixtures.learnerAttemptId, {}],
    expected: {
      ...signedIn(shortRefusal("That attempt does not exist."), shortRefusal(SIGN_IN)),
      LEARNER: allowed(),
    },
  },
  {
    action: "app/[locale]/courses/[courseSlug]/lessons/_quiz/actions.ts#submitAnswersAction",
    title: "hands in the demo learner's quiz attempt by id",
    args: (fixtures) => [fixtures.learnerAttemptId, {}, true],
    expected: { ...signedIn(refusal("That attempt does not exist.")), LEARNER: allowed() },
  },
  {
    action: "app/[locale]/courses/[courseSlug]/labs/[labSlug]/actions.ts#submitLabAction",
    title: "submits to a lab of the demo course",
    args: () => [COURSE, LAB, form({ code: BROKEN_CODE, language: "javascript" })],
    expected: {
      ...signedIn(allowed({ isOk: true })),
      anonymous: refusal(SIGN_IN),
      OTHER_INSTRUCTOR: refusal("Enrol in this course before submitting to its labs."),
    },
  },
  {
    action: "app/[locale]/courses/[courseSlug]/labs/[labSlug]/draft-actions.ts#saveLabDraftAction",
    title: "keeps a draft of a lab of the demo course (each role's own; none is there before)",
    args: () => [
      {
        courseSlug: COURSE,
        assignmentSlug: LAB,
        code: "export async function train() {}\n",
        language: "javascript",
        baseUpdatedAt: null,
      },
    ],
    expected: {
      ...signedIn(allowed({ isOk: true }), refused({ isOk: false, reason: "signedOut" })),
      OTHER_INSTRUCTOR: refused({ isOk: false, reason: "notEnrolled" }),
      ADMIN: refused({ isOk: false, reason: "notEnrolled" }),
    },
  },
  {
    action: "app/[locale]/courses/[courseSlug]/labs/[labSlug]/draft-actions.ts#deleteLabDraftAction",
    title: "forgets a draft of a lab of the demo course",
    args: () => [COURSE, LAB],
    expected: {
      ...signedIn(allowed({ isOk: true, value: null }), refused({ isOk: false, reason: "signedOut" })),
      OTHER_INSTRUCTOR: refused({ isOk: false, reason: "notEnrolled" }),
      ADMIN: refused({ isOk: false, reason: "notEnrolled" }),
    },
  },
  {
    action: "app/[locale]/courses/[courseSlug]/labs/[labSlug]/practice-actions.ts#checkLabCodeAction",
    title: "checks code against a lab of the demo course (practice)",
    args: () => [COURSE, LAB, form({ code: BROKEN_CODE, language: "javascript" })],
    expected: {
      ...signedIn(allowed({ isOk: true })),
      anonymous: refusal(SIGN_IN),
      OTHER_INSTRUCTOR: refusal("Enrol in this course before checking code for its labs."),
    },
  },
  {
    action: "app/[locale]/dashboard/certificate-actions.ts#setCertificateVisibilityAction",
    title: "shows or hides the demo learner's certificate",
    args: (fixtures) => [
      { isOk: null, message: "" },
      form({ publicId: fixtures.certificatePublicId, isPublic: "true" }),
    ],
    expected: {
      ...signedIn(shortRefusal("No such certificate among yours."), shortRefusal(SIGN_IN)),
      LEARNER: allowed(),
    },
  },
  {
    action: "app/[locale]/verify/actions.ts#verifyCredentialAction",
    title: "verifies a pasted credential",
    args: (fixtures) => [{ kind: "idle" }, form({ text: fixtures.certificateJwt })],
    expected: {
      anonymous: allowed({ kind: "verdict", status: "valid" }),
      LEARNER: allowed({ kind: "verdict", status: "valid" }),
      OTHER_LEARNER: allowed({ kind: "verdict", status: "valid" }),
      OTHER_INSTRUCTOR: allowed({ kind: "verdict", status: "valid" }),
      INSTRUCTOR: allowed({ kind: "verdict", status: "valid" }),
      ADMIN: allowed({ kind: "verdict", status: "valid" }),
    },
  },
  {
    action: "app/[locale]/verify/[id]/actions.ts#changeCertificateStatusAction",
    title: "suspends (instructor) and reinstates (admin) the demo learner's certificate",
    args: (fixtures, role) => [
      { isOk: null, message: "" },
      form({
        publicId: fixtures.certificatePublicId,
        action: role === "ADMIN" ? "reinstate" : "suspend",
        reason: "matrix check",
      }),
    ],
    expected: {
      ...teachersOnly(
        allowed({ isOk: true }),
        shortRefusal("Only admins and the course's instructors can change a certificate's status."),
      ),
      anonymous: shortRefusal(SIGN_IN),
    },
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#previewMarkdownAction",
    title: "previews Markdown",
    args: () => ["**bold**"],
    expected: teachersOnly(
      allowed({ isOk: true, value: "<p><strong>bold</strong></p>\n" }),
      allowed({ isOk: true, value: "<p><strong>bold</strong></p>\n" }),
      refusal(AUTHORS_ONLY),
    ),
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#createCourseAction",
    title: "creates a course",
    args: (_, role) => [{ slug: `created-${unique(role)}`, title: both("Created"), summary: both("By the matrix.") }],
    expected: teachersOnly(allowed(), allowed(), refusal(AUTHORS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#updateCourseAction",
    title: "edits the matrix course's settings",
    args: () => [
      MATRIX_COURSE,
      {
        title: both("Action matrix"),
        summary: both("Edited."),
        deadline: "",
        isPublished: false,
        passRule: {
          requiredLabs: [],
          minLessonQuizPercent: "60",
          minExamPercent: "60",
          passMarkPercent: "60",
          weights: { labs: "0.5", quizzes: "0.2", exam: "0.3" },
        },
      },
    ],
    expected: teachersOnly(allowed(), refusal(EDITORS_ONLY), refusal(AUTHORS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#saveLessonAction",
    title: "adds a lesson to the matrix course",
    args: (_, role) => [
      MATRIX_COURSE,
      null,
      {
        slug: `lesson-${unique(role)}`,
        title: both("Lesson"),
        summary: both("Summary."),
        minutes: "10",
        body: both("Body text."),
      },
    ],
    expected: teachersOnly(allowed(), refusal(EDITORS_ONLY), refusal(AUTHORS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#saveLessonQuizAction",
    title: "saves the matrix lesson's quiz",
    args: () => [MATRIX_COURSE, MATRIX_LESSON, { yaml: lessonQuizYaml() }],
    expected: teachersOnly(allowed(), refusal(EDITORS_ONLY), refusal(AUTHORS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#saveExamAction",
    title: "saves the matrix course's exam",
    args: () => [
      MATRIX_COURSE,
      {
        examYaml: fs.readFileSync(`content/courses/${COURSE}/exam/exam.yaml`, "utf8"),
        bankYaml: fs.readFileSync(`content/courses/${COURSE}/exam/question-bank.yaml`, "utf8"),
      },
    ],
    expected: teachersOnly(allowed(), refusal(EDITORS_ONLY), refusal(AUTHORS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#saveAssignmentAction",
    title: "adds a lab to the matrix course",
    args: (_, role) => [MATRIX_COURSE, null, labFiles(`lab-${unique(role)}`)],
    expected: teachersOnly(allowed(), refusal(EDITORS_ONLY), refusal(AUTHORS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/authoring/actions.ts#importCourseAction",
    title: "re-imports the demo course from content/",
    args: () => [{ contentSlug: COURSE }],
    expected: teachersOnly(
      allowed({ isOk: true, value: { slug: COURSE, isNewCourse: false } }),
      refusal(`A course "${COURSE}" already exists and you do not teach it.`),
      refusal(AUTHORS_ONLY),
    ),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/actions.ts#regradeProgressAction",
    title: "reads a lab's regrade progress",
    args: () => [COURSE, LAB],
    expected: teachersOnly(allowed({ isOk: true }), refusal(TEACHERS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/actions.ts#grantExtensionAction",
    title: "grants a learner of the demo course an extension",
    args: (fixtures, role) => [
      COURSE,
      LAB,
      {
        learnerId: role === "ADMIN" ? fixtures.ids.LEARNER : fixtures.ids.OTHER_LEARNER,
        extraAttempts: "1",
        reason: "matrix check",
      },
    ],
    expected: teachersOnly(allowed(), refusal(TEACHERS_ONLY)),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/actions.ts#revokeExtensionAction",
    title: "takes that extension away",
    args: (fixtures, role) => [COURSE, LAB, role === "ADMIN" ? fixtures.ids.LEARNER : fixtures.ids.OTHER_LEARNER],
    expected: teachersOnly(allowed(), refusal(TEACHERS_ONLY)),
  },
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/similarity/actions.ts#startSimilarityAnalysisAction",
    title: "starts a similarity analysis of a lab",
    args: () => [COURSE, LAB, form({ basis: "LATEST", threshold: "" })],
    expected: teachersOnly(allowed({ isOk: true }), refusal(TEACHERS_ONLY)),
  },
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/similarity/actions.ts#reviewSimilarityPairAction",
    title: "marks a similar pair reviewed",
    args: () => {
      const { analysisId, pairId } = seededSimilarity();
      return [COURSE, LAB, analysisId, pairId, { decision: "review", note: "matrix check", suspendCertificates: "" }];
    },
    expected: teachersOnly(allowed({ isOk: true, value: { suspended: 0 } }), refusal(TEACHERS_ONLY)),
  },
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/submissions/[submissionId]/actions.ts#regradeSubmissionAction",
    title: "regrades the other learner's submission by id, through the demo course",
    args: (fixtures) => [COURSE, fixtures.otherSubmissionId, { reason: "matrix check" }],
    expected: teachersOnly(allowed(), refusal(TEACHERS_ONLY)),
  },
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/submissions/[submissionId]/actions.ts#regradeSubmissionAction",
    title: "regrades the other learner's submission by id, through a course the caller teaches",
    args: (fixtures) => [OTHER_COURSE, fixtures.otherSubmissionId, { reason: "matrix check" }],
    // The other instructor passes the course check with their own course and must still not reach it.
    expected: {
      ...teachersOnly(refusal("There is no such submission in this course."), refusal(TEACHERS_ONLY)),
      INSTRUCTOR: refusal(TEACHERS_ONLY),
      OTHER_INSTRUCTOR: refusal("There is no such submission in this course."),
    },
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/actions.ts#regradeAllAction",
    title: "regrades every submission of a lab of the matrix course",
    args: (_, role) => [
      MATRIX_COURSE,
      `lab-${role === "ADMIN" ? "admin" : "instructor"}-matrix`,
      { reason: "matrix check" },
    ],
    // The matrix course's labs have no submissions: the teachers get past every check to that answer.
    expected: teachersOnly(
      refusal("There is nothing to regrade: this lab has no finished submissions."),
      refusal(TEACHERS_ONLY),
    ),
  },
  // The review desk. The demo course's labs have no rubric, so grading and releasing reach that refusal.
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/grade/[submissionId]/actions.ts#saveRubricGradeAction",
    title: "grades the other learner's submission with a rubric the lab does not have",
    args: (fixtures) => [COURSE, fixtures.otherSubmissionId, { scores: {} }],
    expected: teachersOnly(refusal("This lab has no rubric."), refusal(TEACHERS_ONLY)),
  },
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/grade/[submissionId]/actions.ts#saveReviewCommentAction",
    title: "comments on a line of the other learner's submission",
    args: (fixtures) => [COURSE, fixtures.otherSubmissionId, { line: 1, body: "matrix check" }],
    expected: teachersOnly(allowed(), refusal(TEACHERS_ONLY)),
  },
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/grade/[submissionId]/actions.ts#deleteReviewCommentAction",
    title: "deletes a comment that does not exist",
    args: (fixtures) => [COURSE, fixtures.otherSubmissionId, { commentId: "nosuchcomment0000000" }],
    expected: teachersOnly(refusal("There is no such comment."), refusal(TEACHERS_ONLY)),
  },
  {
    action:
      "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/grade/[submissionId]/actions.ts#releaseReviewAction",
    title: "releases a review that was never graded",
    args: (fixtures) => [COURSE, fixtures.otherSubmissionId],
    expected: teachersOnly(
      refusal("There is no unreleased grade to release: save the rubric first."),
      refusal(TEACHERS_ONLY),
    ),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/labs/[labSlug]/grade/actions.ts#releaseLabReviewsAction",
    title: "releases every draft of a lab that has none",
    args: () => [COURSE, LAB, { isConfirmed: true }],
    expected: teachersOnly(
      refusal("There is no unreleased grade to release: save the rubric first."),
      refusal(TEACHERS_ONLY),
    ),
  },
  {
    action: "app/[locale]/instructor/courses/[courseSlug]/regrade-requests/actions.ts#answerRegradeRequestAction",
    title: "answers a regrade request that does not exist",
    args: () => [COURSE, "nosuchrequest0000000", { decision: "decline", answer: "matrix check" }],
    expected: teachersOnly(refusal("There is no such regrade request."), refusal(TEACHERS_ONLY)),
  },
  {
    action: "app/[locale]/submissions/[submissionId]/review-actions.ts#requestRegradeAction",
    title: "asks for a review of the other learner's graded attempt, which only they may",
    args: (fixtures) => [{ submissionId: fixtures.otherSubmissionId, reason: "The matrix asks for a review." }],
    expected: {
      ...signedIn(refusal("There is no such submission.")),
      OTHER_LEARNER: allowed(),
    },
  },
  {
    // Last: enrolling changes who the other instructor is to the demo course.
    action: "app/[locale]/courses/[courseSlug]/enrol-action.ts#enrolAction",
    title: "enrols in the demo course",
    args: () => [COURSE],
    expected: signedIn(allowed(), shortRefusal(SIGN_IN)),
  },
];

/** Every role's request context, signed in through the state the global set-up saved. */
async function contextsFor(baseURL: string): Promise<Record<Role, APIRequestContext>> {
  const contexts = {} as Record<Role, APIRequestContext>;
  for (const role of ROLES) {
    contexts[role] = await playwrightRequest.newContext({
      baseURL,
      storageState: role === "anonymous" ? { cookies: [], origins: [] } : storageStateFor(role),
    });
  }
  return contexts;
}

/** The matrix course and the things the actions are aimed at, made through lib/ as the app makes them. */
function loadFixtures(): Omit<Fixtures, "certificateJwt"> {
  const emails = {
    LEARNER: demoAccount("LEARNER").email,
    OTHER_LEARNER: OTHER_ACCOUNTS[0].email,
    OTHER_INSTRUCTOR: OTHER_ACCOUNTS[1].email,
    INSTRUCTOR: demoAccount("INSTRUCTOR").email,
    ADMIN: demoAccount("ADMIN").email,
  };
  return runLib(
    `
    const ids = {};
    for (const [key, email] of Object.entries(${JSON.stringify(emails)})) {
      ids[key] = (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
    }
    const learner = { id: ids.LEARNER, role: "LEARNER" };
    const instructor = { id: ids.INSTRUCTOR, role: "INSTRUCTOR" };
    if (!(await db.course.findUnique({ where: { slug: ${JSON.stringify(MATRIX_COURSE)} } }))) {
      await createCourse({ viewer: instructor, input: { slug: ${JSON.stringify(MATRIX_COURSE)},
        title: { en: "Action matrix", "zh-CN": "操作矩阵" }, summary: { en: "For the tests.", "zh-CN": "测试用。" } } });
      await saveLesson({ viewer: instructor, courseSlug: ${JSON.stringify(MATRIX_COURSE)}, lessonSlug: null,
        input: { slug: ${JSON.stringify(MATRIX_LESSON)}, title: { en: "Lesson", "zh-CN": "课" }, summary: { en: "S.",
        "zh-CN": "摘要。" }, minutes: "5", body: { en: "Body.", "zh-CN": "正文。" } } });
      for (const input of ${JSON.stringify(["lab-instructor-matrix", "lab-admin-matrix"].map(labFiles))}) {
        await saveAssignment({ viewer: instructor, courseSlug: ${JSON.stringify(MATRIX_COURSE)},
          assignmentSlug: null, input });
      }
    }
    // The draft scenario creates each role's draft from nothing.
    await db.labDraft.deleteMany({ where: { userId: { in: Object.values(ids) } } });
    const submission = await db.submission.findFirstOrThrow({ where: { userId: ids.OTHER_LEARNER },
      orderBy: { createdAt: "desc" }, select: { id: true } });
    // The demo learner earns their certificate by graded work under \`npm start\`; the e2e server grades no
    // such work (minutes of training that would hold up every spec's grading), and the matrix needs only a
    // certificate the learner owns: one is signed for them with no evidence (a no-op once they hold one).
    const course = await db.course.findUniqueOrThrow({ where: { slug: ${JSON.stringify(COURSE)} }, select: { id: true } });
    const certificate = await issueCertificate({ userId: ids.LEARNER, courseId: course.id, score: 100, passMark: 70,
      evidence: [] });
    if (!certificate.isIssued) throw new Error("the demo learner's test certificate was not issued");
    // A worker restarted after a failure runs this again: the token from the first run is reused.
    const token = (await db.apiToken.findFirst({ where: { userId: ids.LEARNER, name: "matrix target",
      revokedAt: null }, select: { id: true } })) ?? (await createApiToken({ user: learner,
      input: { name: "matrix target" } }));
    const attempt = await startAttempt(learner, { courseSlug: ${JSON.stringify(COURSE)},
      quizSlug: "neurons-activations-losses" });
    return { ids, otherSubmissionId: submission.id, certificatePublicId: certificate.publicId,
      learnerTokenId: token.id, learnerAttemptId: attempt.attemptId };`,
    {
      createCourse: "lib/authoring/create-course.ts",
      saveLesson: "lib/authoring/save-lesson.ts",
      saveAssignment: "lib/authoring/save-assignment.ts",
      createApiToken: "lib/api-tokens/create-api-token.ts",
      startAttempt: "lib/quizzes/start-attempt.ts",
      issueCertificate: "lib/certificates/issue-certificate.ts",
    },
  );
}

function describeOutcome(response: ActionResponse) {
  return {
    status: response.status,
    value: response.value,
    redirect: response.redirect,
    error: response.error,
    text: response.text,
  };
}

let database: Database;
let contexts: Record<Role, APIRequestContext>;
let fixtures: Fixtures;
let actions: ServerAction[];
let baseURL: string;

test.beforeAll(async ({ baseURL: configured }) => {
  if (!configured) throw new Error("Playwright has no baseURL");
  baseURL = configured;
  actions = serverActionsInBuild();
  database = await Database.connect();
  contexts = await contextsFor(baseURL);
  const loaded = loadFixtures();
  const certificateJwt = await (
    await contexts.anonymous.get(`/credentials/${loaded.certificatePublicId}`, {
      headers: { Accept: "application/vc+jwt" },
    })
  ).text();
  fixtures = { ...loaded, certificateJwt };
  // Made now, not on a scenario's first call: a refused call must find the tables as they were.
  seededSimilarity();
  await database.waitForGradingToSettle();
});

test.afterAll(async () => {
  for (const context of Object.values(contexts ?? {})) await context.dispose();
  await database?.close();
});

function actionNamed(name: string): ServerAction {
  const action = actions.find((candidate) => candidate.name === name);
  if (!action) throw new Error(`The build has no server action ${name}`);
  return action;
}

test("every server action in the build has expectations here", () => {
  const covered = new Set(SCENARIOS.map((scenario) => scenario.action));
  expect(actions.map((action) => action.name).filter((name) => !covered.has(name))).toEqual([]);
  expect([...covered].filter((name) => !actions.some((action) => action.name === name))).toEqual([]);
});

/**
 * Calls an action and, when it answers with a rate limit's "Try again in N seconds", waits and calls
 * it once more, as a person would. The submission limits count every submission of the whole run
 * from one account and address, so whether earlier specs' submissions still fill the window is a
 * matter of timing; the limits themselves are tested where they are the point.
 */
async function callActionHonouringRateLimits(
  context: APIRequestContext,
  action: ServerAction,
  args: unknown[],
): Promise<Awaited<ReturnType<typeof callAction>>> {
  const response = await callAction(context, baseURL, action, args);
  const message = (response.value as { message?: unknown } | undefined)?.message;
  const wait = typeof message === "string" ? /Try again in (\d+) seconds?\./.exec(message) : null;
  if (!wait) return response;
  await new Promise((resolve) => setTimeout(resolve, (Number(wait[1]) + 1) * 1000));
  return callAction(context, baseURL, action, args);
}

test.describe("each role calling each server action", () => {
  for (const scenario of SCENARIOS) {
    test(`${scenario.action.split("#")[1]}: ${scenario.title}`, async () => {
      test.setTimeout(180_000);
      const action = actionNamed(scenario.action);
      // Refusals first, so an allowed call cannot change what a later refusal is refused for.
      const order = [...ROLES].sort(
        (a, b) => Number(scenario.expected[a].isAllowed) - Number(scenario.expected[b].isAllowed),
      );
      for (const role of order) {
        const expected = scenario.expected[role];
        const before = expected.isAllowed ? null : await database.fingerprint();
        const response = await callActionHonouringRateLimits(contexts[role], action, scenario.args(fixtures, role));
        const outcome = describeOutcome(response);
        await test.step(`${role}: ${expected.isAllowed ? "allowed" : "refused"}`, async () => {
          // A redirect from an action called by the router is a 200 naming the target ("path;push").
          expect(response.status, `${role}: ${JSON.stringify(outcome)}`).toBe(200);
          if (expected.redirect) expect(response.redirect, role).toMatch(expected.redirect);
          else if (expected.isAllowed && expected.value !== undefined)
            expect(response.value, `${role}: ${JSON.stringify(outcome)}`).toMatchObject(
              expected.value as Record<string, unknown>,
            );
          else expect(response.value, `${role}: ${JSON.stringify(outcome)}`).toEqual(expected.value);
          if (before)
            expect(
              Database.changedTables(before, await database.fingerprint()),
              `${role} was refused but rows changed`,
            ).toEqual([]);
        });
        if (expected.isAllowed) await database.waitForGradingToSettle();
      }
    });
  }
});

const HUGE = "x".repeat(2 * 1024 * 1024);
/**
 * React's reply decoder refuses a JSON-encoded argument list of a million characters or more (see UNDECODABLE_BODIES).
 */
const LARGE = "x".repeat(900_000);
const NESTED = Array.from({ length: 200 }).reduce<unknown>((inner) => ({ a: inner, b: [inner] }), "deep");
const JUNK_OBJECT = {
  constructor: { prototype: { isAdmin: true } },
  toString: "no",
  "": null,
  "$@1": "$@1",
  role: ["ADMIN"],
  userId: { $ne: null },
};
function junkForm(): FormData {
  const data = new FormData();
  for (const name of [
    "locale",
    "publicId",
    "isPublic",
    "action",
    "reason",
    "text",
    "courseSlug",
    "quizSlug",
    "code",
    "language",
  ])
    data.append(name, name.length % 2 ? HUGE.slice(0, 300_000) : "$@1");
  data.append("file", new Blob([new Uint8Array([0, 255, 0, 1])], { type: "application/octet-stream" }), "junk.bin");
  data.append("modelJson", new Blob(["{not json"], { type: "application/json" }), "model.json");
  return data;
}

function hugeForm(): FormData {
  const data = new FormData();
  for (const name of ["code", "text", "reason"]) data.append(name, HUGE);
  return data;
}

/**
 * Arguments no page sends: missing, the wrong types, oversized, deeply nested, and aimed past the first checks with a
 * real course and lab.
 */
const FUZZ_ARGUMENTS: Array<{ name: string; args: () => unknown[] }> = [
  { name: "no arguments", args: () => [] },
  { name: "nulls", args: () => [null, null, null, null] },
  { name: "wrong types", args: () => [123, true, [1, 2, 3], -1] },
  {
    name: "a 900 kB string in each field",
    args: () => [{ value: LARGE }, { name: LARGE, email: LARGE, reason: LARGE, yaml: LARGE, code: LARGE }],
  },
  { name: "a form of 2 MB fields", args: () => [{ isOk: null, message: "" }, hugeForm()] },
  { name: "nested junk", args: () => [NESTED, NESTED, NESTED] },
  { name: "prototype junk", args: () => [JUNK_OBJECT, JUNK_OBJECT, JUNK_OBJECT] },
  { name: "a junk form", args: () => [junkForm(), junkForm()] },
  { name: "a state and an empty form", args: () => [{ isOk: null, message: "" }, new FormData()] },
  { name: "a real course, then junk", args: () => [COURSE, JUNK_OBJECT, NESTED, { code: LARGE }] },
  {
    name: "a real lab, then junk",
    args: () => [COURSE, LAB, { reason: LARGE, learnerId: NESTED, extraAttempts: "1e400", deadline: "9999-99-99" }],
  },
];

/**
 * Bodies React's reply decoder cannot read, or a 2 MB string as a whole argument (it refuses those
 * as "Maximum array nesting exceeded"). Next answers these with a 500 before any action code runs.
 */
const UNDECODABLE_BODIES: Array<{ name: string; body: () => unknown[] | RawBody }> = [
  { name: "2 MB strings as arguments", body: () => [HUGE, HUGE] },
  {
    name: "unterminated JSON",
    body: () => ({ raw: '["ml-foundations", {"reason": ', contentType: "text/plain;charset=UTF-8" }),
  },
  {
    name: "not JSON at all",
    body: () => ({ raw: "\u0000\u0001 definitely not a reply", contentType: "text/plain;charset=UTF-8" }),
  },
  {
    name: "references to rows that do not exist",
    body: () => ({ raw: '["$@99", "$F1", "$K5", "$Q3"]', contentType: "text/plain;charset=UTF-8" }),
  },
  {
    name: "a broken multipart body",
    body: () => ({
      raw: Buffer.from('--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--xy'),
      contentType: "multipart/form-data; boundary=xyz",
    }),
  },
];

/**
 * An answer that tells the caller what was wrong: a 4xx with a body, or the action's own refusal.
 * A read that happens to be valid (Markdown to preview is any text) may succeed, as long as it wrote nothing.
 */
function isUsefulAnswer(response: ActionResponse, hasWritten: boolean): boolean {
  if (response.status >= 400 && response.status < 500)
    return (response.text ?? response.error ?? "").length > 0 || response.value !== undefined;
  if (response.status !== 200 || response.error || response.redirect) return false;
  const value = response.value as
    | { isOk?: boolean; kind?: string; message?: unknown; reason?: unknown; status?: string; problems?: unknown[] }
    | undefined;
  if (!value) return false;
  if (value.isOk === true) return !hasWritten;
  if (value.kind === "verdict") return value.status !== "valid" && (value.problems?.length ?? 0) > 0;
  // The lab editor's draft actions answer a reason the page words (lib/i18n/editor-messages.ts).
  if (typeof value.reason === "string") return value.reason.length > 0;
  return typeof value.message === "string" && value.message.length > 0;
}

test.describe("server actions fed invalid, oversized and malformed arguments", () => {
  for (const scenario of SCENARIOS.filter(
    (candidate, index) => SCENARIOS.findIndex((other) => other.action === candidate.action) === index,
  )) {
    // As a role that may use the action, so the input reaches the validation behind the role check.
    const role =
      (["LEARNER", "INSTRUCTOR", "ADMIN", "anonymous"] as const).find(
        (candidate) => scenario.expected[candidate].isAllowed,
      ) ?? "ADMIN";
    test(`${scenario.action.split("#")[1]}, as ${role}: a message every time, never a 500, never a write`, async () => {
      test.setTimeout(300_000);
      const action = actionNamed(scenario.action);
      const failures: string[] = [];
      for (const fuzz of FUZZ_ARGUMENTS) {
        const before = await database.fingerprint();
        const response = await callAction(contexts[role], baseURL, action, fuzz.args());
        const changed = Database.changedTables(before, await database.fingerprint());
        if (!isUsefulAnswer(response, changed.length > 0))
          failures.push(`${fuzz.name}: ${JSON.stringify(describeOutcome(response)).slice(0, 300)}`);
        if (changed.length > 0) failures.push(`${fuzz.name}: wrote to ${changed.join(", ")}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

test.describe("request bodies no browser sends", () => {
  for (const scenario of SCENARIOS.filter(
    (candidate, index) => SCENARIOS.findIndex((other) => other.action === candidate.action) === index,
  )) {
    test(`${scenario.action.split("#")[1]}: never reach the action, never write`, async () => {
      const action = actionNamed(scenario.action);
      for (const body of UNDECODABLE_BODIES) {
        const before = await database.fingerprint();
        const response = await callAction(contexts.ADMIN, baseURL, action, body.body());
        expect(Database.changedTables(before, await database.fingerprint()), body.name).toEqual([]);
        // A 4xx would be right, but Next 16.4.6's action handler answers a body it cannot decode
        // with its own 500 before any action code runs; this pins that the 500 writes nothing and
        // tells the caller nothing about the server (README, Security).
        expect(
          response.status === 500 || isUsefulAnswer(response, false),
          `${body.name}: ${JSON.stringify(describeOutcome(response))}`,
        ).toBe(true);
        if (response.status === 500) {
          const answer = `${response.text ?? ""}${response.error ?? ""}`;
          expect(answer, body.name).not.toMatch(/\n\s+at |node_modules/);
          // Playwright runs from the checkout, the folder the server's files live in.
          expect(answer, body.name).not.toContain(path.resolve());
        }
      }
    });
  }
});
