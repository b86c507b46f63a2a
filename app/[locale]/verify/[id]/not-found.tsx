import { DocumentTitle } from "@/app/_components/document-title";
import { getLocale } from "@/lib/i18n/locale";
import { verifyMessagesFor } from "@/lib/i18n/verify-messages";
import { Link } from "@/lib/i18n/navigation";

export default async function CertificateNotFound() {
  const t = verifyMessagesFor(await getLocale());
  return (
    <>
      <DocumentTitle title={`${t.verify.title} · Gradient`} />
      <h1>{t.verify.title}</h1>
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
          {t.verdict.headlines.not_genuine}
        </h2>
        <p>
          {t.certificate.notIssued} <Link href="/verify">{t.certificate.verifyFile}</Link>
        </p>
      </section>
    </>
  );
}
