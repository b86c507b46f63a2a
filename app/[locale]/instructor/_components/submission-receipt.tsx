import { DataTable } from "@/app/_components/data-table";
import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import type { SubmissionView } from "@/lib/submissions/get-submission";

/** A stored value as an instructor reads it: numbers to six digits, lists and objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return String(Number(value.toPrecision(6)));
  if (typeof value === "string") return value;
  // Metrics are JSON: a list or an object is shown as JSON, not as "[object Object]".
  return JSON.stringify(value);
}

/** A submission's grading receipt as the instructor's pages show it (submission detail and grading view). */
export function SubmissionReceiptTable({ submission, locale }: { submission: SubmissionView; locale: Locale }) {
  const t = staffMessagesFor(locale).submission;
  const f = t.receiptFields;
  // The third element marks identifiers (hashes, versions, back ends), shown as code in every language.
  const receipt: [string, unknown, boolean?][] = [
    [f.code, submission.receipt.codeSha256, true],
    [f.spec, submission.receipt.specSha256, true],
    [f.dataset, submission.receipt.datasetSha256, true],
    [f.heldOut, submission.receipt.heldOutSha256, true],
    [f.graderVersion, submission.receipt.graderVersion, true],
    [f.backend, submission.receipt.backend, true],
    [f.seed, submission.receipt.seed],
    [
      f.deterministic,
      submission.receipt.isDeterministic === null ? null : submission.receipt.isDeterministic ? t.yes : t.no,
    ],
    [f.trainingMs, submission.receipt.trainingMs],
    [f.scoringMs, submission.receipt.scoringMs],
  ];
  return (
    <DataTable
      caption={t.receipt}
      rows={receipt}
      rowKey={([label]) => label}
      columns={[
        { key: "field", header: t.field, isRowHeader: true, cell: ([label]) => label },
        {
          key: "value",
          header: t.value,
          style: { wordBreak: "break-all" },
          cell: ([, value, isCode]) =>
            isCode && value !== null ? <code>{formatValue(value)}</code> : formatValue(value),
        },
      ]}
    />
  );
}
