// The signed credential itself, for wallets, verifiers and `npm run verify`: by default the JSON
// with its embedded eddsa-rdfc-2022 proof; `Accept: application/vc+jwt` (or `?format=jwt`, for a link,
// which cannot set Accept) gets the VC-JOSE-COSE JWT. Certificates issued before embedded proofs
// have only the JWT, which they get whatever is asked.
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth";
import { negotiateCredentialForm } from "@/lib/certificates/credential-media-types";
import { getCredentialForDownload } from "@/lib/certificates/get-credential-for-download";
import { VC_JWT_MEDIA_TYPE } from "@/lib/certificates/vc-jwt";
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { parseInput } from "@/lib/validation";

const QuerySchema = z.object({
  /** Overrides Accept, for download links. */
  format: z.enum(["jwt", "embedded-proof"]).optional(),
  download: z.string().optional(),
});

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id } = await params;
    const { credentialJwt, credential } = await getCredentialForDownload(id, await getCurrentUser());
    const query = parseInput(QuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const negotiated = negotiateCredentialForm(
      query.format === "jwt" ? VC_JWT_MEDIA_TYPE : query.format ? "application/ld+json" : request.headers.get("accept"),
    );
    const isDownload = query.download !== undefined;
    const headers = { "Cache-Control": "private, no-store", Vary: "Accept, Cookie" };
    if (negotiated.form === "embedded-proof" && credential) {
      return new Response(JSON.stringify(credential, null, 2), {
        headers: {
          ...headers,
          "Content-Type": negotiated.mediaType,
          ...(isDownload ? { "Content-Disposition": `attachment; filename="certificate-${id}.json"` } : {}),
        },
      });
    }
    return new Response(credentialJwt, {
      headers: {
        ...headers,
        "Content-Type": VC_JWT_MEDIA_TYPE,
        ...(isDownload ? { "Content-Disposition": `attachment; filename="certificate-${id}.jwt"` } : {}),
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
