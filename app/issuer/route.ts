// The issuer: its Open Badges 3.0 Profile, which is also the controller document listing every key
// it has signed with (retired ones too), so Data Integrity verifiers can check its proofs.
import { publicUrl } from "@/lib/env";
import { otherMethods } from "@/lib/api/responses";
import { findIssuerDocument } from "@/lib/certificates/issuer-documents";
import { issuerId } from "@/lib/certificates/urls";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(await findIssuerDocument(new URL(issuerId(publicUrl))), {
    headers: {
      "Content-Type": "application/ld+json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
