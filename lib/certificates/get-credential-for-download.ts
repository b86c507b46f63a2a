// The signed credential (the JWT, and the embedded-proof JSON when it has one) behind /credentials/<id> and the downloads: public certificates to
// anyone, private ones only to the holder and the people who manage them.
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { canSeeCertificateDetails } from "./certificate-access";
import { PublicIdSchema } from "./public-id";

export async function getCredentialForDownload(
  publicId: string,
  viewer: CurrentUser | null,
): Promise<{ credentialJwt: string; obCredentialJwt: string | null; credential: unknown }> {
  const certificate = PublicIdSchema.safeParse(publicId).success
    ? await db.certificate.findUnique({
        where: { publicId },
        select: {
          userId: true,
          courseId: true,
          isPublic: true,
          credentialJwt: true,
          obCredentialJwt: true,
          credential: true,
        },
      })
    : null;
  // Private looks exactly like missing, so the holder's choice is not undone by a status code.
  if (!certificate || !(await canSeeCertificateDetails(viewer, certificate)))
    throw new NotFoundError("No such certificate.");
  return {
    credentialJwt: certificate.credentialJwt,
    obCredentialJwt: certificate.obCredentialJwt,
    credential: certificate.credential,
  };
}
