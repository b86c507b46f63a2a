import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";

describe("web server command line", () => {
  it("refuses a port that is not one before it starts anything", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "index.ts"), "--port", "99999"],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--port must be a port number/);
    assert.match(run.stderr, /usage: node --import tsx web-server\/index.ts/);
  });
});
