// One string per placeable item, "<kind>:<courseSlug>[/<slug>]": the picker's form values and the
// line item's resourceId (AGS 2.0 §3.2.6), so a platform's gradebook column names what it grades
// in words an instructor can read.
import type { LtiTarget } from "../targets";

export function targetKeyOf(target: LtiTarget): string {
  return target.kind === "course"
    ? `${target.kind}:${target.courseSlug}`
    : `${target.kind}:${target.courseSlug}/${target.slug}`;
}
