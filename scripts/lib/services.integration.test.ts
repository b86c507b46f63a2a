// The embedded Postgres of a clone inside a 0700 folder (root's home, `mktemp -d`): as root the
// server runs as `postgres`, which cannot enter that folder, so its cluster and a copy of its
// binaries go to the project's folder outside, the same one on every start.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import pino from "pino";
import {
  firstBlockingFolder,
  isRunningAsRoot,
  OUTSIDE_STATE_LINK,
  outsideStateFolder,
} from "../../lib/system/reachable-folder";
import { copiesFolder } from "../../lib/system/stage-copy";
import { ensurePostgresUser, installedPostgresEngine, PostgresServer } from "./postgres-server";
import { findFreePort, planEmbeddedPostgres, startEmbeddedPostgres } from "./services";

const parent = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-closed-"));
const clone = path.join(parent, "gradient");
const dataDir = path.join(clone, ".data");
const blockedEngine = path.join(clone, "node_modules", "engine");
const isRoot = isRunningAsRoot();

after(() => {
  fs.rmSync(outsideStateFolder(dataDir), { recursive: true, force: true });
  fs.rmSync(copiesFolder(blockedEngine), { recursive: true, force: true });
  fs.rmSync(parent, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded Postgres of a clone inside a 0700 folder", () => {
  test("the folder really is closed to the postgres user", () => {
    assert.equal((fs.statSync(parent).mode & 0o777).toString(8), "700");
    if (isRoot) assert.equal(firstBlockingFolder(dataDir, ensurePostgresUser()), parent);
  });

  test("starts, and a second start finds the data of the first in the same folder", async () => {
    const lines: string[] = [];
    const first = await startEmbeddedPostgres(
      dataDir,
      pino({ level: "info" }, { write: (line: string) => lines.push(line) }),
    );
    try {
      await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('from the first start')");
    } finally {
      await first.stop();
    }
    const clusterDir = isRoot
      ? path.join(outsideStateFolder(dataDir), "postgres", "cluster")
      : path.join(dataDir, "postgres", "cluster");
    assert.ok(fs.existsSync(path.join(clusterDir, "PG_VERSION")), `the cluster is in ${clusterDir}`);
    assert.ok(
      lines.some((line) => line.includes(clusterDir)),
      `the log names the cluster's folder: ${lines.join(" | ")}`,
    );
    if (isRoot) {
      const postgres = ensurePostgresUser();
      const stat = fs.statSync(clusterDir);
      assert.deepEqual(
        [stat.uid, stat.mode & 0o777],
        [postgres.uid, 0o700],
        "the cluster is the postgres user's alone",
      );
      assert.equal(fs.readlinkSync(path.join(dataDir, OUTSIDE_STATE_LINK)), outsideStateFolder(dataDir));
      assert.ok(
        lines.some((line) => line.includes(`"blockedAt":"${parent}"`)),
        "the log says why the data is outside",
      );
    }

    const second = await startEmbeddedPostgres(dataDir, pino({ enabled: false }));
    try {
      assert.deepEqual(await query(second.url, "SELECT note FROM kept"), [{ note: "from the first start" }]);
      const [role] = await query<{ current_user: string }>(second.url, "SELECT current_user");
      assert.equal(role?.current_user, "postgres");
    } finally {
      await second.stop();
    }
  });

  test("binaries the postgres user cannot reach run from a copy it can", async () => {
    // As a clone's node_modules is in a 0700 folder: a copy of the installed engine inside `parent`.
    fs.cpSync(await installedPostgresEngine(), blockedEngine, { recursive: true, verbatimSymlinks: true });
    const plan = await planEmbeddedPostgres(dataDir, blockedEngine);
    if (!isRoot) {
      assert.deepEqual(
        [plan.engineDir, plan.isEngineCopy],
        [blockedEngine, false],
        "without root the server runs as this user, who reaches the engine",
      );
      return;
    }
    assert.ok(plan.isEngineCopy);
    assert.ok(
      plan.engineDir.startsWith(`${copiesFolder(blockedEngine)}/`),
      `the engine is copied outside: ${plan.engineDir}`,
    );
    assert.equal(plan.user && firstBlockingFolder(path.join(plan.engineDir, "bin", "postgres"), plan.user), null);
    const server = new PostgresServer({
      engineDir: plan.engineDir,
      clusterDir: path.join(plan.dir, "cluster"),
      port: await findFreePort(),
      password: fs.readFileSync(path.join(plan.dir, "password"), "utf8").trim(),
      user: plan.user,
    });
    await server.start();
    try {
      const [row] = await query<{ note: string }>(server.url("gradient"), "SELECT note FROM kept");
      assert.equal(row?.note, "from the first start");
    } finally {
      await server.stop();
    }
    const unreachable = new PostgresServer({
      engineDir: blockedEngine,
      clusterDir: path.join(plan.dir, "cluster"),
      port: await findFreePort(),
      password: "unused",
      user: plan.user,
    });
    await assert.rejects(unreachable.start(), "run from the folder it cannot enter, the server does not start");
  });

  test("the server stops when the process that started it is killed outright", async () => {
    const starter = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "test-fixtures", "start-postgres-and-hang.ts"), dataDir],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const [firstLine] = (await once(starter.stdout, "data")) as [Buffer];
    const url = firstLine.toString().trim();
    assert.deepEqual(await query(url, "SELECT note FROM kept"), [{ note: "from the first start" }]);
    starter.kill("SIGKILL");
    await once(starter, "exit");
    const deadline = Date.now() + 15_000;
    let error: unknown = null;
    while (Date.now() < deadline) {
      error = await query(url, "SELECT 1").then(
        () => null,
        (caught: unknown) => caught,
      );
      // "the database system is shutting down" comes first; then nothing listens any more.
      if (String(error).includes("ECONNREFUSED")) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.match(String(error), /ECONNREFUSED/, "the server still answers after its starter died");
  });
});
