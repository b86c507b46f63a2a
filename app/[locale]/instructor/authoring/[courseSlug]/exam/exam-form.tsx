"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveExamAction } from "../../actions";
import { AddQuestionButtons } from "../../_components/add-question-buttons";
import { errorsFor } from "../../_components/form-errors";
import { QuestionHint, QuizPreview } from "../../_components/quiz-preview";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { YamlEditor } from "../../_components/yaml-editor";
import { useRouter } from "@/lib/i18n/navigation";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import type { Locale } from "@/lib/courses/content-schema";
import { CodeText } from "@/app/_components/code-text";

export function ExamForm({
  courseSlug,
  initial,
  locale,
}: {
  courseSlug: string;
  initial: { examYaml: string; bankYaml: string };
  locale: Locale;
}) {
  const t = authoringMessagesFor(locale);
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const { fieldErrors, message, isPending, save } = useSave();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => saveExamAction(courseSlug, form),
      () => {
        router.refresh();
        return t.exam.saved;
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form">
      <YamlEditor
        id="examYaml"
        label={<code>exam.yaml</code>}
        kind="exam"
        hint={<CodeText text={t.exam.examHint} />}
        checkWords={t.yamlCheck}
        locale={locale}
        value={form.examYaml}
        onChange={(examYaml) => setForm({ ...form, examYaml })}
        errors={errorsFor(fieldErrors, "examYaml")}
        rows={10}
      />
      <div className="authoring-split">
        <div>
          <YamlEditor
            id="bankYaml"
            label={<code>question-bank.yaml</code>}
            kind="quiz"
            hint={<QuestionHint words={t.questions} />}
            checkWords={t.yamlCheck}
            locale={locale}
            value={form.bankYaml}
            onChange={(bankYaml) => setForm({ ...form, bankYaml })}
            errors={errorsFor(fieldErrors, "bankYaml")}
            rows={32}
          />
          <AddQuestionButtons
            source={form.bankYaml}
            onChange={(bankYaml) => setForm({ ...form, bankYaml })}
            words={t.questions}
          />
        </div>
        <QuizPreview source={form.bankYaml} locale={locale} words={t.preview} />
      </div>
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>{t.exam.save}</SubmitButton>
      </div>
    </form>
  );
}
