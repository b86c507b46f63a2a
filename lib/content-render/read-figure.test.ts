import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { readFigure } from "./read-figure";

function makeContent(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "figures-"));
  const lesson = path.join(root, "course-a", "lessons", "01-first-steps");
  mkdirSync(path.join(lesson, "figures"), { recursive: true });
  writeFileSync(path.join(lesson, "lesson.yaml"), "slug: first-steps\n");
  writeFileSync(path.join(lesson, "figures", "plot.svg"), "<svg/>");
  writeFileSync(path.join(lesson, "figures", "active.svg"), '<svg onload="alert(1)"/>');
  writeFileSync(path.join(root, "secret.svg"), "secret");
  symlinkSync(path.join(root, "secret.svg"), path.join(lesson, "figures", "link.svg"));
  return root;
}

test("serves a lesson's figure by the lesson's slug, with its content type", async () => {
  const root = makeContent();
  const figure = await readFigure("course-a", "first-steps", "plot.svg", root);
  assert.equal(figure?.contentType, "image/svg+xml");
  assert.equal(figure?.bytes.toString(), "<svg/>");
});

test("refuses anything that could walk out of the figures folder", async () => {
  const root = makeContent();
  for (const [course, lesson, name] of [
    ["course-a", "first-steps", "../lesson.yaml"],
    ["course-a", "first-steps", "..%2Fsecret.svg"],
    ["course-a", "first-steps", "link.svg"],
    ["course-a", "first-steps", "active.svg"],
    ["course-a", "01-first-steps", "plot.svg"],
    ["..", "first-steps", "plot.svg"],
    ["course-a", "first-steps", "plot.svg.exe"],
    ["course-a", "first-steps", "Plot.SVG"],
    ["course-b", "first-steps", "plot.svg"],
  ] as const) {
    assert.equal(await readFigure(course, lesson, name, root), null, `${course}/${lesson}/${name}`);
  }
});
