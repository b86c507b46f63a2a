"use client";

import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { AssignmentSpecSchema } from "@/lib/assignments/spec-schema";
import { ExamFileSchema, QuizFileSchema } from "@/lib/courses/content-schema";
import { errorMessage } from "@/lib/errors";

const SCHEMAS = { quiz: QuizFileSchema, exam: ExamFileSchema, assignment: AssignmentSpecSchema } satisfies Record<
  string,
  z.ZodType
>;
export type YamlKind = keyof typeof SCHEMAS;

/** Problems of a YAML file against its content schema, as "path: message" lines; the server checks again on save. */
export function checkYaml(kind: YamlKind, source: string): string[] {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    return [errorMessage(error)];
  }
  const result = SCHEMAS[kind].safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  );
}

/** A live verdict under a YAML textarea, so an author sees problems while typing rather than on save. */
export function YamlCheck({ id, kind, source }: { id: string; kind: YamlKind; source: string }) {
  const problems = checkYaml(kind, source);
  if (problems.length === 0) {
    return (
      <p id={id} className="authoring-check muted" aria-live="polite">
        ✓ Matches the schema.
      </p>
    );
  }
  return (
    <div id={id} className="authoring-check muted" aria-live="polite">
      Live check, {problems.length} {problems.length === 1 ? "problem" : "problems"}:
      <ul style={{ margin: "0.2rem 0" }}>
        {problems.slice(0, 8).map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
