import { buildOpenApiDocument } from "@/lib/api/openapi";
import { publicUrl } from "@/lib/env";
import { otherMethods } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument(publicUrl));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
