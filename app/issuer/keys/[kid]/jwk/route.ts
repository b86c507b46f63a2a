// One published public key as a JWK: what the `kid` URL in every credential token dereferences to,
// as Open Badges 3.0 asks of a VC-JWT's `kid`. Retired keys stay here for what they signed.
import { z } from "zod";
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { findPublishedKey } from "@/lib/certificates/list-published-keys";
import { keyJwkUrl, THUMBPRINT_PATTERN } from "@/lib/certificates/urls";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The route's segment: the key's RFC 7638 thumbprint. */
const ThumbprintSchema = z.string().regex(THUMBPRINT_PATTERN);

export const GET = withApiErrors(
  async (_request: Request, { params }: { params: Promise<{ kid: string }> }): Promise<Response> => {
    const thumbprint = ThumbprintSchema.safeParse((await params).kid);
    const key = thumbprint.success ? await findPublishedKey(thumbprint.data) : null;
    if (!key) throw new NotFoundError("No such key: this issuer never published it.");
    return Response.json(
      { ...key, kid: keyJwkUrl(key.kid) },
      {
        headers: {
          "Content-Type": "application/jwk+json",
          // A key id names one key for good, so the answer never changes.
          "Cache-Control": "public, max-age=86400",
          "Access-Control-Allow-Origin": "*",
        },
      },
    );
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
