import type { ReactNode } from "react";

/**
 * Source code with line numbers, and under any line whatever the page puts there (review comments, a comment form).
 * No hooks: the learner's page renders it on the server, the grading view inside its client form.
 */
export function NumberedCode({
  code,
  lineLabel,
  below,
  lineAction,
}: {
  code: string;
  /** The accessible name of a line number, e.g. "Line 3". */
  lineLabel: (line: number) => string;
  /** What shows under a line, if anything. */
  below?: (line: number) => ReactNode;
  /** A control in the line's number cell (the grading view's "comment on this line"). */
  lineAction?: (line: number) => ReactNode;
}) {
  const lines = code.split("\n");
  return (
    <div className="card numbered-code" style={{ overflowX: "auto", padding: 0 }} data-testid="numbered-code">
      <table style={{ borderCollapse: "collapse", width: "100%", fontFamily: "var(--font-mono, monospace)" }}>
        <tbody>
          {lines.map((text, index) => {
            const line = index + 1;
            const extra = below?.(line);
            return [
              <tr key={`line-${line}`} data-line={line}>
                <th
                  scope="row"
                  aria-label={lineLabel(line)}
                  style={{ textAlign: "right", padding: "0 0.5rem", userSelect: "none", verticalAlign: "top" }}
                  className="muted"
                >
                  {lineAction ? lineAction(line) : line}
                </th>
                <td style={{ whiteSpace: "pre", padding: "0 0.5rem" }} translate="no">
                  <code>{text || " "}</code>
                </td>
              </tr>,
              extra ? (
                <tr key={`below-${line}`}>
                  <td />
                  <td style={{ padding: "0.25rem 0.5rem", whiteSpace: "normal" }}>{extra}</td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
