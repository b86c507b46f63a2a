// The verdict at a glance, then the verified details. Used for stored certificates and for
// credentials pasted into /verify alike; everything shown comes from the verified credential.
import type { CredentialSummary, Evidence } from "@/lib/certificates/credential-schema";
import type { VerdictStatus } from "@/lib/certificates/verify-credential";
import type { Locale } from "@/lib/courses/content-schema";
import { verdictProblemText } from "@/lib/i18n/verdict-problem-text";
import { verifyMessagesFor, type VerifyMessages } from "@/lib/i18n/verify-messages";
import { DataTable } from "@/app/_components/data-table";

const HEADLINES: Record<VerdictStatus, { tone: string; colour: string; symbol: string }> = {
  valid: { tone: "passed", colour: "var(--good)", symbol: "✓" },
  revoked: { tone: "failed", colour: "var(--bad)", symbol: "✗" },
  suspended: { tone: "queued", colour: "var(--warn)", symbol: "!" },
  not_genuine: { tone: "failed", colour: "var(--bad)", symbol: "✗" },
  status_unknown: { tone: "queued", colour: "var(--warn)", symbol: "?" },
};

/** A lab's training runs as one cell: how many, the rule, the mean and its 95% interval. */
function runsSummary(item: Evidence, t: VerifyMessages["verdict"]): string {
  if (!item.runs || item.runs.length === 0) return "—";
  const scores = item.runs.map((run) => (run.score === null ? "—" : run.score.toFixed(4))).join(", ");
  if (item.runs.length === 1) return t.oneRun(String(item.runs[0]?.seed ?? "—"));
  const mean = item.mean === null || item.mean === undefined ? "" : t.mean(item.mean.toFixed(4));
  const interval = item.interval ? t.interval(item.interval.low.toFixed(4), item.interval.high.toFixed(4)) : "";
  const rule = item.rule === "every" ? t.ruleEvery : t.ruleMean;
  return `${item.runs.length} (${rule}): ${scores}${mean}${interval}`;
}

export function VerdictPanel({
  status,
  problems,
  details,
  isPrivate = false,
  locale,
}: {
  status: VerdictStatus;
  problems: string[];
  details: CredentialSummary | null;
  isPrivate?: boolean;
  locale: Locale;
}) {
  const headline = HEADLINES[status];
  const t = verifyMessagesFor(locale).verdict;
  const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : t.notRecorded);
  return (
    <>
      <section
        className="card"
        aria-labelledby="verdict"
        data-testid="verdict"
        data-status={status}
        style={{ borderLeft: `6px solid ${headline.colour}` }}
      >
        <h2 id="verdict" style={{ marginTop: 0 }}>
          <span className={`badge ${headline.tone}`} aria-hidden="true">
            {headline.symbol}
          </span>{" "}
          {t.headlines[status]}
        </h2>
        {status === "valid" && <p className="muted">{t.validBody}</p>}
        {problems.length > 0 && (
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{verdictProblemText(problem, locale)}</li>
            ))}
          </ul>
        )}
        {isPrivate && <p data-testid="private-note">{t.privateNote}</p>}
      </section>

      {details && (
        <>
          <dl
            className="card"
            data-testid="certificate-details"
            style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.4rem 1rem" }}
          >
            <dt>{t.holder}</dt>
            <dd data-testid="holder">{details.holderName}</dd>
            <dt>{t.course}</dt>
            {/* The signed credential's own words, shown as issued. */}
            <dd data-testid="course" translate="no">
              {details.courseName}
            </dd>
            <dt>{t.issued}</dt>
            <dd>{details.issuedAt.slice(0, 10)}</dd>
            <dt>{t.finalScore}</dt>
            <dd data-testid="score">{t.scoreValue(details.score.toFixed(1), details.passMark)}</dd>
            <dt>{t.issuer}</dt>
            <dd>
              {details.issuerName} <span className="muted">({details.issuerId})</span>
            </dd>
          </dl>
          {details.evidence.length > 0 && (
            <>
              <h3>{t.evidence}</h3>
              <DataTable
                caption={t.evidence}
                rows={details.evidence}
                rowKey={(item) => item.lab}
                columns={[
                  { key: "lab", header: t.lab, cell: (item) => <span translate="no">{item.name}</span> },
                  {
                    key: "score",
                    header: t.score,
                    cell: (item) =>
                      item.score === null
                        ? "—"
                        : `${item.score.toFixed(4)}${item.threshold === null ? "" : ` ${t.needed(item.threshold)}`}`,
                  },
                  {
                    key: "code",
                    header: t.codeHash,
                    cell: (item) => <code title={item.codeSha256}>{short(item.codeSha256)}</code>,
                  },
                  {
                    key: "held-out",
                    header: t.heldOutHash,
                    cell: (item) => <code title={item.heldOutSha256 ?? undefined}>{short(item.heldOutSha256)}</code>,
                  },
                  // Identifiers the grader recorded, not words: shown as code.
                  {
                    key: "grader",
                    header: t.grader,
                    cell: (item) => (item.graderVersion ? <code>{item.graderVersion}</code> : "—"),
                  },
                  {
                    key: "backend",
                    header: t.backend,
                    cell: (item) => (item.backend ? <code>{item.backend}</code> : "—"),
                  },
                  { key: "seed", header: t.seed, cell: (item) => item.seed ?? "—" },
                  { key: "runs", header: t.runs, cell: (item) => runsSummary(item, t) },
                ]}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
