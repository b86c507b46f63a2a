// Serves the figures that lessons reference (lessons/<NN-slug>/figures/<name>.svg) without ever
// letting a request name a path: every segment must match a strict pattern, the lesson folder is
// found by the slug in its lesson.yaml, and the final path is checked to lie inside that folder.
import { readdir, readFile, lstat } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FIGURE_NAME = /^[a-z0-9][a-z0-9-]*\.(svg|png|jpe?g|webp)$/;
const LESSON_FOLDER = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
// An SVG opened on its own is a document of this site; one that could run script or load
// anything is refused outright rather than trusted to a response header.
const ACTIVE_SVG =
  /<script|<foreignObject|<iframe|<embed|<object|\son[a-z]+\s*=|javascript:|<use[^>]+href\s*=\s*["'](?!#)/i;
/** Figures are diagrams; anything bigger is not one and is not served. */
const MAX_FIGURE_BYTES = 2 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

export function coursesDir(): string {
  // Read at run time from the project folder; the bundler must not try to trace this path.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), "content", "courses");
}

const LessonSlugSchema = z.object({ slug: z.string() });

async function findLessonFolder(courseDir: string, lessonSlug: string): Promise<string | null> {
  const lessonsDir = path.join(courseDir, "lessons");
  const entries = await readdir(lessonsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || !LESSON_FOLDER.test(entry.name)) continue;
    const meta = await readFile(path.join(lessonsDir, entry.name, "lesson.yaml"), "utf8").catch(() => null);
    if (meta === null) continue;
    const parsed = LessonSlugSchema.safeParse(parseYaml(meta));
    if (parsed.success && parsed.data.slug === lessonSlug) return path.join(lessonsDir, entry.name);
  }
  return null;
}

export interface Figure {
  bytes: Buffer;
  contentType: string;
}

/** The figure `name` of a lesson, or null for anything that is not exactly such a file. */
export async function readFigure(
  courseSlug: string,
  lessonSlug: string,
  name: string,
  root: string = coursesDir(),
): Promise<Figure | null> {
  const extension = FIGURE_NAME.exec(name)?.[1];
  if (!SLUG.test(courseSlug) || !SLUG.test(lessonSlug) || !extension) return null;
  const lessonDir = await findLessonFolder(path.join(root, courseSlug), lessonSlug);
  if (!lessonDir) return null;
  const figuresDir = path.join(lessonDir, "figures");
  const file = path.resolve(figuresDir, name);
  if (path.dirname(file) !== figuresDir) return null;
  // lstat, not stat: a symlink planted in content/ must not lead outside it.
  const info = await lstat(file).catch(() => null);
  if (!info?.isFile() || info.size > MAX_FIGURE_BYTES) return null;
  const bytes = await readFile(file);
  if (extension === "svg" && ACTIVE_SVG.test(bytes.toString("utf8"))) return null;
  return { bytes, contentType: CONTENT_TYPES[extension] ?? "application/octet-stream" };
}
