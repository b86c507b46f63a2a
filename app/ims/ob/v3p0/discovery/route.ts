// The Open Badges 3.0 Service Description Document: public, and the same for everyone.
import { discoveryDocument } from "@/lib/ob-api/discovery-document";
import { imsxMethodNotAllowed } from "@/lib/ob-api/imsx-responses";

export function GET(): Response {
  return Response.json(discoveryDocument(), { headers: { "cache-control": "public, max-age=3600" } });
}

const refuse = imsxMethodNotAllowed("GET", "The Service Description Document is read with GET.");
export const POST = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
