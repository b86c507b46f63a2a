"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveLessonQuizAction } from "../../../../actions";
import { AddQuestionButtons } from "../../../../_components/add-question-buttons";
import { errorsFor } from "../../../../_components/form-errors";
import { QuestionHint, QuizPreview } from "../../../../_components/quiz-preview";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { YamlEditor } from "../../../../_components/yaml-editor";
import { useRouter } from "@/lib/i18n/navigation";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import type { Locale } from "@/lib/courses/content-schema";

export function QuizForm({
  courseSlug,
  lessonSlug,
  initial,
  locale,
}: {
  courseSlug: string;
  lessonSlug: string;
  initial: string;
  locale: Locale;
}) {
  const t = authoringMessagesFor(locale);
  const router = useRouter();
  const [yaml, setYaml] = useState(initial);
  const { fieldErrors, message, isPending, save } = useSave();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => saveLessonQuizAction(courseSlug, lessonSlug, { yaml }),
      () => {
        router.refresh();
        return t.quiz.saved;
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form">
      <div className="authoring-split">
        <div>
          <YamlEditor
            id="yaml"
            label={<code>quiz.yaml</code>}
            kind="quiz"
            value={yaml}
            onChange={setYaml}
            errors={errorsFor(fieldErrors, "yaml")}
            hint={<QuestionHint words={t.questions} />}
            checkWords={t.yamlCheck}
            locale={locale}
            rows={32}
          />
          <AddQuestionButtons source={yaml} onChange={setYaml} words={t.questions} />
        </div>
        <QuizPreview source={yaml} locale={locale} words={t.preview} showsRules />
      </div>
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>{t.quiz.save}</SubmitButton>
      </div>
    </form>
  );
}
