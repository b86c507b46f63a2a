// The course analytics queries on a synthetic course (2,000 learners, 20,000 graded submissions,
// four quizzes of which one exam, about 10,000 quiz attempts), on a Postgres of the benchmark's own:
// a new database on DATABASE_URL's server, or an embedded Postgres. The measuring runs in a child
// process (scripts/bench/analytics-child.ts), whose lib/db connects to that database.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { childEnvironment, env } from "../../lib/env";
import type { Logger } from "../../lib/log";
import { createDatabase, createStateDir, dropDatabase, removeStateDir, startEmbeddedPostgres } from "../lib/services";
import { externalService } from "../lib/services";
import { migrate, ROOT } from "../lib/stack";

export const AnalyticsBenchSchema = z.object({
  learners: z.number(),
  submissions: z.number(),
  quizAttempts: z.number(),
  /** Writing the synthetic history, once. */
  seedMs: z.number(),
  /** Each read, best of three, milliseconds. */
  enrolmentTimelineMs: z.number(),
  labStatisticsMs: z.number(),
  quizItemStatisticsMs: z.number(),
  examScoreDistributionMs: z.number(),
  labsCsvMs: z.number(),
});
export type AnalyticsBench = z.infer<typeof AnalyticsBenchSchema>;

export async function benchAnalytics(log: Logger, learners = 2000, submissions = 20000): Promise<AnalyticsBench> {
  const stateDir = createStateDir("gradient-bench-analytics-");
  const databaseName = `gradient_bench_analytics_${crypto.randomBytes(4).toString("hex")}`;
  const postgres = env.DATABASE_URL ? externalService(env.DATABASE_URL) : await startEmbeddedPostgres(stateDir, log);
  try {
    const databaseUrl = env.DATABASE_URL ? await createDatabase(env.DATABASE_URL, databaseName) : postgres.url;
    migrate(databaseUrl);
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(ROOT, "scripts", "bench", "analytics-child.ts"),
        String(learners),
        String(submissions),
      ],
      {
        cwd: ROOT,
        env: childEnvironment({ DATABASE_URL: databaseUrl }),
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    if (result.status !== 0) throw new Error(`the analytics benchmark failed (exit ${result.status})`);
    const last = result.stdout.trim().split("\n").at(-1) ?? "";
    return AnalyticsBenchSchema.parse(JSON.parse(last));
  } finally {
    if (env.DATABASE_URL) await dropDatabase(env.DATABASE_URL, databaseName).catch(() => undefined);
    await postgres.stop();
    removeStateDir(stateDir);
  }
}
