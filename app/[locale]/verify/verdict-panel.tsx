// The verdict at a glance, then the verified details. Used for stored certificates and for
// credentials pasted into /verify alike; everything shown comes from the verified credential.
import type { CredentialSummary, Evidence } from "@/lib/certificates/credential-schema";
import type { VerdictStatus } from "@/lib/certificates/verify-credential";
import { DataTable } from "@/app/_components/data-table";

const HEADLINES: Record<VerdictStatus, { title: string; tone: string; colour: string; symbol: string }> = {
  valid: { title: "Valid certificate", tone: "passed", colour: "var(--good)", symbol: "✓" },
  revoked: { title: "Revoked", tone: "failed", colour: "var(--bad)", symbol: "✗" },
  suspended: { title: "Suspended", tone: "queued", colour: "var(--warn)", symbol: "!" },
  not_genuine: { title: "Not genuine", tone: "failed", colour: "var(--bad)", symbol: "✗" },
  status_unknown: {
    title: "Signature valid, status could not be checked",
    tone: "queued",
    colour: "var(--warn)",
    symbol: "?",
  },
};

const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : "not recorded");

/** A lab's training runs as one cell: how many, the rule, the mean and its 95% interval. */
function runsSummary(item: Evidence): string {
  if (!item.runs || item.runs.length === 0) return "—";
  const scores = item.runs.map((run) => (run.score === null ? "—" : run.score.toFixed(4))).join(", ");
  if (item.runs.length === 1) return `1 (seed ${item.runs[0]?.seed ?? "—"})`;
  const mean = item.mean === null || item.mean === undefined ? "" : `; mean ${item.mean.toFixed(4)}`;
  const interval = item.interval
    ? `, 95% interval ${item.interval.low.toFixed(4)} to ${item.interval.high.toFixed(4)}`
    : "";
  const rule = item.rule === "every" ? "every run must pass" : "the mean must pass";
  return `${item.runs.length} (${rule}): ${scores}${mean}${interval}`;
}

export function VerdictPanel({
  status,
  problems,
  details,
  isPrivate = false,
}: {
  status: VerdictStatus;
  problems: string[];
  details: CredentialSummary | null;
  isPrivate?: boolean;
}) {
  const headline = HEADLINES[status];
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
          {headline.title}
        </h2>
        {status === "valid" && (
          <p className="muted">
            The signature checks out against the issuer&apos;s published key, the issuer&apos;s signed revocation list
            does not show it revoked, and the issuer has not suspended it.
          </p>
        )}
        {problems.length > 0 && (
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {isPrivate && (
          <p data-testid="private-note">
            The holder has made this certificate private: it exists, and its status is shown above, but its details are
            not.
          </p>
        )}
      </section>

      {details && (
        <>
          <dl
            className="card"
            data-testid="certificate-details"
            style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.4rem 1rem" }}
          >
            <dt>Holder</dt>
            <dd data-testid="holder">{details.holderName}</dd>
            <dt>Course</dt>
            <dd data-testid="course">{details.courseName}</dd>
            <dt>Issued</dt>
            <dd>{details.issuedAt.slice(0, 10)}</dd>
            <dt>Final score</dt>
            <dd data-testid="score">
              {details.score.toFixed(1)}% (pass mark {details.passMark}%)
            </dd>
            <dt>Issuer</dt>
            <dd>
              {details.issuerName} <span className="muted">({details.issuerId})</span>
            </dd>
          </dl>
          {details.evidence.length > 0 && (
            <>
              <h3>Evidence</h3>
              <DataTable
                caption="Evidence"
                rows={details.evidence}
                rowKey={(item) => item.lab}
                columns={[
                  { key: "lab", header: "Lab", cell: (item) => item.name },
                  {
                    key: "score",
                    header: "Score",
                    cell: (item) =>
                      item.score === null
                        ? "—"
                        : `${item.score.toFixed(4)}${item.threshold === null ? "" : ` (needed ${item.threshold})`}`,
                  },
                  {
                    key: "code",
                    header: "Code sha256",
                    cell: (item) => <code title={item.codeSha256}>{short(item.codeSha256)}</code>,
                  },
                  {
                    key: "held-out",
                    header: "Held-out sha256",
                    cell: (item) => <code title={item.heldOutSha256 ?? undefined}>{short(item.heldOutSha256)}</code>,
                  },
                  { key: "grader", header: "Grader", cell: (item) => item.graderVersion ?? "—" },
                  { key: "backend", header: "Backend", cell: (item) => item.backend ?? "—" },
                  { key: "seed", header: "Seed", cell: (item) => item.seed ?? "—" },
                  { key: "runs", header: "Training runs", cell: runsSummary },
                ]}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
