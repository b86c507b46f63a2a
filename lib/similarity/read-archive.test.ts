import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { strToU8, zipSync } from "fflate";
import { ValidationError } from "../errors";
import { readArchive } from "./read-archive";
import { MAX_ARCHIVE_CODE_BYTES, MAX_ARCHIVE_ENTRIES, MAX_ARCHIVE_FILE_BYTES } from "./similarity-constants";

function fieldError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    return error.fieldErrors.archive?.[0] ?? "";
  }
  assert.fail("expected a refusal");
}

describe("readArchive", () => {
  it("keeps the .js and .ts files, in path order, and leaves the rest", () => {
    const zip = zipSync({
      "2024/b.ts": strToU8("const b: number = 2;"),
      "2024/a.js": strToU8("const a = 1;"),
      "2024/notes.txt": strToU8("not code"),
      "__MACOSX/2024/._a.js": strToU8("junk"),
    });
    assert.deepEqual(readArchive(zip), [
      { path: "2024/a.js", code: "const a = 1;" },
      { path: "2024/b.ts", code: "const b: number = 2;" },
    ]);
  });

  it("refuses paths that leave the archive's folder", () => {
    const zip = zipSync({ "../evil.js": strToU8("x") });
    assert.match(
      fieldError(() => readArchive(zip)),
      /leaves its folder/,
    );
    assert.match(
      fieldError(() => readArchive(zipSync({ "a/../../b.js": strToU8("x") }))),
      /leaves its folder/,
    );
  });

  it("refuses what is not a zip, and a zip without code", () => {
    assert.match(
      fieldError(() => readArchive(strToU8("plain text"))),
      /not a zip/,
    );
    assert.match(
      fieldError(() => readArchive(zipSync({ "a.txt": strToU8("x") }))),
      /no \.js or \.ts/,
    );
  });

  it("skips a file larger than the per-file cap, however well it compresses", () => {
    const zip = zipSync({ "big.js": new Uint8Array(MAX_ARCHIVE_FILE_BYTES + 1).fill(32), "small.js": strToU8("1") });
    assert.deepEqual(
      readArchive(zip).map((file) => file.path),
      ["small.js"],
    );
  });

  it("refuses more entries than the cap, and more code in all than the cap", () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_ARCHIVE_ENTRIES + 1 }, (_, index) => [`${index}.txt`, strToU8("x")]),
    );
    assert.match(
      fieldError(() => readArchive(zipSync(many))),
      /too many files/,
    );
    const file = new Uint8Array(MAX_ARCHIVE_FILE_BYTES).fill(32);
    const count = Math.ceil(MAX_ARCHIVE_CODE_BYTES / MAX_ARCHIVE_FILE_BYTES) + 1;
    const big = Object.fromEntries(Array.from({ length: count }, (_, index) => [`${index}.js`, file]));
    assert.match(
      fieldError(() => readArchive(zipSync(big))),
      /adds up to more than 20 MB/,
    );
  });
});
