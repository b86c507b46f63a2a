// Credentials as Gradient issues them, built in memory for tests: one input with every field set,
// and every kind of credential the platform issues (evidence of one run, of several seeds, none, a
// Chinese name), so the tests of each secured form and each outside check run over the same cases.
import crypto from "node:crypto";
import type { PassRule } from "../../courses/content-schema";
import type { CredentialInput } from "../build-credential";
import type { Evidence } from "../credential-schema";
import { newPublicId } from "../public-id";

/** The issuer's site in tests that build credentials without a server. */
export const TEST_ISSUER_BASE = "https://gradient.example";

export const TEST_PASS_RULE: PassRule = {
  requiredLabs: ["lab-a"],
  minLessonQuizPercent: 60,
  minExamPercent: 70,
  passMarkPercent: 70,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};

export const SINGLE_RUN_EVIDENCE: Evidence = {
  type: ["Evidence"],
  name: "Lab A",
  description: "Held-out accuracy of the submitted model.",
  lab: "lab-a",
  codeSha256: "a".repeat(64),
  heldOutSha256: "b".repeat(64),
  graderVersion: "1.0.0",
  backend: "wasm",
  seed: 42,
  score: 0.95,
  threshold: 0.9,
};

/** A lab certified over three seeds, one of whose runs has no score, and without a held-out hash. */
export const MULTI_SEED_EVIDENCE: Evidence = {
  ...SINGLE_RUN_EVIDENCE,
  name: "Lab B",
  lab: "lab-b",
  heldOutSha256: null,
  rule: "mean",
  runs: [
    { run: 1, seed: 42, score: 0.94 },
    { run: 2, seed: 1234, score: 0.96 },
    { run: 3, seed: 98765, score: null },
  ],
  mean: 0.95,
  standardDeviation: 0.01,
  interval: { low: 0.9252, high: 0.9748 },
};

export function credentialInput(overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    publicId: newPublicId(),
    holderName: "Zoë Example",
    subjectId: `urn:uuid:${crypto.randomUUID()}`,
    course: { slug: "ml-foundations", title: "Machine Learning Foundations", summary: "A course." },
    passRule: TEST_PASS_RULE,
    issuedAt: new Date("2026-01-02T03:04:05Z"),
    score: 86.5,
    passMark: 70,
    evidence: [SINGLE_RUN_EVIDENCE],
    statusListIndex: 4321,
    ...overrides,
  };
}

/** Every kind of credential Gradient issues, as overrides of `credentialInput`. */
export const CREDENTIAL_KINDS: Record<string, Partial<CredentialInput>> = {
  "single-run evidence": {},
  "multi-seed evidence": { evidence: [MULTI_SEED_EVIDENCE, SINGLE_RUN_EVIDENCE] },
  "no evidence": { evidence: [] },
  "a Chinese-named learner and course": {
    holderName: "林小雨",
    course: { slug: "ml-foundations", title: "机器学习基础", summary: "一门课程。" },
  },
};
