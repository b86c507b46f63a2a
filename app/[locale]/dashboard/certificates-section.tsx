// The learner's certificates on the dashboard, each with its verify link and who may see it.
import { listUserCertificates } from "@/lib/certificates/list-user-certificates";
import { VisibilityForm } from "./visibility-form";
import { Link } from "@/lib/i18n/navigation";

export async function CertificatesSection({ userId }: { userId: string }) {
  const certificates = await listUserCertificates(userId);
  return (
    <section aria-labelledby="certificates-heading" data-testid="certificates">
      <h2 id="certificates-heading">Certificates</h2>
      {certificates.length === 0 ? (
        <p className="empty">
          No certificates yet. Pass a course and yours will appear here, with a link anyone can verify.
        </p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {certificates.map((certificate) => (
            <li key={certificate.publicId} className="card" data-testid="certificate">
              <h3 style={{ marginTop: 0 }}>
                {certificate.courseTitle}{" "}
                {certificate.isNew && !certificate.revokedAt && <span className="badge passed">new</span>}
              </h3>
              <p className="muted">
                Issued {certificate.issuedAt.toISOString().slice(0, 10)} · score {certificate.score.toFixed(1)}% (pass
                mark {certificate.passMark}%)
                {certificate.revokedAt && <span className="badge failed"> revoked</span>}
                {!certificate.revokedAt && certificate.suspendedAt && <span className="badge queued"> suspended</span>}
              </p>
              <p>
                <Link href={`/verify/${certificate.publicId}`}>Open the verify page</Link>
              </p>
              <VisibilityForm publicId={certificate.publicId} isPublic={certificate.isPublic} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
