// The signed credential itself (VC-JOSE-COSE), for wallets, verifiers and `npm run verify`.
import { getCurrentUser } from "@/lib/auth";
import { getCredentialForDownload } from "@/lib/certificates/get-credential-for-download";
import { VC_JWT_MEDIA_TYPE } from "@/lib/certificates/vc-jwt";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  try {
    const { credentialJwt } = await getCredentialForDownload(id, await getCurrentUser());
    const isDownload = new URL(request.url).searchParams.has("download");
    return new Response(credentialJwt, {
      headers: {
        "Content-Type": VC_JWT_MEDIA_TYPE,
        "Cache-Control": "private, no-store",
        ...(isDownload ? { "Content-Disposition": `attachment; filename="certificate-${id}.jwt"` } : {}),
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
    throw error;
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
