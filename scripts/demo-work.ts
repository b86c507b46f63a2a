// `npm start`'s demo step (scripts/lib/stack.ts startDemoWork): the demo learner takes the quizzes
// and the exam and submits each lab's reference solution; the running grading worker grades them
// and the certificate issuer issues the certificate by the course's pass rule. Progress lines go
// to stdout for the person who ran `npm start`; failures say what went wrong and exit 1, which
// leaves the platform running. A second run finds the work done and does nothing.
import { z } from "zod";
import { loadCourseResults, loadPassRule } from "../lib/certificates/load-course-results";
import { evaluatePassRule } from "../lib/certificates/pass-rule";
import { parseCommandLine } from "../lib/command-line";
import { db } from "../lib/db";
import { isBeingGraded, readDemoProgress, type DemoProgress } from "../lib/demo/demo-progress";
import { submitDemoWork } from "../lib/demo/submit-demo-work";
import { errorMessage } from "../lib/errors";
import { closeGradingQueue } from "../lib/queue/grading-queue";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";

const POLL_MS = 2_000;
/** Far beyond the five references' grading time (a few minutes), for a worker that never came. */
const GRADING_LIMIT_MS = 45 * 60_000;
/** The issuer signs within seconds of the last grade; its outbox relay retries every 15 s. */
const CERTIFICATE_LIMIT_MS = 2 * 60_000;

const say = (line: string) => console.log(`  ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function demoLearnerEmail(): string {
  const learner = DEMO_ACCOUNTS.find((account) => account.role === "LEARNER");
  if (!learner) throw new Error("prisma/demo-accounts.ts has no demo learner");
  return learner.email;
}

async function progressOf(email: string): Promise<DemoProgress> {
  const progress = await readDemoProgress(email);
  if (!progress) throw new Error(`the demo learner ${email} is gone`);
  return progress;
}

/** Waits until no lab is queued or being graded, saying each time another one is graded. */
async function waitForGrading(email: string, initial: DemoProgress): Promise<DemoProgress> {
  const deadline = Date.now() + GRADING_LIMIT_MS;
  let progress = initial;
  let saidGraded = -1;
  for (;;) {
    const graded = progress.labs.filter((lab) => lab.status !== null && !isBeingGraded(lab));
    if (graded.length !== saidGraded) {
      saidGraded = graded.length;
      say(`Demo learner: ${graded.length} of ${progress.labs.length} labs graded`);
    }
    if (graded.length === progress.labs.length) return progress;
    if (Date.now() > deadline)
      throw new Error(
        `${progress.labs.length - graded.length} labs were still not graded after ${GRADING_LIMIT_MS / 60_000} minutes: is the grading worker running? (see its log above)`,
      );
    await sleep(POLL_MS);
    progress = await progressOf(email);
  }
}

async function waitForCertificate(email: string, graded: DemoProgress): Promise<string> {
  const failed = graded.labs.filter((lab) => lab.status !== "PASSED");
  if (failed.length > 0)
    throw new Error(
      failed
        .map(
          (lab) =>
            `the reference solution of lab ${lab.slug} did not pass (${lab.status}): ${lab.message ?? "no message"}`,
        )
        .join("; "),
    );
  const deadline = Date.now() + CERTIFICATE_LIMIT_MS;
  for (let progress = graded; ; progress = await progressOf(email)) {
    if (progress.certificateUrl) return progress.certificateUrl;
    if (Date.now() > deadline) {
      const { passRule } = await loadPassRule(progress.courseId);
      const verdict = evaluatePassRule(passRule, await loadCourseResults(progress.learner.id, progress.courseId));
      throw new Error(
        verdict.isEligible
          ? "every lab passed and the pass rule is met, but the certificate issuer has not issued the certificate: see its log above"
          : `the pass rule is not met: ${verdict.reasons.join("; ")}`,
      );
    }
    await sleep(POLL_MS);
  }
}

async function main(): Promise<void> {
  parseCommandLine({
    usage: "usage: tsx scripts/demo-work.ts   (run by `npm start`)",
    options: {},
    schema: z.object({}),
  });
  const email = demoLearnerEmail();
  const before = await progressOf(email);
  if (before.certificateUrl) {
    say(`The demo learner's certificate: ${before.certificateUrl}`);
    return;
  }
  const labsLeft = before.labs.filter((lab) => lab.status !== "PASSED").length;
  const quizzesLeft = before.quizzesToTake.length;
  say(
    `Grading the demo learner's work: the reference solutions of ${labsLeft} of ${before.labs.length} labs` +
      (quizzesLeft > 0
        ? `, after ${quizzesLeft} of ${before.quizzesTotal} quizzes (lesson quizzes and the exam)`
        : "") +
      ". This takes several minutes; the platform is ready meanwhile.",
  );
  let quizzesTaken = 0;
  const submitted = await submitDemoWork({
    email,
    onQuizTaken: () => void quizzesTaken++,
  });
  if (quizzesTaken > 0) say(`Demo learner: ${quizzesTaken} quizzes taken and passed`);
  const graded = await waitForGrading(email, submitted);
  say(`The demo learner's certificate: ${await waitForCertificate(email, graded)}`);
}

void main()
  .then(() => 0)
  .catch((error: unknown) => {
    console.error(
      `  The demo learner's work could not be finished: ${errorMessage(error)}\n` +
        "  The platform keeps running; the next `npm start` carries on from where this one stopped.",
    );
    return 1;
  })
  .then(async (exitCode) => {
    await closeGradingQueue().catch(() => undefined);
    await db.$disconnect();
    process.exit(exitCode);
  });
