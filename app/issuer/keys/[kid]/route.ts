// One of the issuer's keys as a Multikey verification method: what a proof's verificationMethod
// names. Published keys never change, so it may be cached for long.
import { otherMethods } from "@/lib/api/responses";
import { findIssuerDocument } from "@/lib/certificates/issuer-documents";
import { verificationMethodId } from "@/lib/certificates/urls";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ kid: string }> }): Promise<Response> {
  const { kid } = await params;
  const document = await findIssuerDocument(new URL(verificationMethodId(kid)));
  if (!document)
    return Response.json({ error: { code: "not_found", message: "The issuer has no such key." } }, { status: 404 });
  return Response.json(document, {
    headers: {
      "Content-Type": "application/ld+json",
      "Cache-Control": "public, max-age=86400",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
