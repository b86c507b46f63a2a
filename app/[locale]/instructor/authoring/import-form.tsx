"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { importCourseAction } from "./actions";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import type { Locale } from "@/lib/courses/content-schema";
import { CodeText } from "@/app/_components/code-text";

/** Uploads a bundle (.json from Export course) or picks a course shipped under content/courses. */
export function ImportForm({
  contentCourses,
  maxBytes,
  locale,
}: {
  contentCourses: string[];
  maxBytes: number;
  locale: Locale;
}) {
  const t = authoringMessagesFor(locale).importForm;
  const router = useRouter();
  const [contentSlug, setContentSlug] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const { fieldErrors, message, isPending, save } = useSave();
  const problems = Object.entries(fieldErrors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setImported(null);
    void save(
      async () => {
        if (contentSlug) return importCourseAction({ contentSlug });
        if (file && file.size > maxBytes)
          return {
            isOk: false,
            message: t.tooLarge,
            fieldErrors: { bundle: [t.maxSize(maxBytes / 1024 / 1024)] },
          };
        return importCourseAction({ bundle: file ? await file.text() : "" });
      },
      ({ value: result }) => {
        setImported(result.slug);
        router.refresh();
        const versions =
          result.newAssignmentVersions.length > 0 ? t.newVersions(result.newAssignmentVersions.join(", ")) : "";
        if (result.isNewCourse) return t.importedNew(result.slug, versions);
        return result.isContentChanged || versions ? t.updated(result.slug, versions) : t.unchanged(result.slug);
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form card">
      <div className="field">
        <label htmlFor="bundle">{t.bundle}</label>
        <input
          id="bundle"
          type="file"
          accept=".json,application/json"
          disabled={Boolean(contentSlug)}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      {contentCourses.length > 0 && (
        <div className="field">
          <label htmlFor="contentSlug">
            <CodeText text={t.fromContent} />
          </label>
          <select id="contentSlug" value={contentSlug} onChange={(event) => setContentSlug(event.target.value)}>
            <option value="">{t.none}</option>
            {contentCourses.map((slug) => (
              <option key={slug} value={slug} translate="no">
                {slug}
              </option>
            ))}
          </select>
        </div>
      )}
      {problems.length > 0 && (
        <div className="field-error" role="alert" id="import-errors">
          <p style={{ margin: 0 }}>{t.problems}</p>
          <ul>
            {problems.map(([file, messages]) => (
              <li key={file}>
                <code>{file}</code>
                <ul>
                  {messages.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormMessage message={message} />
      {imported && (
        <p>
          <Link href={`/instructor/authoring/${imported}`}>{t.open(imported)}</Link>
        </p>
      )}
      <div>
        <SubmitButton isPending={isPending} pendingLabel={t.importing}>
          {t.import}
        </SubmitButton>
      </div>
    </form>
  );
}
