import type { CurrentUser } from "../auth";
import { localize } from "../courses/localize";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { getCertificateView } from "./get-certificate-view";
import { renderCertificatePdf } from "./render-certificate-pdf";
import { verifyUrl } from "./urls";

/**
 * The course's title in the reader's language. A credential is signed with the course's English
 * title; the course's own translation of that title is printed instead, but only while the
 * English title is still the one signed, so the paper never names a course the credential does not.
 */
async function courseTitleFor(publicId: string, signedTitle: string, locale: Locale): Promise<string> {
  if (locale === "en") return signedTitle;
  const certificate = await db.certificate.findUnique({
    where: { publicId },
    select: { course: { select: { title: true } } },
  });
  const title: unknown = certificate?.course.title;
  if (localize(title, "en") !== signedTitle) return signedTitle;
  return localize(title, locale) || signedTitle;
}

/** The printable certificate, drawn from the verified credential; only while it is valid. */
export async function getCertificatePdf(
  publicId: string,
  viewer: CurrentUser | null,
  locale: Locale = "en",
): Promise<Uint8Array> {
  const view = await getCertificateView(publicId, viewer);
  if (!view?.details) throw new NotFoundError("No such certificate.");
  if (view.status !== "valid")
    throw new ConflictError("Only a valid certificate can be printed; its verify page explains why this one is not.");
  const courseName = await courseTitleFor(publicId, view.details.courseName, locale);
  return renderCertificatePdf({ ...view.details, courseName }, verifyUrl(publicId), locale);
}
