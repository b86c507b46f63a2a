import { Link } from "@/lib/i18n/navigation";

export default function CertificateNotFound() {
  return (
    <>
      <h1>Verify a certificate</h1>
      <section
        className="card"
        data-testid="verdict"
        data-status="not_genuine"
        style={{ borderLeft: "6px solid var(--bad)" }}
      >
        <h2 style={{ marginTop: 0 }}>
          <span className="badge failed" aria-hidden="true">
            ✗
          </span>{" "}
          Not genuine
        </h2>
        <p>
          No certificate was issued with this id. Check the link, or{" "}
          <Link href="/verify">verify the credential file itself</Link>.
        </p>
      </section>
    </>
  );
}
