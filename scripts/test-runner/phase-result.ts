// What one phase of `npm test` found: its counts, and one line for each thing that fails the run.
import type { GroupRun } from "./run-in-process-group";

export interface PhaseResult {
  passed: number;
  failed: number;
  /** Tests that skipped themselves (skip, todo, fixme): each one fails the run. */
  skipped: number;
  /** One line per cause of failure: a failed or skipped test by file and name, a spec that did not load, a time limit. */
  problems: string[];
}

export const formatMinutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

export const NOTHING_RUN: PhaseResult = { passed: 0, failed: 0, skipped: 0, problems: [] };

export function sumResults(results: readonly PhaseResult[]): PhaseResult {
  return {
    passed: results.reduce((sum, result) => sum + result.passed, 0),
    failed: results.reduce((sum, result) => sum + result.failed, 0),
    skipped: results.reduce((sum, result) => sum + result.skipped, 0),
    problems: results.flatMap((result) => result.problems),
  };
}

/**
 * Adds what the process's end says beyond the tests it reported: a time limit reached, an
 * interruption, or a non-zero exit that no failed test explains. Each counts as one failure.
 */
export function withProcessEnd(phase: string, result: PhaseResult, run: GroupRun, timeLimitMs: number): PhaseResult {
  const problems = [...result.problems];
  if (run.hasTimedOut)
    problems.push(`${phase}: over its time limit of ${formatMinutes(timeLimitMs)}; its process group was killed`);
  else if (run.wasInterrupted) problems.push(`${phase}: interrupted`);
  else if (run.exitCode !== 0 && result.failed === 0) {
    problems.push(
      `${phase}: exited with ${run.exitCode === null ? `signal ${run.signal}` : `code ${run.exitCode}`} though no test failed`,
    );
  } else return result;
  return { ...result, failed: result.failed + 1, problems };
}
