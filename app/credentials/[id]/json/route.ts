// The same signed credential as a JSON document: a VC 2.0 EnvelopedVerifiableCredential.
import { getCurrentUser } from "@/lib/auth";
import { getCredentialForDownload } from "@/lib/certificates/get-credential-for-download";
import { envelopeJwt } from "@/lib/certificates/verify-credential";
import { otherMethods, withApiErrors } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id } = await params;
    const { credentialJwt } = await getCredentialForDownload(id, await getCurrentUser());
    return new Response(JSON.stringify(envelopeJwt(credentialJwt), null, 2), {
      headers: {
        "Content-Type": "application/json",
        "Cache-Control": "private, no-store",
        "Content-Disposition": `attachment; filename="certificate-${id}.json"`,
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
