"use client";

import { useState, type FormEvent } from "react";
import { NumberedCode } from "@/app/_components/numbered-code";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { deleteReviewCommentAction, saveReviewCommentAction } from "./actions";

interface Comment {
  id: string;
  line: number;
  body: string;
}

/** The learner's code with line numbers: a line's number opens a comment form under it; comments can be edited and deleted. */
export function LineComments({
  courseSlug,
  submissionId,
  code,
  comments,
  locale,
}: {
  courseSlug: string;
  submissionId: string;
  code: string;
  comments: Comment[];
  locale: Locale;
}) {
  const t = reviewMessagesFor(locale).grade;
  const router = useRouter();
  /** The line being commented on, with the comment being edited (null for a new one). */
  const [editing, setEditing] = useState<{ line: number; comment: Comment | null } | null>(null);
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);
  const remove = useSave(t.unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const form = new FormData(event.currentTarget);
    const input = {
      ...(editing.comment ? { commentId: editing.comment.id } : {}),
      line: editing.line,
      body: form.get("comment-body"),
    };
    void save(
      () => saveReviewCommentAction(courseSlug, submissionId, input),
      () => {
        setEditing(null);
        router.refresh();
      },
    );
  }

  const byLine = new Map<number, Comment[]>();
  for (const comment of comments) byLine.set(comment.line, [...(byLine.get(comment.line) ?? []), comment]);

  return (
    <>
      <p className="muted">{comments.length === 0 ? t.noComments : null}</p>
      <FormMessage message={remove.message} />
      <NumberedCode
        code={code}
        lineLabel={t.line}
        lineAction={(line) => (
          <button
            type="button"
            className="link-button"
            aria-label={t.addComment(line)}
            onClick={() => setEditing({ line, comment: null })}
            style={{ background: "none", border: 0, padding: 0, cursor: "pointer", color: "inherit", font: "inherit" }}
          >
            {line}
          </button>
        )}
        below={(line) => {
          const here = byLine.get(line) ?? [];
          const isFormHere = editing?.line === line;
          if (here.length === 0 && !isFormHere) return null;
          return (
            <>
              {here.map((comment) => (
                <div key={comment.id} className="review-comment" data-testid="review-comment">
                  <p style={{ margin: "0.25rem 0" }}>{comment.body}</p>
                  <button type="button" className="link-button" onClick={() => setEditing({ line, comment })}>
                    {t.editComment}
                  </button>{" "}
                  <button
                    type="button"
                    className="link-button"
                    disabled={remove.isPending}
                    onClick={() =>
                      void remove.save(
                        () => deleteReviewCommentAction(courseSlug, submissionId, { commentId: comment.id }),
                        () => router.refresh(),
                      )
                    }
                  >
                    {t.deleteComment}
                  </button>
                </div>
              ))}
              {isFormHere && (
                <form className="form" onSubmit={onSubmit} noValidate aria-label={t.comment}>
                  <FormMessage message={message} />
                  <Field
                    key={editing.comment?.id ?? `new-${line}`}
                    name="comment-body"
                    label={t.commentField(line)}
                    defaultValue={editing.comment?.body ?? ""}
                    errors={fieldErrors.body ?? fieldErrors.line}
                    autoFocus
                  />
                  <div style={{ display: "flex", gap: "0.5rem" }}>
                    <SubmitButton isPending={isPending} pendingLabel={t.savingComment}>
                      {t.saveComment}
                    </SubmitButton>
                    <button type="button" className="button secondary" onClick={() => setEditing(null)}>
                      {t.cancel}
                    </button>
                  </div>
                </form>
              )}
            </>
          );
        }}
      />
    </>
  );
}
