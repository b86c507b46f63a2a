// The platform's public signing keys, current and retired, for anyone verifying a certificate.
import { otherMethods } from "@/lib/api/responses";
import { listPublishedKeys } from "@/lib/certificates/list-published-keys";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(await listPublishedKeys(), {
    headers: {
      "Content-Type": "application/jwk-set+json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
