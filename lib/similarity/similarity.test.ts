import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { compareFiles, type SourceFile } from "./compare-files";
import { SIMILARITY_THRESHOLD } from "./similarity-constants";
import { tokenizeSource } from "./tokenize-source";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const ASSIGNMENTS = path.join(__dirname, "..", "..", "content", "courses", "ml-foundations", "assignments");

describe("tokenizeSource", () => {
  it("reduces identifiers and literals to their kind and drops comments and whitespace", () => {
    const a = tokenizeSource("const rate = 0.1; // learning rate\nmodel.fit(xs, 'x');", "javascript");
    const b = tokenizeSource('/* renamed */ const   lr = 3e-4;\n\n  net.fit(inputs, "y")', "javascript");
    assert.deepEqual(a.tokens, ["const", "ID", "=", "NUM", ";", "ID", ".", ".fit", "(", "ID", ",", "STR", ")", ";"]);
    assert.deepEqual(b.tokens.slice(0, 5), ["const", "ID", "=", "NUM", ";"]);
    assert.deepEqual(b.tokens.slice(5), ["ID", ".", ".fit", "(", "ID", ",", "STR", ")"]);
  });

  it("keeps each token's line and column in the file as written", () => {
    const { positions } = tokenizeSource("// header\n\nlet x =\n  42;", "javascript");
    assert.deepEqual(positions[3], { startLine: 4, startColumn: 2, endLine: 4, endColumn: 4 });
  });

  it("strips TypeScript types and maps tokens back to the TypeScript lines", () => {
    const ts = tokenizeSource(
      "interface Budget { epochs: number }\n\nconst e: number = 3;\nfunction f(b: Budget): number {\n  return b.epochs;\n}",
      "typescript",
    );
    const js = tokenizeSource("const e = 3;\nfunction f(b) {\n  return b.epochs;\n}", "javascript");
    assert.deepEqual(ts.tokens, js.tokens);
    assert.equal(ts.positions[0]?.startLine, 3);
    assert.equal(ts.positions.at(-1)?.startLine, 6);
    assert.equal(ts.isComplete, true);
  });

  it("keeps what it read before a syntax error", () => {
    const result = tokenizeSource("const a = 1;\nconst b = 'unterminated", "javascript");
    assert.equal(result.isComplete, false);
    assert.deepEqual(result.tokens.slice(0, 5), ["const", "ID", "=", "NUM", ";"]);
  });
});

describe("compareFiles", () => {
  const references: SourceFile[] = fs
    .readdirSync(ASSIGNMENTS)
    .sort()
    .map((slug) => ({
      key: slug,
      code: fs.readFileSync(path.join(ASSIGNMENTS, slug, "reference.js"), "utf8"),
      language: "javascript" as const,
    }));
  const original: SourceFile = { key: "original", code: fixture("original-model.js"), language: "javascript" };
  const copy: SourceFile = { key: "copy", code: fixture("planted-copy.js"), language: "javascript" };

  it("ranks a renamed, reordered, re-commented copy first, and unrelated reference solutions below the threshold", () => {
    assert.ok(references.length >= 5, "the course's lab reference solutions are the unrelated files");
    const pairs = compareFiles({ files: [...references, original, copy], minStoredScore: 0 });
    const [first, ...rest] = pairs;
    assert.ok(first);
    assert.deepEqual(new Set([first.leftKey, first.rightKey]), new Set(["original", "copy"]));
    assert.ok(first.score >= SIMILARITY_THRESHOLD, `the copy scores ${first.score}`);
    for (const pair of rest) {
      assert.ok(pair.score < SIMILARITY_THRESHOLD, `${pair.leftKey} ~ ${pair.rightKey} scores ${pair.score}`);
    }
    // Fragments point at lines of both files, in the order of the left file.
    assert.ok(first.fragments.length > 3);
    for (const fragment of first.fragments) {
      assert.ok(fragment.left.startLine >= 1 && fragment.left.endLine >= fragment.left.startLine);
      assert.ok(fragment.right.startLine >= 1 && fragment.right.endLine >= fragment.right.startLine);
    }
  });

  it("scores a file against an identical one as 1 and finds nothing between unrelated code", () => {
    const pairs = compareFiles({
      files: [
        original,
        { ...original, key: "twin" },
        { key: "other", code: "let a = 1;\nlet b = 2;", language: "javascript" },
      ],
      minStoredScore: 0,
    });
    assert.equal(pairs.length, 1);
    assert.equal(pairs[0]?.score, 1);
  });

  it("ignores fingerprints of the excluded code (starter code, the brief's code)", () => {
    const files = [original, { ...original, key: "twin" }];
    const pairs = compareFiles({ files, ignored: [original], minStoredScore: 0 });
    assert.equal(pairs.length, 0);
  });

  it("ignores fingerprints that most files share once there are enough files", () => {
    const shared = fixture("original-model.js");
    const files: SourceFile[] = Array.from({ length: 12 }, (_, index) => ({
      key: `learner-${index}`,
      code: `${shared}\nconst own${index} = [${"1,".repeat(index * 7)}];`,
      language: "javascript",
    }));
    assert.equal(compareFiles({ files, minStoredScore: 0 }).length, 0);
    assert.equal(compareFiles({ files: files.slice(0, 3), minStoredScore: 0 }).length, 3);
    // Excluded code that a few files also hold stays ignored once the boilerplate is cut off too.
    const extra =
      "function schedule(epoch, base) {\n  if (epoch < 3) return base;\n  return base * Math.pow(0.5, epoch - 2);\n}\n";
    const starter: SourceFile = { key: "starter", code: extra, language: "javascript" };
    const withExtra = files.map((file, index) => (index < 2 ? { ...file, code: `${file.code}\n${extra}` } : file));
    assert.equal(compareFiles({ files: withExtra, ignored: [starter], minStoredScore: 0 }).length, 0);
  });
});
