"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveLessonQuizAction } from "../../../../actions";
import { AddQuestionButtons } from "../../../../_components/add-question-buttons";
import { errorsFor } from "../../../../_components/form-errors";
import { QUESTION_HINT, QuizPreview } from "../../../../_components/quiz-preview";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { YamlEditor } from "../../../../_components/yaml-editor";
import { useRouter } from "@/lib/i18n/navigation";

export function QuizForm({
  courseSlug,
  lessonSlug,
  initial,
}: {
  courseSlug: string;
  lessonSlug: string;
  initial: string;
}) {
  const router = useRouter();
  const [yaml, setYaml] = useState(initial);
  const { fieldErrors, message, isPending, save } = useSave();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => saveLessonQuizAction(courseSlug, lessonSlug, { yaml }),
      () => {
        router.refresh();
        return "Quiz saved.";
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form">
      <div className="authoring-split">
        <div>
          <YamlEditor
            id="yaml"
            label="quiz.yaml"
            kind="quiz"
            value={yaml}
            onChange={setYaml}
            errors={errorsFor(fieldErrors, "yaml")}
            hint={QUESTION_HINT}
            rows={32}
          />
          <AddQuestionButtons source={yaml} onChange={setYaml} />
        </div>
        <QuizPreview source={yaml} showsRules />
      </div>
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>Save quiz</SubmitButton>
      </div>
    </form>
  );
}
