// The signed credential itself (VC-JOSE-COSE), for wallets, verifiers and `npm run verify`.
import { getCurrentUser } from "@/lib/auth";
import { getCredentialForDownload } from "@/lib/certificates/get-credential-for-download";
import { VC_JWT_MEDIA_TYPE } from "@/lib/certificates/vc-jwt";
import { otherMethods, withApiErrors } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id } = await params;
    const { credentialJwt } = await getCredentialForDownload(id, await getCurrentUser());
    const isDownload = new URL(request.url).searchParams.has("download");
    return new Response(credentialJwt, {
      headers: {
        "Content-Type": VC_JWT_MEDIA_TYPE,
        "Cache-Control": "private, no-store",
        ...(isDownload ? { "Content-Disposition": `attachment; filename="certificate-${id}.jwt"` } : {}),
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
