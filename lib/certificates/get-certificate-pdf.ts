import type { CurrentUser } from "../auth";
import type { Locale } from "../courses/content-schema";
import { ConflictError, NotFoundError } from "../errors";
import { getCertificateView } from "./get-certificate-view";
import { renderCertificatePdf } from "./render-certificate-pdf";
import { verifyUrl } from "./urls";

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
  return renderCertificatePdf(view.details, verifyUrl(publicId), locale);
}
