"use client";

import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { AssignmentSpecSchema } from "@/lib/assignments/spec-schema";
import { ExamFileSchema, QuizFileSchema } from "@/lib/courses/content-schema";
import { errorMessage } from "@/lib/errors";
import type { AuthoringMessages } from "@/lib/i18n/authoring-messages";

export type YamlCheckWords = AuthoringMessages["yamlCheck"];

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
export function YamlCheck({
  id,
  kind,
  source,
  words,
}: {
  id: string;
  kind: YamlKind;
  source: string;
  words: YamlCheckWords;
}) {
  const problems = checkYaml(kind, source);
  if (problems.length === 0) {
    return (
      <p id={id} className="authoring-check muted" aria-live="polite">
        {words.valid}
      </p>
    );
  }
  return (
    <div id={id} className="authoring-check muted" aria-live="polite">
      {words.problems(problems.length)}
      {/* The parser's and the schema's findings name paths and keys of the file: code, in English. */}
      <ul style={{ margin: "0.2rem 0" }} translate="no" lang="en">
        {problems.slice(0, 8).map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
