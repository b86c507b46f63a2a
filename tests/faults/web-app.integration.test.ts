// The production web app (web-server/index.ts) on a Postgres of this test's own: while Postgres is down
// a page (in Debian's Chromium) says the service is temporarily unavailable, and once Postgres is
// back it recovers without a reload; SIGTERM lets a request already in flight finish before exit.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import { chromium } from "@playwright/test";
import { logger } from "../../lib/log";
import { ensureDebianPackages } from "../../lib/system/debian-packages";
import { findFreePort } from "../../scripts/lib/services";
import { openFaultLab, REFERENCE, waitFor, type FaultLab } from "./support/fault-lab";

// As root, Debian's Chromium runs only without its sandbox; the rest keeps it quiet and offline.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let lab: FaultLab;
let web: ChildProcess;
let baseUrl: string;
let port: number;

before(async () => {
  // This phase runs before the end-to-end one, so on a fresh machine nothing has installed Chromium yet.
  ensureDebianPackages(["chromium"], "the web app's fault test");
  lab = await openFaultLab({ name: "web", hasOwnPostgres: true });
  const { buildWebApp, startWebApp, waitForHttp } = lab.platform.stack;
  port = await findFreePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const webEnv = lab.platform.childEnvironment({ PORT: String(port), PUBLIC_URL: baseUrl, NEXTAUTH_URL: baseUrl });
  buildWebApp(webEnv, logger.child({ component: "web-app test" }));
  web = startWebApp(webEnv, port);
  await waitForHttp(`${baseUrl}/api/health`, 60_000, web);
});

after(async () => {
  if (web) await lab.platform.stack.stopProcess(web);
  await lab?.close();
});

const isRefused = (portToTry: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(portToTry, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

describe("the web app", () => {
  test(
    "Postgres down: a page says 'temporarily unavailable'; back up: the same page recovers by itself",
    { timeout: 120_000 },
    async () => {
      // The error page is a client component (the root layout itself needs the database), so only a
      // real browser shows what a reader sees.
      const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
      const postgres = lab.postgres!;
      try {
        const page = await browser.newPage();
        await postgres.stop();
        try {
          await page.goto(`${baseUrl}/`);
          await page
            .getByText(/temporarily unavailable/i)
            .first()
            .waitFor();
          assert.equal((await fetch(`${baseUrl}/api/health`)).status, 503);
        } finally {
          await postgres.start();
        }
        // No reload from here: the page retries on its own timer until the database answers.
        await page
          .getByText(/temporarily unavailable/i)
          .first()
          .waitFor({ state: "detached", timeout: 60_000 });
        assert.equal((await fetch(`${baseUrl}/`)).status, 200);
      } finally {
        await browser.close();
      }
    },
  );

  test("SIGTERM: a submission already in flight is answered before the server exits", { timeout: 60_000 }, async () => {
    const { createApiToken } = await import("../../lib/api-tokens/create-api-token");
    const learner = await lab.createLearner();
    const { token } = await createApiToken({ user: learner, input: { name: "shutdown test" } });
    const body = Buffer.from(
      JSON.stringify({ course: lab.courseSlug, assignment: "linear-regression", code: REFERENCE }),
    );

    // Headers and half the body now; the rest only once the server is shutting down.
    const request = http.request(`${baseUrl}/api/v1/submissions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": body.length },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.once("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.once("end", () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.once("error", reject);
    });
    const half = Math.floor(body.length / 2);
    request.write(body.subarray(0, half));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const exited = new Promise<void>((resolve) => web.once("exit", () => resolve()));
    web.kill("SIGTERM");
    await waitFor("the server to stop accepting connections", () => isRefused(port), 30_000);
    request.end(body.subarray(half));

    const response = await answered;
    assert.equal(response.status, 201, response.text);
    await exited;
    assert.equal(await lab.db.submission.count({ where: { userId: learner.id } }), 1);
  });
});
