// Every lab a course lists must load with the real loader and be complete: both briefs, a starter,
// a reference that should pass and a weak file that should fail (grader/pipeline/labs.test.ts
// grades those two). The briefs must quote the numbers of assignment.yaml, so a threshold or budget
// changed in one place cannot leave learners reading stale figures in the other.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { certificationOf, type CertificationRule } from "../lib/assignments/certification";
import { loadAssignment } from "../lib/assignments/load-assignment";
import type { AssignmentSpec } from "../lib/assignments/spec-schema";
import { loadCourseFiles } from "../lib/courses/load-course-files";
import type { Locale } from "../lib/courses/content-schema";

const COURSES_DIR = path.join(import.meta.dirname, "courses");
const LAB_FILES = ["starter.js", "reference.js", "weak.js"] as const;
const EXPORTS_TRAIN = /export\s+async\s+function\s+train\s*\(/;

/** Labels of the budget table's rows in each brief, so the check reads the right row. */
const ROW_LABELS: Record<
  Locale,
  {
    pass: string;
    epochs: string;
    time: string;
    parameters: string;
    backend: string;
    attempts: string;
    runs: string;
    seconds: string;
  }
> = {
  en: {
    pass: "To pass",
    epochs: "Epochs",
    time: "Training time",
    parameters: "Parameters",
    backend: "Backend",
    attempts: "Graded attempts",
    runs: "Training runs",
    seconds: "seconds",
  },
  "zh-CN": {
    pass: "通过条件",
    epochs: "训练轮数",
    time: "训练时间",
    parameters: "参数量",
    backend: "后端",
    attempts: "评分次数",
    runs: "训练次数",
    seconds: "秒",
  },
};

function tableRow(brief: string, label: string): string {
  const row = brief.split("\n").find((line) => line.startsWith(`| ${label} |`));
  assert.ok(row, `the brief has no "| ${label} |" row in its budget table`);
  return row;
}

/** How a brief names a multi-seed lab's rule (lib/assignments/certification.ts). */
const RULE_WORDS: Record<Locale, Record<CertificationRule, string>> = {
  en: { mean: "mean", every: "every run" },
  "zh-CN": { mean: "平均值", every: "每一次" },
};

/** How a brief writes a threshold: accuracy as a percentage, the other metrics as plain numbers. */
function thresholdText(metric: AssignmentSpec["metric"]): string {
  return metric.name === "accuracy" ? `${Math.round(metric.threshold * 1000) / 10}%` : String(metric.threshold);
}

const courseSlugs = readdirSync(COURSES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

for (const courseSlug of courseSlugs) {
  const { course } = loadCourseFiles(path.join(COURSES_DIR, courseSlug));

  describe(`course ${courseSlug} labs`, () => {
    test("every lab folder is listed in course.yaml and every required lab exists", () => {
      const labsDir = path.join(COURSES_DIR, courseSlug, "assignments");
      const onDisk = existsSync(labsDir) ? readdirSync(labsDir).filter((name) => !name.startsWith(".")) : [];
      assert.deepEqual([...onDisk].sort(), [...course.assignments].sort(), "assignments/ and course.yaml disagree");
      for (const slug of course.passRule.requiredLabs)
        assert.ok(course.assignments.includes(slug), `required lab ${slug} is not a course assignment`);
    });

    for (const slug of course.assignments) {
      describe(`lab ${slug}`, () => {
        const lab = loadAssignment(courseSlug, slug);

        test("has a starter, a reference and a weak submission, each exporting train()", () => {
          for (const file of LAB_FILES) {
            const full = path.join(lab.dir, file);
            assert.ok(existsSync(full), `${slug}/${file} is missing`);
            assert.match(
              readFileSync(full, "utf8"),
              EXPORTS_TRAIN,
              `${slug}/${file} does not export async function train(`,
            );
          }
        });

        for (const [locale, brief] of Object.entries(lab.briefs) as [Locale, string][]) {
          test(`brief.${locale}.md documents the contract and quotes assignment.yaml's numbers`, () => {
            assert.ok(brief.trim().length > 500, "the brief is too short to explain the lab");
            assert.match(brief, /export async function train\(\{/, "the brief has no complete train() example");
            const labels = ROW_LABELS[locale];
            const { metric, budget } = lab.spec;
            assert.ok(
              tableRow(brief, labels.pass).includes(thresholdText(metric)),
              `the pass row does not say ${thresholdText(metric)}`,
            );
            assert.ok(
              tableRow(brief, labels.epochs).includes(String(budget.maxEpochs)),
              `the epochs row does not say ${budget.maxEpochs}`,
            );
            assert.ok(
              tableRow(brief, labels.time).includes(`${budget.trainingSeconds} ${labels.seconds}`),
              `the time row does not say ${budget.trainingSeconds} ${labels.seconds}`,
            );
            assert.ok(
              tableRow(brief, labels.parameters).includes(budget.maxParameters.toLocaleString("en-US")),
              `the parameters row does not say ${budget.maxParameters}`,
            );
            assert.ok(
              tableRow(brief, labels.backend).includes(`\`${lab.spec.trainingBackend}\``),
              `the backend row does not say ${lab.spec.trainingBackend}`,
            );
            const attempts = lab.spec.maxAttempts === undefined ? "" : String(lab.spec.maxAttempts);
            assert.ok(tableRow(brief, labels.attempts).includes(attempts), `the attempts row does not say ${attempts}`);
            // A lab graded over several seeds says how many runs and which rule; one run needs no row.
            const { runs, rule } = certificationOf(lab.spec);
            if (runs > 1) {
              const row = tableRow(brief, labels.runs);
              assert.ok(row.includes(String(runs)), `the training runs row does not say ${runs}`);
              const ruleWord = RULE_WORDS[locale][rule];
              assert.ok(row.includes(ruleWord), `the training runs row does not say "${ruleWord}"`);
            }
          });
        }

        test("brief.zh-CN.md is written in Chinese", () => {
          const cjk = lab.briefs["zh-CN"].match(/[\u4e00-\u9fff]/g)?.length ?? 0;
          assert.ok(cjk > 200, `only ${cjk} Chinese characters`);
        });
      });
    }
  });
}
