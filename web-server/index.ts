// The production web server: Next's request handler in several processes that share one port
// (node:cluster), because one Node process renders pages on one core and a deadline rush needs
// them all. `npm start`, `npm test` and the load bench run it; `WEB_PROCESSES` sets how many.
//
//   node --import tsx web-server/index.ts --port 3000 --hostname 127.0.0.1
//
// The primary only forks, restarts a process that dies, and passes SIGTERM on: each process then
// stops accepting connections, answers the requests it already has and exits. Each process answers
// pages that every reader sees alike (a verify page for strangers, a published lesson) from copies
// it keeps (web-server/shared-page-server.ts); everything else goes to Next.
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import next from "next";
import { z } from "zod";
import { parseCommandLine } from "../lib/command-line";
import { env, webProcessCount } from "../lib/env";
import { contentSecurityPolicy, createScriptNonce } from "../lib/http/content-security-policy";
import { setDefaultHeader } from "../lib/http/default-response-header";
import { logger } from "../lib/log";
import { createFrameAncestors, createFrameOriginsReader } from "../lib/lti/frame-origins";
import { createSharedPageServer } from "./shared-page-server";

// Reckoned here rather than imported from scripts/: the web server depends on nothing of the
// command-line tools (or of the services they start).
const ROOT = path.resolve(import.meta.dirname, "..");
const USAGE = "usage: node --import tsx web-server/index.ts [--port 3000] [--hostname 127.0.0.1]   (PORT by default)";
const ArgsSchema = z.object({
  port: z.coerce
    .number({ error: "--port must be a port number" })
    .int("--port must be a port number")
    .min(1)
    .max(65535)
    .default(env.PORT),
  hostname: z.string().min(1, "--hostname must name an address to listen on"),
});
const { port, hostname } = parseCommandLine({
  usage: USAGE,
  options: { port: { type: "string" }, hostname: { type: "string", default: "127.0.0.1" } },
  schema: ArgsSchema,
});
/** How long a process waits for its in-flight requests after SIGTERM before it gives up on them. */
const SHUTDOWN_GRACE_MS = 25_000;
/** A process that dies sooner than this after its start is not restarted: it would only die again. */
const MIN_UPTIME_FOR_RESTART_MS = 10_000;
const log = logger.child({ component: "web" });

function runPrimary(): void {
  let isStopping = false;
  const startedAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  for (let i = 0; i < webProcessCount; i++) fork();

  cluster.on("exit", (worker, code, signal) => {
    if (isStopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    log.error({ workerPid: worker.process.pid, exitCode: code, signal, durationMs: lived }, "web process exited");
    if (lived < MIN_UPTIME_FOR_RESTART_MS) {
      log.fatal("it died during start-up; stopping the web server");
      process.exit(1);
    }
    fork();
  });

  const stop = () => {
    if (isStopping) return;
    isStopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill("SIGTERM");
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/**
 * Whether every %-escape in the path decodes to UTF-8. Next answers a dynamic segment that does not
 * with a bare 500 before any of our code runs (vercel/next.js#92557); this server answers 400.
 */
function hasDecodablePath(url: string): boolean {
  const queryAt = url.indexOf("?");
  try {
    decodeURIComponent(queryAt === -1 ? url : url.slice(0, queryAt));
    return true;
  } catch {
    return false;
  }
}

const KEEP_ALIVE_MS = 65_000;

async function runWorker(): Promise<void> {
  const app = next({ dev: false, dir: ROOT, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // The server's own address, for the renderings it asks Next for (a wildcard is not one to connect to).
  const origin = `http://${hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname}:${port}`;
  const sharedPages = env.DATABASE_URL
    ? createSharedPageServer({ origin, handle, databaseUrl: env.DATABASE_URL, authSecret: env.AUTH_SECRET })
    : null;
  // The LMSs that may frame the site (lib/lti/frame-origins.ts): read once before listening, then
  // refreshed in the background, so a platform registered a moment ago is framed within seconds.
  const frameOriginsReader = env.DATABASE_URL ? createFrameOriginsReader(env.DATABASE_URL) : null;
  const frameAncestors = createFrameAncestors({
    read: frameOriginsReader ? () => frameOriginsReader.read() : () => Promise.resolve([]),
    log,
  });
  await frameAncestors.refresh();

  const server = http.createServer((request, response) => {
    if (!hasDecodablePath(request.url ?? "/")) {
      response.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      response.end("Bad request: the address has a %-escape that is not valid UTF-8.\n");
      return;
    }
    // A fresh script nonce for every response (lib/http/content-security-policy.ts). Next reads the
    // policy from the request to put the nonce on the scripts it renders. Setting it here rather
    // than in Next middleware saves every request the middleware's round of header copying.
    const nonce = createScriptNonce();
    const policy = contentSecurityPolicy(nonce, frameAncestors.current());
    request.headers["content-security-policy"] = policy;
    // A default, so a route handler with a policy of its own replaces it (lib/http/default-response-header.ts).
    setDefaultHeader(response, "Content-Security-Policy", policy);
    if (!sharedPages?.serve(request, response, nonce)) void handle(request, response);
  });
  // Node closes an idle keep-alive socket after 5 s; a client (a proxy, a browser, an API client)
  // reusing it in that same instant gets ECONNRESET. Idle sockets stay open longer than the usual
  // proxy and client idle timeouts (60 s), so it is the client that closes them, not us.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  server.listen(port, hostname);

  process.once("SIGTERM", () => {
    // close() stops accepting and lets every open request finish; idle keep-alive sockets would
    // otherwise hold the process open until they time out.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  });
  // Ctrl-C reaches the whole process group; the primary decides how to stop.
  process.on("SIGINT", () => undefined);
}

if (cluster.isPrimary) {
  runPrimary();
  cluster.once("listening", () =>
    log.info({ url: `http://${hostname}:${port}`, processes: webProcessCount }, "listening"),
  );
} else {
  runWorker().catch((error: unknown) => {
    log.fatal({ err: error }, "could not start");
    process.exit(1);
  });
}
