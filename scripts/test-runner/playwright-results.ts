// Reads Playwright's JSON report. Besides the tests' own outcomes it holds `errors`: a spec that
// failed to load (it threw at its top level, an import broke) has no tests in the report at all,
// only an error there, so a count of tests alone would never notice it was gone.
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { z } from "zod";
import type { PhaseResult } from "./phase-result";

const ErrorSchema = z.object({
  message: z.string().optional(),
  location: z.object({ file: z.string(), line: z.number() }).optional(),
});

const TestSchema = z.object({
  /** skipped covers test.skip() and test.fixme(); flaky passed on a retry. */
  status: z.enum(["expected", "unexpected", "flaky", "skipped"]),
  annotations: z.array(z.object({ type: z.string(), description: z.string().optional() })),
  results: z.array(z.object({ error: ErrorSchema.optional() })),
});

const SpecSchema = z.object({ title: z.string(), file: z.string(), line: z.number(), tests: z.array(TestSchema) });

interface Suite {
  title: string;
  specs: z.infer<typeof SpecSchema>[];
  suites?: Suite[] | undefined;
}

const SuiteSchema: z.ZodType<Suite> = z.lazy(() =>
  z.object({ title: z.string(), specs: z.array(SpecSchema), suites: z.array(SuiteSchema).optional() }),
);

export const PlaywrightReportSchema = z.object({
  /** The folder the specs' `file` fields are relative to. */
  config: z.object({ rootDir: z.string() }),
  suites: z.array(SuiteSchema),
  /** Errors outside any test: a spec that did not load, a global set-up that threw. */
  errors: z.array(ErrorSchema),
});
export type PlaywrightReport = z.infer<typeof PlaywrightReportSchema>;

// Playwright colours its messages for a terminal.
const firstLine = (text: string | undefined) => stripVTControlCharacters(text ?? "").split("\n", 1)[0] ?? "";

export function countPlaywrightReport(report: PlaywrightReport, root: string): PhaseResult {
  const result: PhaseResult = { passed: 0, failed: 0, skipped: 0, problems: [] };
  const fileOf = (file: string) => path.relative(root, path.resolve(report.config.rootDir, file));
  for (const error of report.errors) {
    result.failed += 1;
    const where = error.location ? `${fileOf(error.location.file)}:${error.location.line}` : "outside any spec";
    result.problems.push(`e2e: DID NOT LOAD ${where}: ${firstLine(error.message)}`);
  }
  const visit = (suite: Suite, titles: string[]) => {
    for (const spec of suite.specs) {
      const name = `${fileOf(spec.file)}:${spec.line} > ${[...titles, spec.title].join(" > ")}`;
      for (const test of spec.tests) {
        if (test.status === "expected" || test.status === "flaky") result.passed += 1;
        else if (test.status === "unexpected") {
          result.failed += 1;
          const error = test.results.find((run) => run.error)?.error;
          result.problems.push(`e2e: FAILED ${name}: ${firstLine(error?.message)}`);
        } else {
          result.skipped += 1;
          const reason = test.annotations.find(
            (annotation) => annotation.type === "skip" || annotation.type === "fixme",
          );
          result.problems.push(
            `e2e: SKIPPED ${name} (${reason ? `${reason.type}${reason.description ? `: ${reason.description}` : ""}` : "not run"})`,
          );
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  // A top-level suite is a spec file, already named by its path.
  for (const suite of report.suites) visit(suite, []);
  return result;
}
