// The end-to-end phase's process: seeds the database it was given, builds the web app, starts it,
// a grading worker and the certificate issuer, and runs Playwright against them, which writes its
// JSON report to the file named. scripts/test.ts runs this in a process group of its own, so these
// processes end with the phase even when it is stopped at its time limit.
// Usage: tsx scripts/test-runner/run-end-to-end.ts <report file> [e2e/<spec file>...]
import { spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { childEnvironment } from "../../lib/env";
import { logger } from "../../lib/log";
import { ensureDebianPackages } from "../../lib/system/debian-packages";
import { findFreePort } from "../lib/services";
import {
  buildWebApp,
  ROOT,
  seed,
  startCertificateIssuer,
  startWebApp,
  startWorker,
  stopProcess,
  waitForHttp,
} from "../lib/stack";

const ArgsSchema = z.tuple([z.string().min(1)], z.string().startsWith("e2e/"));

const log = logger.child({ component: "test", phase: "e2e" });

async function main(): Promise<number> {
  const [reportFile, ...specFilters] = ArgsSchema.parse(process.argv.slice(2));
  ensureDebianPackages(["chromium"], "the end-to-end tests");
  const processEnv = childEnvironment({});
  seed(processEnv);
  buildWebApp(processEnv, log);
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const webEnv = childEnvironment({ PORT: String(port), PUBLIC_URL: baseUrl, NEXTAUTH_URL: baseUrl });
  const children: ChildProcess[] = [startWebApp(webEnv, port), startWorker(webEnv), startCertificateIssuer(webEnv)];
  try {
    // Generous: on a shared 2-core machine the web server, worker and issuer start side by side
    // and have been seen to need just over a minute.
    await waitForHttp(`${baseUrl}/api/health`, 180_000, children[0]);
    log.info({ baseUrl }, "end-to-end tests");
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "playwright"), ["test", ...specFilters], {
      cwd: ROOT,
      env: { ...webEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile },
      stdio: "inherit",
    });
    return result.status ?? 1;
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.fatal({ err: error }, "the end-to-end phase could not run");
    process.exit(1);
  },
);
