// The demo learner does the course's work as any learner would: the lesson quizzes and the timed
// exam answered from the course's own answers, and each lab's reference solution submitted for
// grading. Only what is not done yet is done, so a start that was interrupted finishes the rest.
import fs from "node:fs";
import path from "node:path";
import { assignmentDir } from "../assignments/load-assignment";
import { loadAnswerKey } from "./answer-key";
import { isBeingGraded, readDemoProgress, type DemoProgress } from "./demo-progress";
import { db } from "../db";
import { recordCertificateJob } from "../queue/certificate-outbox";
import { createSubmission } from "../submissions/create-submission";
import { takeQuiz } from "./take-quiz";

export interface SubmitDemoWorkOptions {
  email: string;
  /** Told of each quiz taken, with its score in percent. */
  onQuizTaken?: (quizSlug: string, percent: number) => void;
  /** Told of each lab submitted for grading. */
  onLabSubmitted?: (labSlug: string) => void;
}

/**
 * Takes the quizzes first and submits the labs after: the certificate is then issued by the
 * certificate issuer when the last lab's result lands, never by a quiz submitted in this process.
 * Returns the progress as it stands once everything is handed in.
 */
export async function submitDemoWork({
  email,
  onQuizTaken,
  onLabSubmitted,
}: SubmitDemoWorkOptions): Promise<DemoProgress> {
  const progress = await readDemoProgress(email);
  if (!progress) throw new Error(`the demo learner ${email}, or a published course they are enrolled in, is missing`);
  if (progress.certificateUrl) return progress;

  if (progress.quizzesToTake.length > 0) {
    const answerKey = loadAnswerKey(progress.courseSlug);
    for (const quizSlug of progress.quizzesToTake) {
      const percent = await takeQuiz({
        learner: progress.learner,
        courseSlug: progress.courseSlug,
        quizSlug,
        answers: answerKey.get(quizSlug) ?? new Map<string, never>(),
      });
      onQuizTaken?.(quizSlug, percent);
    }
  }

  for (const lab of progress.labs) {
    if (lab.status === "PASSED" || isBeingGraded(lab)) continue;
    const code = fs.readFileSync(path.join(assignmentDir(progress.courseSlug, lab.slug), "reference.js"), "utf8");
    await createSubmission(progress.learner, {
      courseSlug: progress.courseSlug,
      assignmentSlug: lab.slug,
      code,
      language: "javascript",
      source: "WEB",
    });
    onLabSubmitted?.(lab.slug);
  }
  const submitted = await readDemoProgress(email);
  if (!submitted) throw new Error(`the demo learner ${email} disappeared while their work was handed in`);
  const lastPassed = submitted.labs.at(-1)?.submissionId;
  if (!submitted.certificateUrl && submitted.labs.every((lab) => lab.status === "PASSED") && lastPassed) {
    // Every lab passed before the quizzes were done (or the issuer gave up on the last pass's job):
    // no grading is left to hand the issuer its job, so it is recorded here, for the issuer's relay.
    await db.$transaction((tx) => recordCertificateJob(tx, lastPassed));
  }
  return submitted;
}
