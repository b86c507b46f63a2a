import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { getCertificateView } from "@/lib/certificates/get-certificate-view";
import { getLocale } from "@/lib/i18n/locale";
import { verifyMessagesFor, type VerifyMessages } from "@/lib/i18n/verify-messages";
import { verifyUrl } from "@/lib/certificates/urls";
import { SHARED_PAGE_META } from "@/lib/page-cache/shared-page-marker";
import { VerdictPanel } from "../verdict-panel";
import { StatusForm } from "./status-form";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  // Holders choose what strangers see; search engines are strangers too. What a stranger sees is
  // the same for every stranger, so the web server may share it; a signed-in viewer's is their own.
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  const isStranger = user === null;
  return {
    title: verifyMessagesFor(locale).certificate.title,
    robots: { index: false },
    ...(isStranger ? { other: SHARED_PAGE_META } : {}),
  };
}

function shareLinks(
  url: string,
  courseName: string,
  publicId: string,
  issuedAt: string,
  t: VerifyMessages["certificate"],
) {
  const text = t.shareText(courseName);
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
    { label: t.linkedIn, href: linkedIn.toString() },
    { label: t.x, href: `https://twitter.com/intent/tweet?${new URLSearchParams({ text, url }).toString()}` },
    {
      label: t.email,
      href: `mailto:?${new URLSearchParams({ subject: t.shareSubject(courseName), body: `${text}\n${url}` }).toString().replace(/\+/g, "%20")}`,
    },
  ];
}

export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [view, locale] = await Promise.all([getCertificateView(id, await getCurrentUser()), getLocale()]);
  if (!view) notFound();
  const t = verifyMessagesFor(locale).certificate;
  const url = verifyUrl(view.publicId);
  const isHiddenFromViewer = !view.isPublic && !view.details && view.status !== "not_genuine";
  return (
    <>
      <h1>{t.title}</h1>
      {view.isHolder && !view.isPublic && <p className="muted">{t.privateToYou}</p>}
      <VerdictPanel
        status={view.status}
        problems={view.problems}
        details={view.details}
        isPrivate={isHiddenFromViewer}
        locale={locale}
      />

      {view.details && (
        <section aria-labelledby="downloads">
          <h2 id="downloads">{t.downloads}</h2>
          <p>
            {/* Paper cannot show a later revocation, so only a valid certificate is printed. */}
            {view.status === "valid" && (
              <a className="button" href={`/credentials/${view.publicId}/pdf`} download>
                {t.pdf}
              </a>
            )}{" "}
            <a href={`/credentials/${view.publicId}?download=1&format=embedded-proof`} download>
              {t.jsonLd}
            </a>{" "}
            ·{" "}
            <a href={`/credentials/${view.publicId}?download=1&format=jwt`} download>
              {t.vcJwt}
            </a>{" "}
            ·{" "}
            <a href={`/credentials/${view.publicId}/json`} download>
              {t.json}
            </a>
            {view.hasObToken && (
              <>
                {" "}
                ·{" "}
                <a href={`/credentials/${view.publicId}/ob-jwt?download=1`} download>
                  {t.obJwt}
                </a>
              </>
            )}
          </p>
          <p>
            {shareLinks(url, view.details.courseName, view.publicId, view.details.issuedAt, t).map((link, index) => (
              <span key={link.label}>
                {index > 0 && " · "}
                <a href={link.href} target="_blank" rel="noopener noreferrer">
                  {link.label}
                </a>
              </span>
            ))}
          </p>
          <label htmlFor="verify-url" className="muted">
            {t.link}
          </label>
          <input id="verify-url" readOnly value={url} style={{ width: "100%" }} />
          <p className="muted">
            {t.checkYourself} <code>npm run verify -- {url.replace("/verify/", "/credentials/")}</code>
            {t.or} <Link href="/verify">{t.uploadFile}</Link>
          </p>
        </section>
      )}

      {view.management && (
        <>
          {view.management.revokedAt ? (
            <p className="muted">
              {t.revokedOn(view.management.revokedAt.toISOString().slice(0, 10))} {view.management.revocationReason}
            </p>
          ) : (
            <>
              {view.management.suspendedAt && (
                <p className="muted">
                  {t.suspendedOn(view.management.suspendedAt.toISOString().slice(0, 10))}{" "}
                  {view.management.suspensionReason}
                </p>
              )}
              <StatusForm publicId={view.publicId} isSuspended={Boolean(view.management.suspendedAt)} locale={locale} />
            </>
          )}
        </>
      )}
    </>
  );
}
