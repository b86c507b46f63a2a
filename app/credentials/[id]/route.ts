// The signed credential itself, for wallets, verifiers and `npm run verify`. By default the JSON with
// its embedded eddsa-rdfc-2022 proof; `Accept: application/vc+jwt` gets the VC-JOSE-COSE JWT and
// `Accept: application/jwt` the Open Badges 3.0 VC-JWT (or `?format=`, for a link, which cannot set
// Accept). Certificates issued before a form existed get the VC-JOSE-COSE JWT, which they all have.
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth";
import { negotiateCredentialForm, OB_JWT_MEDIA_TYPE } from "@/lib/certificates/credential-media-types";
import { getCredentialForDownload } from "@/lib/certificates/get-credential-for-download";
import { VC_JWT_MEDIA_TYPE } from "@/lib/certificates/vc-jwt";
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { parseInput } from "@/lib/validation";

const QuerySchema = z.object({
  /** Overrides Accept, for download links. */
  format: z.enum(["jwt", "ob-jwt", "embedded-proof"]).optional(),
  download: z.string().optional(),
});

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const { id } = await params;
    const { credentialJwt, obCredentialJwt, credential } = await getCredentialForDownload(id, await getCurrentUser());
    const query = parseInput(QuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const asked = { jwt: VC_JWT_MEDIA_TYPE, "ob-jwt": OB_JWT_MEDIA_TYPE, "embedded-proof": "application/ld+json" };
    const negotiated = negotiateCredentialForm(query.format ? asked[query.format] : request.headers.get("accept"));
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
    const isOb = negotiated.form === "ob-jwt" && obCredentialJwt !== null;
    return new Response(isOb ? obCredentialJwt : credentialJwt, {
      headers: {
        ...headers,
        "Content-Type": isOb ? OB_JWT_MEDIA_TYPE : VC_JWT_MEDIA_TYPE,
        ...(isDownload ? { "Content-Disposition": `attachment; filename="certificate-${id}.jwt"` } : {}),
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
