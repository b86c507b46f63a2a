// The courses shipped in the repository (content/courses/<slug>/), read as bundles so that
// importing one goes through exactly the path an uploaded bundle takes.
import fs from "node:fs";
import path from "node:path";
import { coursesDir } from "../content-render/read-figure";
import { NotFoundError } from "../errors";
import { SlugSchema } from "./authorize";

// Only the files a bundle holds: figures are served from content/ and reference solutions never leave it.
const BUNDLED_FILE = /(?:\.ya?ml|\.md|^starter\.js)$/;

export function listContentCourses(): string[] {
  const root = coursesDir();
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() &&
        SlugSchema.safeParse(entry.name).success &&
        fs.existsSync(path.join(root, entry.name, "course.yaml")),
    )
    .map((entry) => entry.name)
    .sort();
}

/** The bundle files of content/courses/<slug>/. */
export function readContentCourse(slug: string): Record<string, string> {
  if (!listContentCourses().includes(slug)) throw new NotFoundError("There is no such course under content/courses.");
  const root = path.join(coursesDir(), slug);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && BUNDLED_FILE.test(entry.name))
        files[path.relative(root, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  };
  walk(root);
  return files;
}
