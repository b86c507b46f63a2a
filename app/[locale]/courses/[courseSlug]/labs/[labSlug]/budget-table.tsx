import { CodeText } from "@/app/_components/code-text";
import { DataTable } from "@/app/_components/data-table";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import type { Locale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";

interface BudgetRow {
  key: string;
  name: string;
  limit: string;
  isEnforced: boolean;
  how: string;
}

/**
 * The lab's budget, each line saying whether the sandbox enforces it from outside the learner's code
 * or whether it is counted inside that code's process and so only a guide (the epochs).
 */
export function BudgetTable({ spec, locale }: { spec: AssignmentSpec; locale: Locale }) {
  const t = messagesFor(locale).labBudget;
  const { budget } = spec;
  const parameters: BudgetRow = {
    key: "parameters",
    name: t.parameters,
    limit: budget.maxParameters.toLocaleString("en"),
    isEnforced: true,
    how: t.parametersHow,
  };
  // An uploaded model is only scored: no code runs, so only its size is held to the budget.
  const rows: BudgetRow[] =
    spec.mode === "weights"
      ? [parameters]
      : [
          {
            key: "time",
            name: t.trainingTime,
            limit: t.seconds(budget.trainingSeconds),
            isEnforced: true,
            how: t.trainingTimeHow,
          },
          {
            key: "memory",
            name: t.memory,
            limit: t.mebibytes(budget.memoryMiB.toLocaleString("en")),
            isEnforced: true,
            how: t.memoryHow,
          },
          parameters,
          {
            key: "code",
            name: t.code,
            limit: t.bytes(budget.maxCodeBytes.toLocaleString("en")),
            isEnforced: true,
            how: t.codeHow,
          },
          {
            key: "epochs",
            name: t.epochs,
            limit: t.epochCount(budget.maxEpochs),
            isEnforced: false,
            how: t.epochsHow,
          },
        ];
  return (
    <DataTable
      caption={t.caption}
      rows={rows}
      rowKey={(row) => row.key}
      testId="lab-budget"
      columns={[
        { key: "name", header: t.budget, cell: (row) => row.name, isRowHeader: true },
        { key: "limit", header: t.limit, cell: (row) => row.limit },
        {
          key: "how",
          header: t.howHeld,
          cell: (row) => (
            <>
              <strong>{row.isEnforced ? t.enforced : t.guide}.</strong> <CodeText text={row.how} />
            </>
          ),
        },
      ]}
    />
  );
}
