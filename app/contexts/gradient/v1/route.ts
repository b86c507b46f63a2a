// Our JSON-LD context, the terms Gradient adds to its credentials; the same file the local
// document loader reads. It never changes under this address: a new version gets a new one.
import { otherMethods } from "@/lib/api/responses";
import { GRADIENT_CONTEXT } from "@/lib/certificates/jsonld-contexts";

export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  return Response.json(GRADIENT_CONTEXT, {
    headers: {
      "Content-Type": "application/ld+json",
      "Cache-Control": "public, max-age=86400",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
