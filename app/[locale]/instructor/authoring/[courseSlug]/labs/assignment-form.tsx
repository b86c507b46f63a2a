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
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import type { Locale } from "@/lib/courses/content-schema";
import { CodeText } from "@/app/_components/code-text";

interface AssignmentFormProps {
  courseSlug: string;
  /** The lab being edited, or null for a new one. */
  assignmentSlug: string | null;
  initial: AssignmentInput;
  locale: Locale;
}

/** assignment.yaml, the two briefs and the starter code; saving a change makes a new version. */
export function AssignmentForm({ courseSlug, assignmentSlug, initial, locale }: AssignmentFormProps) {
  const t = authoringMessagesFor(locale);
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
        return saved.isNewVersion ? t.lab.savedVersion(saved.version) : t.lab.unchanged;
      },
    );
  }

  const leftover = otherErrors(fieldErrors, ["specYaml", "brief", "starter"]);
  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form" data-hydrated={isHydrated}>
      <YamlEditor
        id="specYaml"
        label={<CodeText text={t.lab.spec} />}
        kind="assignment"
        hint={<CodeText text={t.lab.specHint} />}
        checkWords={t.yamlCheck}
        locale={locale}
        value={form.specYaml}
        onChange={(specYaml) => setForm({ ...form, specYaml })}
        errors={errorsFor(fieldErrors, "specYaml")}
        rows={28}
      />
      <MarkdownEditor
        id="brief-en"
        label={t.lab.briefEn}
        lang="en"
        words={t.preview}
        value={form.brief.en}
        onChange={(en) => setForm({ ...form, brief: { ...form.brief, en } })}
        errors={errorsFor(fieldErrors, "brief.en")}
      />
      <MarkdownEditor
        id="brief-zh-CN"
        label={t.lab.briefZh}
        lang="zh-CN"
        words={t.preview}
        value={form.brief["zh-CN"]}
        onChange={(zh) => setForm({ ...form, brief: { ...form.brief, "zh-CN": zh } })}
        errors={errorsFor(fieldErrors, "brief.zh-CN")}
      />
      <TextAreaField
        id="starter"
        label={<CodeText text={t.lab.starter} />}
        hint={t.lab.starterHint}
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
        <SubmitButton isPending={isPending}>{assignmentSlug ? t.lab.save : t.lab.create}</SubmitButton>
      </div>
    </form>
  );
}
