// The signed credential itself, for wallets, verifiers and `npm run verify`: the VC-JOSE-COSE form
// (application/vc+jwt) by default, the Open Badges 3.0 VC-JWT when the client asks for application/jwt.
import { getCurrentUser } from "@/lib/auth";
import { getCredentialForDownload } from "@/lib/certificates/get-credential-for-download";
import { VC_JWT_MEDIA_TYPE } from "@/lib/certificates/vc-jwt";
import { otherMethods, withApiErrors } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

/** Asks for the OB 3.0 token (RFC 7519's media type) rather than the VC-JOSE-COSE one. */
function wantsObJwt(accept: string | null): boolean {
  const types = (accept ?? "").split(",").map((part) => part.split(";")[0]?.trim().toLowerCase());
  return types.includes("application/jwt") && !types.includes(VC_JWT_MEDIA_TYPE);
}

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id } = await params;
    const { credentialJwt, obCredentialJwt } = await getCredentialForDownload(id, await getCurrentUser());
    const isOb = wantsObJwt(request.headers.get("accept")) && obCredentialJwt !== null;
    const isDownload = new URL(request.url).searchParams.has("download");
    return new Response(isOb ? obCredentialJwt : credentialJwt, {
      headers: {
        "Content-Type": isOb ? "application/jwt" : VC_JWT_MEDIA_TYPE,
        "Cache-Control": "private, no-store",
        Vary: "Accept",
        ...(isDownload ? { "Content-Disposition": `attachment; filename="certificate-${id}.jwt"` } : {}),
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
