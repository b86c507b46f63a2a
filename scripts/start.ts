// `npm start`: brings up the whole platform on this machine and keeps it running until Ctrl-C.
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { z } from "zod";
import { parseCommandLine } from "../lib/command-line";
import { childEnvironment, dataDir, env, publicUrl } from "../lib/env";
import { logger } from "../lib/log";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { trainingEngineSummary } from "../grader/pipeline/engine-summary";
import { readOrCreateSecret } from "./lib/services";
import { ensureSigningKeyFile } from "./lib/signing-key";
import {
  buildWebApp,
  migrate,
  seed,
  startCertificateIssuer,
  startDemoWork,
  startServices,
  startWebApp,
  startWorker,
  stopProcess,
  waitForHttp,
  WEB_START_TIMEOUT_MS,
} from "./lib/stack";

const log = logger.child({ component: "start" });

async function main(): Promise<void> {
  // Everything is configured through the environment (README, Configuration).
  parseCommandLine({
    usage: "usage: npm start   (settings come from the environment: PORT, DATABASE_URL, ...)",
    options: {},
    schema: z.object({}),
  });
  log.info({ dataDir }, "state folder");
  const services = await startServices(dataDir, log);
  const children: ChildProcess[] = [];
  // The demo learner's work runs beside the platform; its end, success or not, stops nothing.
  let demoWork: ChildProcess | null = null;
  let isStopping = false;

  const stopAll = async (exitCode: number) => {
    if (isStopping) return;
    isStopping = true;
    log.info("shutting down");
    // The worker lets a running job finish for up to GRADER_DRAIN_SECONDS before it hands it back:
    // it is given that long (and a little more) before Redis and Postgres go.
    const graceMs = (env.GRADER_DRAIN_SECONDS + 5) * 1000;
    await Promise.all([...children, ...(demoWork ? [demoWork] : [])].map((child) => stopProcess(child, graceMs)));
    await services.redis.stop();
    await services.postgres.stop();
    log.info({ dataDir }, "stopped; the data is kept in the state folder for the next start");
    process.exit(exitCode);
  };
  // stopAll stops the web app, the worker, the issuer and Redis, then Postgres last.
  process.once("SIGINT", () => void stopAll(0));
  process.once("SIGTERM", () => void stopAll(0));
  process.once("SIGHUP", () => void stopAll(0));

  try {
    const processEnv = childEnvironment({
      DATABASE_URL: services.postgres.url,
      REDIS_URL: services.redis.url,
      AUTH_SECRET: env.AUTH_SECRET ?? readOrCreateSecret(path.join(dataDir, "auth-secret"), 48),
      PUBLIC_URL: publicUrl,
      NEXTAUTH_URL: publicUrl,
      // A local key for signing certificates unless one is configured; it never leaves the data folder.
      ...(env.SIGNING_KEY || env.SIGNING_KEY_FILE ? {} : { SIGNING_KEY_FILE: ensureSigningKeyFile(dataDir) }),
    });
    log.info("applying database migrations");
    migrate(services.postgres.url);
    log.info("seeding courses and demo accounts");
    const demoCertificateUrl = seed(processEnv);
    buildWebApp(processEnv, log);

    const web = startWebApp(processEnv, env.PORT);
    const worker = startWorker(processEnv);
    const issuer = startCertificateIssuer(processEnv);
    children.push(web, worker, issuer);
    for (const child of children) {
      child.once("exit", (code, signal) => {
        if (isStopping) return;
        log.error({ childPid: child.pid, exitCode: code, signal }, "a platform process exited; stopping everything");
        void stopAll(1);
      });
    }
    await waitForHttp(`http://127.0.0.1:${env.PORT}/api/health`, WEB_START_TIMEOUT_MS, web);

    console.log(
      [
        "",
        `  Gradient is running at ${publicUrl}`,
        "",
        "  Demo accounts:",
        ...DEMO_ACCOUNTS.map(
          (account) =>
            `    ${account.role.toLowerCase().padEnd(11)} ${account.email.padEnd(28)} password: ${account.password}`,
        ),
        "",
        `  Labs train on: ${trainingEngineSummary()}`,
        "",
        demoCertificateUrl
          ? `  The demo learner's certificate: ${demoCertificateUrl}`
          : "  The demo learner's work is being graded; the certificate's URL follows once it is issued.",
        "",
        "  Press Ctrl-C to stop.",
        "",
      ].join("\n"),
    );
    if (!demoCertificateUrl) demoWork = startDemoWork(processEnv);
  } catch (error) {
    log.fatal({ err: error }, "start-up failed");
    await stopAll(1);
  }
}

void main();
