"use client";

import { useEffect, useState, type FormEvent } from "react";
import type { AssignmentInput } from "@/lib/authoring/schemas";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveAssignmentAction } from "../../actions";
import { errorsFor, otherErrors } from "../../_components/form-errors";
import { MarkdownEditor } from "../../_components/markdown-editor";
import { TextAreaField } from "../../_components/text-area-field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { YamlEditor } from "../../_components/yaml-editor";
import { useRouter } from "@/lib/i18n/navigation";

interface AssignmentFormProps {
  courseSlug: string;
  /** The lab being edited, or null for a new one. */
  assignmentSlug: string | null;
  initial: AssignmentInput;
}

/** assignment.yaml, the two briefs and the starter code; saving a change makes a new version. */
export function AssignmentForm({ courseSlug, assignmentSlug, initial }: AssignmentFormProps) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const { fieldErrors, message, isPending, save } = useSave();
  // Text typed before hydration is replaced by the form's state when React takes over; the
  // attribute tells the browser tests when typing reaches that state.
  const [isHydrated, setIsHydrated] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- marks hydration itself
  useEffect(() => setIsHydrated(true), []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => saveAssignmentAction(courseSlug, assignmentSlug, form),
      ({ value: saved }) => {
        if (assignmentSlug === null) {
          router.push(`/instructor/authoring/${courseSlug}/labs/${saved.slug}`);
          return;
        }
        router.refresh();
        return saved.isNewVersion
          ? `Saved as version ${saved.version}. Earlier submissions keep the version they were graded against.`
          : "Nothing changed, so no new version was made.";
      },
    );
  }

  const leftover = otherErrors(fieldErrors, ["specYaml", "brief", "starter"]);
  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form" data-hydrated={isHydrated}>
      <YamlEditor
        id="specYaml"
        label="Specification (assignment.yaml)"
        kind="assignment"
        hint={
          "The grader's contract: data set, split, preprocessing, metric and threshold, budget, mode. " +
          "Its slug names the lab and cannot change once made."
        }
        value={form.specYaml}
        onChange={(specYaml) => setForm({ ...form, specYaml })}
        errors={errorsFor(fieldErrors, "specYaml")}
        rows={28}
      />
      <MarkdownEditor
        id="brief-en"
        label="Brief (English Markdown)"
        value={form.brief.en}
        onChange={(en) => setForm({ ...form, brief: { ...form.brief, en } })}
        errors={errorsFor(fieldErrors, "brief.en")}
      />
      <MarkdownEditor
        id="brief-zh-CN"
        label="Brief (简体中文 Markdown)"
        value={form.brief["zh-CN"]}
        onChange={(zh) => setForm({ ...form, brief: { ...form.brief, "zh-CN": zh } })}
        errors={errorsFor(fieldErrors, "brief.zh-CN")}
      />
      <TextAreaField
        id="starter"
        label="Starter code (starter.js)"
        hint="What the learner's editor opens with."
        rows={20}
        value={form.starter}
        onChange={(event) => setForm({ ...form, starter: event.target.value })}
        errors={errorsFor(fieldErrors, "starter")}
        style={{ fontFamily: "monospace" }}
      />
      {leftover.length > 0 && (
        <p className="field-error" role="alert">
          {leftover.join(" ")}
        </p>
      )}
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>{assignmentSlug ? "Save lab" : "Create lab"}</SubmitButton>
      </div>
    </form>
  );
}
