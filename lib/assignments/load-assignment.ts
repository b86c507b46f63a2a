// Reads one lab folder (content/courses/<course>/assignments/<slug>/). Slugs are checked against
// the slug pattern before they become part of a path, so a request can never walk out of content/.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { LOCALES, type Locale } from "@/lib/courses/content-schema";
import { coursesDir } from "@/lib/content-render/read-figure";
import { AssignmentSpecSchema, type AssignmentSpec } from "./spec-schema";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// import.meta.dirname does not exist inside Next's server bundle; the project folder does.
export const COURSES_DIR = coursesDir();

export interface LoadedAssignment {
  dir: string;
  spec: AssignmentSpec;
  /** brief.<locale>.md */
  briefs: Record<Locale, string>;
  /** starter.js: what the learner's editor opens with. */
  starter: string;
}

export function assignmentDir(courseSlug: string, slug: string): string {
  if (!SLUG.test(courseSlug) || !SLUG.test(slug))
    throw new Error(`Not a valid course or assignment slug: ${courseSlug}/${slug}`);
  return path.join(COURSES_DIR, courseSlug, "assignments", slug);
}

export function loadAssignmentSpec(courseSlug: string, slug: string): AssignmentSpec {
  const file = path.join(assignmentDir(courseSlug, slug), "assignment.yaml");
  if (!fs.existsSync(file)) throw new Error(`No assignment ${slug} in course ${courseSlug}`);
  const result = AssignmentSpecSchema.safeParse(parseYaml(fs.readFileSync(file, "utf8")));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`${path.relative(process.cwd(), file)} is invalid:\n${problems.join("\n")}`);
  }
  if (result.data.slug !== slug) throw new Error(`${file}: slug ${result.data.slug} does not match its folder ${slug}`);
  return result.data;
}

export function loadAssignment(courseSlug: string, slug: string): LoadedAssignment {
  const dir = assignmentDir(courseSlug, slug);
  const spec = loadAssignmentSpec(courseSlug, slug);
  const briefs = Object.fromEntries(
    LOCALES.map((locale) => [locale, fs.readFileSync(path.join(dir, `brief.${locale}.md`), "utf8")]),
  ) as Record<Locale, string>;
  return { dir, spec, briefs, starter: fs.readFileSync(path.join(dir, "starter.js"), "utf8") };
}
