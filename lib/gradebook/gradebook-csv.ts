import type { Gradebook } from "./get-gradebook";

// A spreadsheet runs a cell starting with one of these as a formula; a learner's name must not.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text = String(value);
  const safe = typeof value === "string" && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV: one row per learner, three columns per lab (best score, passed, attempts). */
export function gradebookToCsv(gradebook: Gradebook): string {
  const header = ["learner_name", "learner_email", ...gradebook.labs.flatMap((lab) => [`${lab.slug}_best_${lab.metric.name}`, `${lab.slug}_passed`, `${lab.slug}_attempts`])];
  const lines = [header.map(csvCell).join(",")];
  for (const row of gradebook.rows) {
    const cells = row.cells.flatMap((cell) => [cell.bestScore, cell.isPassed, cell.attempts]);
    lines.push([row.learner.name, row.learner.email, ...cells].map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
