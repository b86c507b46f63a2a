import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { getCertificateView } from "@/lib/certificates/get-certificate-view";
import { verifyUrl } from "@/lib/certificates/urls";
import { SHARED_PAGE_META } from "@/lib/page-cache/shared-page-marker";
import { VerdictPanel } from "../verdict-panel";
import { StatusForm } from "./status-form";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  // Holders choose what strangers see; search engines are strangers too. What a stranger sees is
  // the same for every stranger, so the web server may share it; a signed-in viewer's is their own.
  const isStranger = (await getCurrentUser()) === null;
  return { title: "Certificate", robots: { index: false }, ...(isStranger ? { other: SHARED_PAGE_META } : {}) };
}

function shareLinks(url: string, courseName: string, publicId: string, issuedAt: string) {
  const text = `I earned the certificate for ${courseName} on Gradient.`;
  const linkedIn = new URL("https://www.linkedin.com/profile/add");
  linkedIn.search = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: courseName,
    organizationName: "Gradient",
    issueYear: issuedAt.slice(0, 4),
    issueMonth: String(Number(issuedAt.slice(5, 7))),
    certUrl: url,
    certId: publicId,
  }).toString();
  return [
    { label: "Add to LinkedIn", href: linkedIn.toString() },
    { label: "Share on X", href: `https://twitter.com/intent/tweet?${new URLSearchParams({ text, url }).toString()}` },
    {
      label: "Email",
      href: `mailto:?${new URLSearchParams({ subject: `Certificate: ${courseName}`, body: `${text}\n${url}` }).toString().replace(/\+/g, "%20")}`,
    },
  ];
}

export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = await getCertificateView(id, await getCurrentUser());
  if (!view) notFound();
  const url = verifyUrl(view.publicId);
  const isHiddenFromViewer = !view.isPublic && !view.details && view.status !== "not_genuine";
  return (
    <>
      <h1>Certificate</h1>
      {view.isHolder && !view.isPublic && (
        <p className="muted">
          Only you see the details: this certificate is private. Make it public from your dashboard.
        </p>
      )}
      <VerdictPanel
        status={view.status}
        problems={view.problems}
        details={view.details}
        isPrivate={isHiddenFromViewer}
      />

      {view.details && (
        <section aria-labelledby="downloads">
          <h2 id="downloads">Download and share</h2>
          <p>
            {/* Paper cannot show a later revocation, so only a valid certificate is printed. */}
            {view.status === "valid" && (
              <a className="button" href={`/credentials/${view.publicId}/pdf`} download>
                PDF certificate
              </a>
            )}{" "}
            <a href={`/credentials/${view.publicId}?download=1&format=embedded-proof`} download>
              Signed credential (JSON-LD)
            </a>{" "}
            ·{" "}
            <a href={`/credentials/${view.publicId}?download=1&format=jwt`} download>
              VC-JOSE-COSE token (.jwt)
            </a>{" "}
            ·{" "}
            <a href={`/credentials/${view.publicId}/json`} download>
              JSON
            </a>
            {view.hasObToken && (
              <>
                {" "}
                ·{" "}
                <a href={`/credentials/${view.publicId}/ob-jwt?download=1`} download>
                  Open Badges 3.0 token (.jwt)
                </a>
              </>
            )}
          </p>
          <p>
            {shareLinks(url, view.details.courseName, view.publicId, view.details.issuedAt).map((link, index) => (
              <span key={link.label}>
                {index > 0 && " · "}
                <a href={link.href} target="_blank" rel="noopener noreferrer">
                  {link.label}
                </a>
              </span>
            ))}
          </p>
          <label htmlFor="verify-url" className="muted">
            Link to this page
          </label>
          <input id="verify-url" readOnly value={url} style={{ width: "100%" }} />
          <p className="muted">
            Check it yourself: <code>npm run verify -- {url.replace("/verify/", "/credentials/")}</code>, or{" "}
            <Link href="/verify">upload the file</Link>.
          </p>
        </section>
      )}

      {view.management && (
        <>
          {view.management.revokedAt ? (
            <p className="muted">
              Revoked on {view.management.revokedAt.toISOString().slice(0, 10)}: {view.management.revocationReason}
            </p>
          ) : (
            <>
              {view.management.suspendedAt && (
                <p className="muted">
                  Suspended on {view.management.suspendedAt.toISOString().slice(0, 10)}:{" "}
                  {view.management.suspensionReason}
                </p>
              )}
              <StatusForm publicId={view.publicId} isSuspended={Boolean(view.management.suspendedAt)} />
            </>
          )}
        </>
      )}
    </>
  );
}
