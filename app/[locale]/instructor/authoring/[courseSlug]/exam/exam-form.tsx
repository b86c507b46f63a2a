"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveExamAction } from "../../actions";
import { AddQuestionButtons } from "../../_components/add-question-buttons";
import { errorsFor } from "../../_components/form-errors";
import { QUESTION_HINT, QuizPreview } from "../../_components/quiz-preview";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { YamlEditor } from "../../_components/yaml-editor";
import { useRouter } from "@/lib/i18n/navigation";

export function ExamForm({
  courseSlug,
  initial,
}: {
  courseSlug: string;
  initial: { examYaml: string; bankYaml: string };
}) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const { fieldErrors, message, isPending, save } = useSave();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => saveExamAction(courseSlug, form),
      () => {
        router.refresh();
        return "Exam saved.";
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form">
      <YamlEditor
        id="examYaml"
        label="exam.yaml"
        kind="exam"
        hint={
          "title (en, zh-CN), drawCount (questions per attempt), " +
          "timeLimitMinutes, passPercent and optionally maxAttempts."
        }
        value={form.examYaml}
        onChange={(examYaml) => setForm({ ...form, examYaml })}
        errors={errorsFor(fieldErrors, "examYaml")}
        rows={10}
      />
      <div className="authoring-split">
        <div>
          <YamlEditor
            id="bankYaml"
            label="question-bank.yaml"
            kind="quiz"
            hint={QUESTION_HINT}
            value={form.bankYaml}
            onChange={(bankYaml) => setForm({ ...form, bankYaml })}
            errors={errorsFor(fieldErrors, "bankYaml")}
            rows={32}
          />
          <AddQuestionButtons source={form.bankYaml} onChange={(bankYaml) => setForm({ ...form, bankYaml })} />
        </div>
        <QuizPreview source={form.bankYaml} />
      </div>
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>Save exam</SubmitButton>
      </div>
    </form>
  );
}
