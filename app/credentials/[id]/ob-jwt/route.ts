// The Open Badges 3.0 VC-JWT of a certificate, served as OB 3.0 asks of a web resource (the
// compact JWS as text/plain), under the same access rules as the other forms.
import { getCurrentUser } from "@/lib/auth";
import { getCredentialForDownload } from "@/lib/certificates/get-credential-for-download";
import { OB_JWT_MEDIA_TYPE } from "@/lib/certificates/ob-jwt";
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id } = await params;
    const { obCredentialJwt } = await getCredentialForDownload(id, await getCurrentUser());
    if (!obCredentialJwt)
      throw new NotFoundError(
        "This certificate was issued before its Open Badges token form existed; its signed credential is at " +
          `/credentials/${id}.`,
      );
    const isDownload = new URL(request.url).searchParams.has("download");
    return new Response(obCredentialJwt, {
      headers: {
        "Content-Type": `${OB_JWT_MEDIA_TYPE}; charset=utf-8`,
        "Cache-Control": "private, no-store",
        ...(isDownload ? { "Content-Disposition": `attachment; filename="certificate-${id}.ob.jwt"` } : {}),
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
