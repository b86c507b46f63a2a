"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { importCourseAction } from "./actions";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { Link, useRouter } from "@/lib/i18n/navigation";

/** Uploads a bundle (.json from Export course) or picks a course shipped under content/courses. */
export function ImportForm({ contentCourses, maxBytes }: { contentCourses: string[]; maxBytes: number }) {
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
            message: "The file is too large.",
            fieldErrors: { bundle: [`A bundle may be at most ${maxBytes / 1024 / 1024} MB.`] },
          };
        return importCourseAction({ bundle: file ? await file.text() : "" });
      },
      ({ value: result }) => {
        setImported(result.slug);
        router.refresh();
        const versions =
          result.newAssignmentVersions.length > 0
            ? ` New lab versions: ${result.newAssignmentVersions.join(", ")}.`
            : "";
        if (result.isNewCourse) return `Imported the new course ${result.slug}.${versions}`;
        return result.isContentChanged || versions
          ? `Updated ${result.slug} from the files.${versions}`
          : `${result.slug} already matched these files; nothing changed.`;
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form card">
      <div className="field">
        <label htmlFor="bundle">Bundle file (.json)</label>
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
          <label htmlFor="contentSlug">…or a course from the repository&apos;s content/courses</label>
          <select id="contentSlug" value={contentSlug} onChange={(event) => setContentSlug(event.target.value)}>
            <option value="">(none: use the file)</option>
            {contentCourses.map((slug) => (
              <option key={slug} value={slug}>
                {slug}
              </option>
            ))}
          </select>
        </div>
      )}
      {problems.length > 0 && (
        <div className="field-error" role="alert" id="import-errors">
          <p style={{ margin: 0 }}>Problems, by file:</p>
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
          <Link href={`/instructor/authoring/${imported}`}>Open {imported}</Link>
        </p>
      )}
      <div>
        <SubmitButton isPending={isPending} pendingLabel="Importing…">
          Import
        </SubmitButton>
      </div>
    </form>
  );
}
