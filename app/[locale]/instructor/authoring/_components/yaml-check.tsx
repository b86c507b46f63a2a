"use client";

import { parse as parseYaml } from "yaml";
import { locales, type z } from "zod";
import { AssignmentSpecSchema } from "@/lib/assignments/spec-schema";
import { ExamFileSchema, QuizFileSchema, type Locale } from "@/lib/courses/content-schema";
import { errorMessage } from "@/lib/errors";
import type { AuthoringMessages } from "@/lib/i18n/authoring-messages";

export type YamlCheckWords = AuthoringMessages["yamlCheck"];

const SCHEMAS = { quiz: QuizFileSchema, exam: ExamFileSchema, assignment: AssignmentSpecSchema } satisfies Record<
  string,
  z.ZodType
>;
export type YamlKind = keyof typeof SCHEMAS;

// zod words its own findings in the reader's language; a schema's custom messages stay as written.
const ZOD_ERRORS: Partial<Record<Locale, z.core.$ZodErrorMap>> = { "zh-CN": locales.zhCN().localeError };

/** One problem of a YAML file: where in the file (a path of keys, empty for the whole file) and what. */
interface YamlProblem {
  path: string;
  message: string;
  /** The YAML parser's own words, which are English whatever the page's language. */
  isParserText: boolean;
}

/** Problems of a YAML file against its content schema; the server checks again on save. */
export function checkYaml(kind: YamlKind, source: string, locale: Locale): YamlProblem[] {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    return [{ path: "", message: errorMessage(error), isParserText: true }];
  }
  const result = SCHEMAS[kind].safeParse(data, { error: ZOD_ERRORS[locale] });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
    isParserText: false,
  }));
}

/** A live verdict under a YAML textarea, so an author sees problems while typing rather than on save. */
export function YamlCheck({
  id,
  kind,
  source,
  locale,
  words,
}: {
  id: string;
  kind: YamlKind;
  source: string;
  locale: Locale;
  words: YamlCheckWords;
}) {
  const problems = checkYaml(kind, source, locale);
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
      <ul style={{ margin: "0.2rem 0" }}>
        {problems.slice(0, 8).map((problem) => (
          <li key={`${problem.path} ${problem.message}`}>
            {problem.path && <code>{problem.path}</code>}
            {problem.path && ": "}
            {problem.isParserText ? (
              <>
                {words.unreadable} <span lang="en">{problem.message}</span>
              </>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
