// The course's pass rule over a learner's stored results: pure, so the same results always give
// the same verdict, and it can be tested without a database.
import type { CertificationRecord } from "../assignments/certification";
import type { PassRule } from "../courses/content-schema";
import type { Evidence } from "./credential-schema";

/** A passed lab's grading receipt, as stored on its submission. */
export interface LabReceipt {
  codeSha256: string;
  heldOutSha256: string | null;
  graderVersion: string | null;
  backend: string | null;
  seed: number | null;
  score: number | null;
  threshold: number | null;
  /** Its training runs, the rule and their mean and interval; null for a grading from before runs were recorded. */
  certification?: CertificationRecord | null;
}

/** What the evidence says of a lab's training runs: every run's seed and score, the rule, the mean and interval. */
function runsEvidence(certification: CertificationRecord | null | undefined): Partial<Evidence> {
  if (!certification) return {};
  return {
    rule: certification.rule,
    runs: certification.runs.map(({ run, seed, score }) => ({ run, seed, score })),
    mean: certification.statistics?.mean ?? null,
    standardDeviation: certification.statistics?.standardDeviation ?? null,
    interval: certification.statistics?.interval ?? null,
  };
}

export interface CourseResults {
  /** Every graded lab of the course, with the learner's latest passing submission. */
  labs: {
    slug: string;
    title: string;
    passed: LabReceipt | null;
    /** A lab with a rubric whose autograder passed but whose released grade does not pass (yet). */
    isAwaitingReview?: boolean;
  }[];
  /** Best percentage per lesson quiz; null when never submitted. */
  lessonQuizzes: { slug: string; bestPercent: number | null }[];
  /** Best percentage per final exam; null when never submitted. */
  exams: { slug: string; bestPercent: number | null }[];
}

export type Eligibility =
  | { isEligible: true; score: number; passMark: number; evidence: Evidence[] }
  | { isEligible: false; score: number; passMark: number; reasons: string[] };

const average = (values: number[]) =>
  values.length === 0 ? 100 : values.reduce((sum, value) => sum + value, 0) / values.length;

export function evaluatePassRule(rule: PassRule, results: CourseResults): Eligibility {
  const reasons: string[] = [];
  const labsBySlug = new Map(results.labs.map((lab) => [lab.slug, lab]));
  for (const slug of rule.requiredLabs) {
    const lab = labsBySlug.get(slug);
    if (!lab) reasons.push(`required lab ${slug} is not part of the course`);
    else if (!lab.passed && lab.isAwaitingReview) reasons.push(`lab ${slug} is awaiting review`);
    else if (!lab.passed) reasons.push(`lab ${slug} is not passed yet`);
  }
  // Lab metrics differ in scale and direction (accuracy up, mse down), so a lab counts as
  // passed or not; the threshold the course set is its judgement of mastery.
  const countedLabs =
    rule.requiredLabs.length > 0 ? rule.requiredLabs.map((slug) => labsBySlug.get(slug)) : results.labs;
  const labPercent = average(countedLabs.map((lab) => (lab?.passed ? 100 : 0)));

  for (const quiz of results.lessonQuizzes) {
    if ((quiz.bestPercent ?? 0) < rule.minLessonQuizPercent)
      reasons.push(`lesson quiz ${quiz.slug} is below ${rule.minLessonQuizPercent}%`);
  }
  const quizPercent = average(results.lessonQuizzes.map((quiz) => quiz.bestPercent ?? 0));

  for (const exam of results.exams) {
    if ((exam.bestPercent ?? 0) < rule.minExamPercent)
      reasons.push(`exam ${exam.slug} is below ${rule.minExamPercent}%`);
  }
  const examPercent = average(results.exams.map((exam) => exam.bestPercent ?? 0));

  const score = rule.weights.labs * labPercent + rule.weights.quizzes * quizPercent + rule.weights.exam * examPercent;
  const passMark = rule.passMarkPercent;
  // Weights are decimals, so 0.5·100 + 0.2·100 + 0.3·100 may land a hair under 100.
  if (score + 1e-9 < passMark) reasons.push(`final score ${score.toFixed(2)}% is below the pass mark of ${passMark}%`);
  if (reasons.length > 0) return { isEligible: false, score, passMark, reasons };

  const evidence: Evidence[] = results.labs.flatMap((lab) => {
    if (!lab.passed) return [];
    const { certification, ...receipt } = lab.passed;
    return [
      {
        type: ["Evidence"],
        name: lab.title,
        description:
          "Model code graded by Gradient: trained in a sandbox on the train split, scored on the held-out split.",
        lab: lab.slug,
        ...receipt,
        ...runsEvidence(certification),
      },
    ];
  });
  return { isEligible: true, score: Math.min(100, score), passMark, evidence };
}
