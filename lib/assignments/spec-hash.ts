import crypto from "node:crypto";
import type { AssignmentSpec } from "./spec-schema";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, entry]) => [key, canonical(entry)]),
    );
  }
  return value;
}

/** sha256 of the spec with its keys sorted, so the same spec always hashes alike. */
export function specSha256(spec: AssignmentSpec): string {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify(canonical(spec)))
    .digest("hex");
}
