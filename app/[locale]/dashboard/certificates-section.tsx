// The learner's certificates on the dashboard, each with its verify link and who may see it.
import { listUserCertificates } from "@/lib/certificates/list-user-certificates";
import type { Locale } from "@/lib/courses/content-schema";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { VisibilityForm } from "./visibility-form";
import { Link } from "@/lib/i18n/navigation";

export async function CertificatesSection({ userId, locale }: { userId: string; locale: Locale }) {
  const certificates = await listUserCertificates(userId);
  const t = accountMessagesFor(locale).certificates;
  return (
    <section aria-labelledby="certificates-heading" data-testid="certificates">
      <h2 id="certificates-heading">{t.heading}</h2>
      {certificates.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {certificates.map((certificate) => (
            <li key={certificate.publicId} className="card" data-testid="certificate">
              <h3 style={{ marginTop: 0 }}>
                {certificate.courseTitle}{" "}
                {certificate.isNew && !certificate.revokedAt && <span className="badge passed">{t.isNew}</span>}
              </h3>
              <p className="muted">
                {t.issued(
                  certificate.issuedAt.toISOString().slice(0, 10),
                  certificate.score.toFixed(1),
                  certificate.passMark,
                )}
                {certificate.revokedAt && <span className="badge failed"> {t.revoked}</span>}
                {!certificate.revokedAt && certificate.suspendedAt && (
                  <span className="badge queued"> {t.suspended}</span>
                )}
              </p>
              <p>
                <Link href={`/verify/${certificate.publicId}`}>{t.open}</Link>
              </p>
              <VisibilityForm publicId={certificate.publicId} isPublic={certificate.isPublic} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
