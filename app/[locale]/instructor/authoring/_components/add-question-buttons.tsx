"use client";

import { useState } from "react";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { AuthoringMessages } from "@/lib/i18n/authoring-messages";
import { CodeText } from "@/app/_components/code-text";

const BOTH = (en: string, zh: string) => ({ en, "zh-CN": zh });

function template(kind: "single" | "multiple" | "numeric", id: string) {
  const head = { id, kind, prompt: BOTH("The question", "问题") };
  const explanation = BOTH("Why the answer is right.", "为什么答案是对的。");
  if (kind === "numeric") return { ...head, answer: 0, tolerance: 0, explanation };
  const choices = [
    { id: "a", text: BOTH("First choice", "选项一") },
    { id: "b", text: BOTH("Second choice", "选项二") },
  ];
  return { ...head, choices, answer: kind === "single" ? "a" : ["a"], explanation };
}

/** Appends a question of each kind, filled with placeholders to overwrite, to the quiz file's questions. */
export function AddQuestionButtons({
  source,
  onChange,
  words,
}: {
  source: string;
  onChange: (source: string) => void;
  words: AuthoringMessages["questions"];
}) {
  const [error, setError] = useState<string | null>(null);

  function add(kind: "single" | "multiple" | "numeric") {
    let data: unknown;
    try {
      data = parseYaml(source) ?? {};
    } catch {
      setError(words.fixYamlFirst);
      return;
    }
    if (typeof data !== "object" || Array.isArray(data) || data === null) {
      setError(words.notMapping);
      return;
    }
    const file = data as Record<string, unknown>;
    const questions: unknown[] = Array.isArray(file.questions) ? file.questions : [];
    const ids = new Set(
      questions.map((question: unknown) =>
        question && typeof question === "object" ? (question as Record<string, unknown>).id : undefined,
      ),
    );
    let number = questions.length + 1;
    while (ids.has(`new-question-${number}`)) number++;
    setError(null);
    onChange(
      stringifyYaml(
        { ...file, questions: [...questions, template(kind, `new-question-${number}`)] },
        { lineWidth: 100 },
      ),
    );
  }

  return (
    <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", alignItems: "center" }}>
      <button type="button" className="button secondary" onClick={() => add("single")}>
        {words.addSingle}
      </button>
      <button type="button" className="button secondary" onClick={() => add("multiple")}>
        {words.addMultiple}
      </button>
      <button type="button" className="button secondary" onClick={() => add("numeric")}>
        {words.addNumeric}
      </button>
      {error && (
        <p className="field-error" role="alert" style={{ flexBasis: "100%" }}>
          <CodeText text={error} />
        </p>
      )}
    </div>
  );
}
